"""Character language model: tokenize real text, batch it, train an RNN, generate."""

from __future__ import annotations

import pandas as pd
import streamlit as st
import torch

from rnnviz import charlm, corpus
from rnnviz.jobs import DONE, STOPPED
from rnnviz.plots import charlm as plots
from ui import figures, live, page
from ui.text.language import STRINGS

tr = page.setup(STRINGS, "language.title")
st.markdown(tr("language.intro"))

JOB = "language_job"
DEFAULT_PLAY = "tragedies/hamlet"
DEFAULT_PREFIX = "The king "
# The page's default training (bench/bench_charlm.py measures it against the SPEC recipe).
DEFAULTS = dict(cell="rnn", hidden=256, optimizer="adam", lr=0.01, epochs=30, clip=1.0,
                sampler="sequential")
HIDDEN_SIZES = [32, 64, 128, 256, 512]
PICTURED_BATCHES = 8  # a long corpus has hundreds of batches; the first few show the pattern
SEED = 0

batch_layout = figures.cached(plots.batch_layout)
shifted_labels = figures.cached(plots.shifted_labels)
frequency_bars = figures.cached(plots.frequency_bars)
top_k_heatmap = figures.keyed(plots.top_k_heatmap)  # keyed on what names the generation
epoch_curve = figures.keyed(plots.epoch_curve)  # keyed on (request, records so far)


# --- Shared data -------------------------------------------------------------------------
# Computed once for every session and only read: `figures.memo` neither re-creates a
# decorator on every run (the page file re-executes) nor unpickles a copy on every call.

@figures.memo
def play_names() -> tuple[str, ...]:
    return tuple(corpus.list_plays())


@figures.memo
def play_labels(lang: str) -> dict[str, str]:
    """Every play's label in one language (the selectbox asks for each one on every run)."""
    return {name: play_label(name) for name in play_names()}


def play(name: str) -> tuple[str, str]:
    """A play's text and the fingerprint naming it."""
    text = corpus.load_play(name)
    return text, f"play:{name}:{corpus.content_hash(text)}"


play = figures.memo(play, max_entries=8)


@figures.memo
def python_docs() -> tuple[str, str]:
    text = corpus.python_docs_text()
    return text, f"pydocs:{corpus.content_hash(text)}"


# The fingerprint and token budget name the text encoded (it is not hashed).
encoded = figures.keyed_memo(charlm.encode_text, max_entries=8)


# --- Corpus -------------------------------------------------------------------------------

def play_label(name: str) -> str:
    genre, play = name.split("/")
    return f"{play.replace('-', ' ').title()} ({tr(f'language.genre.{genre}')})"


def uploaded_text() -> tuple[str, str] | None:
    # The MIME type keeps the browser's picker on text files but turns off Streamlit's
    # server-side extension check, which raises instead of reporting: the page checks.
    upload = st.file_uploader(tr("language.upload"), type=["txt", "text/plain"], key="upload",
                              max_upload_size=corpus.MAX_UPLOAD_BYTES // (1024 * 1024),
                              help=tr("language.upload.help"))
    if upload is None:
        st.info(tr("language.upload.prompt"))
        return None
    if not upload.name.lower().endswith(".txt"):
        st.error(tr("language.upload.wrong_type", name=upload.name))
        return None
    try:
        text = corpus.decode_upload(upload.getvalue())
    except corpus.CorpusError as problem:
        st.error(tr(f"language.upload.{problem.reason}", name=upload.name,
                    size=len(upload.getvalue()) / 1024, minimum=corpus.MIN_CORPUS_CHARS))
        return None
    return text, f"upload:{corpus.content_hash(text)}"


def choose_corpus() -> tuple[str, str] | None:
    """The corpus text and a fingerprint naming it (never the text itself)."""
    source = st.radio(tr("language.source"), ["shakespeare", "pydocs", "upload"],
                      format_func=lambda s: tr(f"language.source.{s}"), horizontal=True,
                      key="corpus_source")
    if source == "shakespeare":
        names = play_names()
        if not names:
            st.error(tr("language.no_plays"))
            return None
        name = st.selectbox(tr("language.play"), names,
                            format_func=play_labels(tr.lang).__getitem__,
                            index=names.index(DEFAULT_PLAY) if DEFAULT_PLAY in names else 0,
                            key="play")
        return play(name)
    if source == "pydocs":
        st.caption(tr("language.pydocs.note"))
        return python_docs()
    return uploaded_text()


def corpus_section():
    st.header(tr("language.corpus.header"))
    chosen = choose_corpus()
    if chosen is None:
        return None
    text, fingerprint = chosen
    max_tokens = st.number_input(tr("language.max_tokens"), min_value=100, max_value=200_000,
                                 value=10_000, step=1_000, key="max_tokens",
                                 help=tr("language.max_tokens.help"))
    ids, vocab = encoded((fingerprint, int(max_tokens)), text, int(max_tokens))
    with st.expander(tr("language.corpus.preview"), expanded=False):
        st.text(text[:1200])
    return fingerprint, int(max_tokens), ids, vocab


# --- Vocabulary ---------------------------------------------------------------------------

@st.fragment  # its slider changes nothing else: moving it reruns just this section
def vocabulary_section(ids: list[int], vocab: charlm.Vocab, corpus_key: tuple[str, int]) -> None:
    st.header(tr("language.vocab.header"))
    st.markdown(tr("language.vocab.explain"))
    left, middle, right = st.columns(3)
    left.metric(tr("language.metric.tokens"), f"{len(ids):,}")
    middle.metric(tr("language.metric.vocab"), f"{len(vocab):,}")
    if len(vocab) > 1:
        right.metric(tr("language.metric.top"), plots.shown_token(vocab.idx_to_token[1]),
                     help=tr("language.metric.top.help"))
    top_n = st.slider(tr("language.top_n"), 5, 100, 40, key="top_n")
    shown = min(top_n, len(vocab) - 1)
    fig = frequency_bars(vocab.idx_to_token[1:shown + 1], vocab.counts[1:shown + 1],
                               x_title=tr("language.axis.char"),
                               y_title=tr("language.axis.count"),
                               index_label=tr("language.axis.index"))
    st.plotly_chart(fig, width="stretch", key="freq_chart")
    page.how_to_read(tr, "language.read.freq")
    first = min(30, len(ids))
    # Built and converted to Arrow once per corpus slice and language, for every session.
    table = figures.table(("language.first", *corpus_key, tr.lang), lambda: pd.DataFrame(
        [[plots.shown_token(vocab.idx_to_token[i]) for i in ids[:first]],
         [str(i) for i in ids[:first]]],
        index=[tr("language.row.char"), tr("language.row.index")],
        columns=[str(t) for t in range(first)],
        dtype=object,  # thirty one-cell Arrow string columns cost ~30 ms per rerun
    ))
    st.markdown(tr("language.first_tokens"))
    st.dataframe(table, width="stretch", key="first_tokens")
    page.download_csv(tr, lambda: pd.DataFrame({
        "index": range(len(vocab)),
        "token": list(vocab.idx_to_token),
        "count": list(vocab.counts),
    }), "vocabulary.csv", key="vocab_csv", cache_key=("language.vocab", *corpus_key))


# --- Minibatches --------------------------------------------------------------------------

@figures.memo
def pictured_starts(n_tokens: int, batch_size: int, num_steps: int,
                    ) -> tuple[dict[str, list[list[int]]], int]:
    """The first batches' row starts of each sampler, and where the first row starts."""
    pictured = {}
    for sampler in charlm.SAMPLERS:
        generator = torch.Generator().manual_seed(SEED)
        starts = charlm.batch_starts(sampler, n_tokens, batch_size, num_steps, generator)
        pictured[sampler] = starts[:PICTURED_BATCHES]
    generator = torch.Generator().manual_seed(SEED)
    first_start = charlm.sequential_starts(n_tokens, batch_size, num_steps, generator)[0][0]
    return pictured, first_start


def minibatch_section(ids: list[int], vocab: charlm.Vocab) -> tuple[int, int] | None:
    st.header(tr("language.batch.header"))
    st.markdown(tr("language.batch.explain"))
    left, right = st.columns(2)
    batch_size = int(left.number_input(tr("language.batch_size"), 1, 256, 32, key="batch_size"))
    num_steps = int(right.number_input(tr("language.num_steps"), 2, 200, 35, key="num_steps"))
    try:
        charlm.check_corpus_length(len(ids), batch_size, num_steps)
    except charlm.CorpusTooShort as short:
        st.error(tr("language.error.short", tokens=short.n_tokens, needed=short.needed,
                    batch=batch_size, steps=num_steps))
        return None
    pictured, first_start = pictured_starts(len(ids), batch_size, num_steps)
    columns = st.columns(2)
    for column, sampler in zip(columns, charlm.SAMPLERS, strict=True):
        fig = batch_layout(pictured[sampler], num_steps, len(ids),
                                 title=tr(f"language.sampler.{sampler}"),
                                 x_title=tr("language.axis.position"),
                                 y_title=tr("language.axis.row"),
                                 batch_label=tr("language.axis.batch"))
        column.plotly_chart(fig, width="stretch", key=f"layout_{sampler}")
    st.caption(tr("how_to_read", text=tr("language.read.layout", batches=PICTURED_BATCHES)))
    shown = min(num_steps, 40)
    x = [vocab.idx_to_token[i] for i in ids[first_start:first_start + shown]]
    y = [vocab.idx_to_token[i] for i in ids[first_start + 1:first_start + shown + 1]]
    fig = shifted_labels(x, y, x_title=tr("language.axis.step"),
                               row_names=(tr("language.row.inputs"), tr("language.row.labels")))
    st.plotly_chart(fig, width="stretch", key="shifted_labels")
    page.how_to_read(tr, "language.read.shift")
    return batch_size, num_steps


# --- Training -----------------------------------------------------------------------------

SUGGESTED_LR = {"adam": 0.01, "sgd": 1.0}


def suggest_learning_rate() -> None:
    """SGD wants a learning rate a hundred times Adam's: switch it with the optimizer."""
    st.session_state["lr"] = SUGGESTED_LR[st.session_state["optimizer"]]


def training_controls() -> dict:
    c1, c2, c3, c4 = st.columns(4)
    cell = c1.selectbox(tr("language.cell"), list(charlm.CELLS), key="cell",
                        index=charlm.CELLS.index(DEFAULTS["cell"]), format_func=str.upper)
    hidden = c2.select_slider(tr("language.hidden"), HIDDEN_SIZES, DEFAULTS["hidden"],
                              key="hidden")
    optimizer = c3.selectbox(tr("language.optimizer"), list(charlm.OPTIMIZERS), key="optimizer",
                             format_func=lambda o: tr(f"language.optimizer.{o}"),
                             help=tr("language.optimizer.help"),
                             on_change=suggest_learning_rate)
    lr = c4.number_input(tr("language.lr"), 1e-5, 10.0, DEFAULTS["lr"], format="%.4f",
                         key="lr", help=tr("language.lr.help"))
    c1, c2, c3, c4 = st.columns(4)
    epochs = c1.slider(tr("language.epochs"), 1, 200, DEFAULTS["epochs"], key="epochs")
    sampler = c2.radio(tr("language.sampler"), list(charlm.SAMPLERS),
                       index=charlm.SAMPLERS.index(DEFAULTS["sampler"]), key="sampler",
                       format_func=lambda s: tr(f"language.sampler.{s}"))
    clip_on = c3.toggle(tr("language.clip_on"), True, key="clip_on")
    clip = c3.number_input(tr("language.clip"), 0.01, 100.0, DEFAULTS["clip"], key="clip",
                           disabled=not clip_on)
    onehot = c4.toggle(tr("language.onehot"), False, key="onehot",
                       help=tr("language.onehot.help"))
    return dict(cell=cell, hidden=int(hidden), optimizer=optimizer, lr=float(lr),
                epochs=int(epochs), sampler=sampler, clip=float(clip) if clip_on else None,
                input_mode="onehot" if onehot else "lookup")


def configs(settings: dict, vocab: charlm.Vocab, batch: tuple[int, int]):
    model = charlm.CharLMConfig(len(vocab), settings["hidden"], settings["cell"],
                                settings["input_mode"])
    train = charlm.TrainConfig(
        epochs=settings["epochs"], lr=settings["lr"], optimizer=settings["optimizer"],
        clip=settings["clip"], batch_size=batch[0], num_steps=batch[1],
        sampler=settings["sampler"], seed=SEED, sample_every=max(1, settings["epochs"] // 6),
    )
    return model, train


def current_prefix() -> str:
    # The widget lives in the generation section below; its value is needed here first.
    return st.session_state.get("prefix", DEFAULT_PREFIX)


def draw_training(snap) -> None:
    live.status_line(tr, snap)
    if snap is None or not snap.records:
        return
    records = snap.records
    start, last = records[0], records[-1]
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(tr("language.metric.perplexity"), f"{last['perplexity']:.2f}",
              delta=f"{last['perplexity'] - start['perplexity']:+.2f}", delta_color="inverse",
              help=tr("language.metric.perplexity.help"))
    c2.metric(tr("language.metric.start"), f"{start['perplexity']:.2f}")
    rate = last["tokens_per_s"]
    c3.metric(tr("language.metric.speed"), "–" if rate is None else f"{rate:,.0f}")
    c4.metric(tr("language.metric.epoch"), f"{last['epoch']}")
    trained = [r for r in records if r["epoch"]]
    left, right = st.columns(2)
    epochs = [r["epoch"] for r in records]
    # Every session sharing the run draws the same curves: build them once per new record.
    shown = (st.session_state.get("_language_request"), len(records))
    fig = epoch_curve(("perplexity", *shown), epochs, [r["perplexity"] for r in records],
                      log_y=True, title=tr("language.curve.perplexity"),
                      x_title=tr("language.axis.epoch"),
                      y_title=tr("language.axis.perplexity"),
                      name=tr("language.metric.perplexity"))
    left.plotly_chart(fig, width="stretch", key="ppl_curve")
    clip = st.session_state.get("_language_clip")
    fig = epoch_curve(("grad", *shown), [r["epoch"] for r in trained],
                      [r["grad_norm"] for r in trained],
                      band_max=[r["grad_norm_max"] for r in trained],
                      band_name=tr("language.grad.max"),
                      title=tr("language.curve.grad"), x_title=tr("language.axis.epoch"),
                      y_title=tr("language.axis.grad"), name=tr("language.grad.mean"),
                      threshold=clip or None, threshold_name=tr("language.clip"))
    right.plotly_chart(fig, width="stretch", key="grad_curve")
    page.how_to_read(tr, "language.read.curves")
    samples = [(r["epoch"], r["sample"]) for r in records if r["sample"] is not None]
    if samples:
        prefix = st.session_state.get("_language_prefix", "")
        st.markdown(tr("language.samples", prefix=prefix))
        lines = [f"[{tr('language.axis.epoch')} {epoch:>3}] {prefix + text!r}"
                 for epoch, text in samples]
        st.code("\n".join(lines), language=None, wrap_lines=True)
    if snap.finished:
        page.download_csv(tr, lambda: pd.DataFrame([{k: v for k, v in r.items() if k != "model"}
                                                   for r in records]),
                          "language_model_training.csv", key="train_csv",
                          cache_key=("language.training", *shown))


def training_section(ids, vocab, fingerprint: str, max_tokens: int,
                     batch) -> charlm.CharLMConfig:
    st.header(tr("language.train.header"))
    st.markdown(tr("language.train.explain"))
    settings = training_controls()
    model_config, train_config = configs(settings, vocab, batch)
    prefix = current_prefix()
    st.session_state["_language_prefix_drawn"] = prefix  # what this run's request holds
    request = ("language", fingerprint, max_tokens, model_config, train_config, prefix)
    left, right, _ = st.columns([1, 1, 4])
    if left.button(tr("train"), key="train", type="primary", icon=":material/play_arrow:"):
        st.session_state["_language_clip"] = train_config.clip
        st.session_state["_language_request"] = request
        st.session_state["_language_prefix"] = prefix

        def make_generator():
            return charlm.train_charlm(ids, vocab, model_config, train_config, prefix=prefix)

        live.start(JOB, request, make_generator, total_steps=train_config.epochs)
    if right.button(tr("stop"), key="stop", icon=":material/stop:"):
        live.stop(JOB)
    snap = live.snapshot(JOB)
    if snap is not None and st.session_state.get("_language_request") != request:
        st.caption(tr("language.settings_changed"))
    live.panel(JOB, draw_training)
    return model_config


# --- Generation ---------------------------------------------------------------------------

def trained_model(corpus_key: tuple[str, int]):
    """The model of the finished (or stopped) run and its epochs, if it learned this corpus."""
    request = st.session_state.get("_language_request")
    if request is None or request[1:3] != corpus_key:
        return None, None  # trained on another text or slice: its indices mean other characters
    snap = live.snapshot(JOB)
    if snap is None or snap.status not in (DONE, STOPPED) or not snap.records:
        return None, None
    last = snap.records[-1]
    if last["epoch"] == 0:  # stopped before the first epoch finished: nothing learned
        return None, None
    return last["model"], last["epoch"]


def untrained_generation(model_config: charlm.CharLMConfig, vocab: charlm.Vocab, prefix: str,
                         options: dict):
    """What the freshly initialised model writes: the same for every session."""
    return charlm.generate(charlm.untrained_model(model_config, SEED), vocab, prefix, **options)


# Computed once for every session (read only), keyed on what names the text: the corpus
# names the vocabulary; the request and epoch name a trained model (no step touches it).
untrained_generation = figures.keyed_memo(untrained_generation, max_entries=64)
trained_generation = figures.keyed_memo(charlm.generate, max_entries=64)


def show_generation(title: str, model, vocab, prefix: str, options: dict, *, result=None):
    if result is None:
        result = charlm.generate(model, vocab, prefix, **options)
    st.markdown(f"**{title}**")
    st.code(prefix + result.text, language=None, wrap_lines=True)
    return result


@st.fragment  # prefix, length and decoding change only the generated text: rerun just it
def generation_section(vocab: charlm.Vocab, model_config: charlm.CharLMConfig,
                       corpus_key: tuple[str, int]) -> None:
    st.header(tr("language.gen.header"))
    st.markdown(tr("language.gen.explain"))
    c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
    prefix = c1.text_input(tr("language.prefix"), DEFAULT_PREFIX, max_chars=200, key="prefix")
    if prefix != st.session_state.get("_language_prefix_drawn", prefix):
        st.rerun()  # the prefix is also a training setting: redraw the whole page
    length = c2.slider(tr("language.gen_length"), 10, 500, 100, key="gen_length")
    mode = c3.radio(tr("language.decoding"), ["greedy", "sample"], key="decoding",
                    format_func=lambda m: tr(f"language.decoding.{m}"))
    temperature = c4.slider(tr("language.temperature"), 0.1, 2.0, 0.8, 0.05, key="temperature",
                            disabled=mode == "greedy", help=tr("language.temperature.help"))
    if not prefix:
        st.error(tr("language.error.prefix_empty"))
        return
    unknown = vocab.unknown(charlm.tokenize(prefix))
    if unknown:
        st.warning(tr("language.unk_note", chars=" ".join(repr(c) for c in unknown)))
    options = dict(length=length, greedy=mode == "greedy", temperature=temperature, seed=SEED)
    model, epoch = trained_model(corpus_key)
    option_items = tuple(sorted(options.items()))
    shown_key = ("untrained", corpus_key, model_config, prefix, option_items)
    untrained = untrained_generation(shown_key, model_config, vocab, prefix, options)
    left, right = st.columns(2)
    with left:
        before = show_generation(tr("language.gen.before"), None, vocab, prefix, options,
                                 result=untrained)
    with right:
        if model is None:
            st.markdown(f"**{tr('language.gen.after')}**")
            st.info(tr("language.gen.train_first"))
            after = None
        else:
            request = st.session_state["_language_request"]
            shown_key = ("trained", request, epoch, prefix, option_items)
            generated = trained_generation(shown_key, model, vocab, prefix, **options)
            after = show_generation(tr("language.gen.after_epochs", epochs=epoch), model,
                                    vocab, prefix, options, result=generated)
    shown = after or before
    # Keyed on what names the generation shown (its arrays are not looked at).
    fig = top_k_heatmap(shown_key, shown.text, shown.top_tokens, shown.top_probs,
                              title=tr("language.heatmap.title" if after else
                                       "language.heatmap.title_before"),
                              x_title=tr("language.axis.generated"),
                              y_title=tr("language.axis.rank"),
                              prob_label=tr("language.axis.prob"))
    st.plotly_chart(fig, width="stretch", key="top5")
    page.how_to_read(tr, "language.read.top5")


# --- The page -----------------------------------------------------------------------------

def main() -> None:
    chosen = corpus_section()
    if chosen is None:
        return
    fingerprint, max_tokens, ids, vocab = chosen
    if len(vocab) < 2:
        st.error(tr("language.error.one_char"))
        return
    vocabulary_section(ids, vocab, (fingerprint, max_tokens))
    batch = minibatch_section(ids, vocab)
    if batch is None:
        return
    model_config = training_section(ids, vocab, fingerprint, max_tokens, batch)
    generation_section(vocab, model_config, (fingerprint, max_tokens))


main()
