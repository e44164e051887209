"""Character language model: tokenize real text, batch it, train an RNN, generate."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from rnnviz import charlm, corpus
from rnnviz.jobs import DONE, STOPPED
from rnnviz.plots import charlm as plots
from ui import cache, live, page, settings
from ui.text.language import STRINGS

tr = page.setup(STRINGS, "language.title")
st.markdown(tr("language.intro"))

SLUG = "language"
# The training defaults are the recipe of the corpus opened (bench/bench_charlm.py measures
# them). The Chinese interface opens on Chinese text, as the course does (its prefix 分开 is
# from song lyrics; the Song dynasty's ci were song lyrics too).
SOURCE = "songci" if tr.lang == "zh" else "shakespeare"
DEFAULTS = charlm.recipe(SOURCE) | dict(
    source=SOURCE, play=corpus.DEFAULT_PLAY, poet=corpus.DEFAULT_POET, top_n=40, clip_on=True,
    onehot=False, prefix=corpus.PREFERRED_PREFIXES[SOURCE][0], gen_length=100,
    decoding="greedy", temperature=0.8)
PICTURED_BATCHES = 8  # a long corpus has hundreds of batches; the first few show the pattern
KEPT_UPLOAD = "language.uploaded"  # (name, text, fingerprint): a link cannot carry a file

# Shared by every session (ui.cache): a text is passed as cache.Named(fingerprint, text), a
# model as cache.Named((request, epoch), model), so only the small key is looked at.
(batch_layout, shifted_labels, frequency_bars, top_k_heatmap, perplexity_curve, gradient_curve,
 pictured_starts, python_docs) = map(cache.shared, (
    plots.batch_layout, plots.shifted_labels, plots.frequency_bars, plots.top_k_heatmap,
    plots.perplexity_curve, plots.gradient_curve, charlm.pictured_starts,
    corpus.python_docs_corpus))
play = cache.shared(corpus.play_corpus, max_entries=8)
poet = cache.shared(corpus.poet_corpus, max_entries=8)
encoded = cache.shared(charlm.encode_text, max_entries=8)
generate = cache.shared(charlm.generate, max_entries=64)
sample_text = cache.shared(charlm.sample_text, max_entries=256)
setting = settings.PageSettings(tr, SLUG, DEFAULTS)


@cache.shared
def play_labels() -> dict[str, str]:
    """Every play's label in the session's language (the cache keeps one per language)."""
    titles = {name: corpus.play_title(name) for name in corpus.list_plays()}
    return {name: f"{title} ({tr(f'language.genre.{genre}')})"
            for name, (title, genre) in titles.items()}


@cache.shared
def poet_labels() -> dict[str, str]:
    """Every Song poet offered, with the number of their ci, in the session's language."""
    return {name: tr("language.poet.label", poet=name, count=count)
            for name, count in corpus.list_poets().items()}


def adapt_prefix() -> None:
    """When the corpus changes: keep the prefix if the text used has it, else suggest one."""
    source, kept = setting.value("source"), st.session_state.get(KEPT_UPLOAD)
    text = kept and kept[1] if source == "upload" else corpus.source_text(
        source, setting.value("play"), setting.value("poet"))
    if text:
        setting.assign(prefix=corpus.adapted_prefix(
            setting.value("prefix"), text[:setting.value("max_tokens")], source))


def uploaded_text() -> tuple[str, str] | None:
    st.caption(tr("language.upload.how"))
    page.uploader_words(tr, "language.upload", size_mb=corpus.MAX_UPLOAD_BYTES // 2**20,
                        types="TXT")
    # The MIME type keeps the browser's picker on text files but turns off Streamlit's
    # server-side extension check, which raises instead of reporting: the page checks.
    upload = st.file_uploader(tr("language.upload"), type=["txt", "text/plain"],
                              key="language.upload", help=tr("language.upload.help"),
                              max_upload_size=corpus.MAX_UPLOAD_BYTES // (1024 * 1024),
                              on_change=lambda: st.session_state.pop(KEPT_UPLOAD, None))
    st.caption(tr("language.upload.link"))
    if upload is None:  # none chosen, or the widget was redrawn (another page, a new label)
        kept = st.session_state.get(KEPT_UPLOAD)
        if kept is None:
            st.info(tr("language.upload.prompt"))
        else:
            st.caption(tr("language.upload.kept", name=kept[0]))
        return kept and kept[1:]
    try:
        text, fingerprint = corpus.upload_corpus(upload.name, upload.getvalue())
    except corpus.CorpusError as problem:
        st.error(tr(f"language.upload.{problem.reason}", name=upload.name,
                    size=upload.size / 1024, minimum=corpus.MIN_CORPUS_CHARS))
        return None
    kept = st.session_state.get(KEPT_UPLOAD)
    st.session_state[KEPT_UPLOAD] = (upload.name, text, fingerprint)
    if kept is None or kept[2] != fingerprint:  # a new text: the prefix widget comes later
        adapt_prefix()
    return text, fingerprint


def chosen(name: str, labels: dict[str, str], load, missing: str) -> tuple[str, str] | None:
    """The text and fingerprint of the play or poet (`name`) chosen, or None (the error
    `missing`) when its package offers none."""
    if not labels:
        st.error(tr(missing))
        return None
    names, default = tuple(labels), setting.defaults[name]
    return load(setting.choice(st.selectbox, name, names, format_func=labels.__getitem__,
                               default=default if default in labels else names[0],
                               on_change=adapt_prefix))


def chosen_poet() -> tuple[str, str] | None:
    if labels := poet_labels():
        st.caption(tr("language.songci.note"))
    return chosen("poet", labels, poet, "language.no_poems")


def corpus_section():
    """The corpus text, what names it (never the text itself), its indices and vocabulary."""
    st.header(tr("language.corpus.header"))
    source = setting.choice(st.radio, "source", corpus.SOURCES, horizontal=True,
                            format_func=lambda s: tr(f"language.source.{s}"),
                            on_change=adapt_prefix)
    if source == "pydocs":
        st.caption(tr("language.pydocs.note"))
    text_and_name = {"pydocs": python_docs, "upload": uploaded_text, "songci": chosen_poet}.get(
        source, lambda: chosen("play", play_labels(), play, "language.no_plays"))()
    if text_and_name is None:
        return None
    text, fingerprint = text_and_name
    max_tokens = setting.number(st.number_input, "max_tokens", 100, charlm.MAX_TOKENS,
                                step=1_000)
    ids, vocab = encoded(cache.Named(fingerprint, text), max_tokens)
    with st.expander(tr("language.corpus.preview"), expanded=False):
        st.text(text[:1200])
    return text, (fingerprint, max_tokens), ids, vocab


@st.fragment  # its slider changes nothing else: moving it reruns just this section
def vocabulary_section(ids: list[int], vocab: charlm.Vocab, corpus_key: tuple[str, int]) -> None:
    st.header(tr("language.vocab.header"))
    st.markdown(tr("language.vocab.explain"))
    top = plots.shown_token(vocab.idx_to_token[1])
    page.metrics((tr("language.metric.tokens"), f"{len(ids):,}"),
                 (tr("language.metric.vocab"), f"{len(vocab):,}"),
                 (tr("language.metric.top"), top, dict(help=tr("language.metric.top.help"))))
    shown = min(setting.number(st.slider, "top_n", 5, 100), len(vocab) - 1)
    counts = vocab.counts[1:shown + 1]
    page.chart(tr, frequency_bars(vocab.idx_to_token[1:shown + 1], counts, x_title=tr(
        "language.axis.char"), y_title=tr("language.axis.count"), index_label=tr(
        "language.axis.index")), key="freq_chart", read="language.read.freq", top=top,
        count=counts[0], shown=shown, share=sum(counts) / len(ids))
    table = cache.table(("language.first", *corpus_key), lambda: plots.first_tokens(
        ids, vocab.idx_to_token, row_names=(tr("language.row.char"), tr("language.row.index"))))
    st.markdown(tr("language.first_tokens"))
    st.dataframe(table, width="stretch", key="first_tokens")
    page.download_csv(tr, lambda: pd.DataFrame(charlm.vocabulary_rows(vocab)), "vocabulary.csv",
                      key="vocab_csv", cache_key=("language.vocab", *corpus_key))


def minibatch_section(ids: list[int], vocab: charlm.Vocab) -> tuple[int, int] | None:
    st.header(tr("language.batch.header"))
    st.markdown(tr("language.batch.explain"))
    left, right = st.columns(2)
    batch_size = setting.number(left.number_input, "batch_size", 1, 256)
    num_steps = setting.number(right.number_input, "num_steps", 2, 200)
    if len(ids) < (needed := charlm.min_tokens(batch_size, num_steps)):
        st.error(tr("language.error.short", tokens=len(ids), needed=needed, batch=batch_size,
                    steps=num_steps))
        return None
    pictured, first_start = pictured_starts(len(ids), batch_size, num_steps, PICTURED_BATCHES)
    for column, sampler in zip(st.columns(2), charlm.SAMPLERS, strict=True):
        fig = batch_layout(pictured[sampler], num_steps, len(ids), title=tr(
            f"language.sampler.{sampler}"), x_title=tr("language.axis.position"),
            y_title=tr("language.axis.row"), batch_label=tr("language.axis.batch"))
        column.plotly_chart(fig, width="stretch", key=f"layout_{sampler}")
    page.how_to_read(tr, "language.read.layout", batches=PICTURED_BATCHES)
    row = vocab.decode(ids[first_start:first_start + min(num_steps, 40) + 1])  # and its label
    page.chart(tr, shifted_labels(row[:-1], row[1:], x_title=tr("language.axis.step"), row_names=(
        tr("language.row.inputs"), tr("language.row.labels"))), key="shifted_labels",
        read="language.read.shift", steps=len(row) - 1, start=first_start)
    return batch_size, num_steps


def training_controls() -> dict:
    """The training settings, as fields of the request."""
    c1, c2, c3, c4 = st.columns(4)
    cell = setting.choice(c1.selectbox, "cell", charlm.CELLS, format_func=str.upper)
    hidden = setting.choice(c2.select_slider, "hidden", (32, 64, 128, 256, 512))
    optimizer = setting.choice(c3.selectbox, "optimizer", charlm.OPTIMIZERS,
                               format_func=lambda o: tr(f"language.optimizer.{o}"),
                               on_change=lambda: setting.assign(
                                   lr=charlm.SUGGESTED_LR[setting.value("optimizer")]))
    lr = setting.number(c4.number_input, "lr", 1e-5, 10.0, format="%.4f")
    c1, c2, c3, c4 = st.columns(4)
    epochs = setting.number(c1.slider, "epochs", 1, charlm.MAX_EPOCHS)
    sampler = setting.choice(c2.radio, "sampler", charlm.SAMPLERS,
                             format_func=lambda s: tr(f"language.sampler.{s}"))
    clip_on = setting.flag(c3.toggle, "clip_on")
    clip = setting.number(c3.number_input, "clip", 0.01, 100.0, disabled=not clip_on)
    onehot = setting.flag(c4.toggle, "onehot")
    return dict(cell=cell, hidden=hidden, optimizer=optimizer, lr=lr, epochs=epochs,
                sampler=sampler, clip=clip if clip_on else None,
                input_mode="onehot" if onehot else "lookup")


def training_samples(run: live.Run, prefix: str) -> dict[int, str]:
    """What the model wrote after `prefix` at each recorded epoch (from the weights kept)."""
    request = run.request
    vocab = encoded(cache.Named(request.corpus, request.text), request.max_tokens)[1]
    config, named_vocab = request.model_config(len(vocab)), cache.Named(request.corpus_key, vocab)
    return {r["epoch"]: sample_text(config, cache.Named((request, r["epoch"]), r["weights"]),
                                    named_vocab, prefix)
            for r in run.records if r["weights"] is not None and prefix}


def corpus_name(fingerprint: str) -> str:
    """A corpus named for the student, from the fingerprint naming it."""
    kind, values = corpus.fingerprint_name(fingerprint)
    return tr(f"language.corpus.name.{kind}", **values)


def draw_training(run: live.Run, corpus_key: tuple[str, int]) -> None:
    records = run.records
    if not records:
        return
    if run.request.corpus_key != corpus_key:  # what follows is the previous corpus's
        trained_on, tokens = run.request.corpus_key
        st.info(tr("language.train.other_corpus", name=corpus_name(trained_on),
                   tokens=tokens), icon=":material/history:")
    start, last = records[0], records[-1]
    rate = last["tokens_per_s"]
    page.metrics((tr("language.metric.perplexity"), f"{last['perplexity']:.2f}", dict(
                  delta=f"{last['perplexity'] - start['perplexity']:+.2f}",
                  delta_color="inverse", help=tr("language.metric.perplexity.help"))),
                 (tr("language.metric.start"), f"{start['perplexity']:.2f}"),
                 (tr("language.metric.speed"), "–" if rate is None else f"{rate:,.0f}"),
                 (tr("language.metric.epoch"), f"{last['epoch']}"))
    left, right = st.columns(2)
    drawn = cache.Named((run.request, len(records)), records)  # named by the records drawn
    left.plotly_chart(perplexity_curve(
        drawn, title=tr("language.curve.perplexity"), x_title=tr("language.axis.epoch"),
        y_title=tr("language.axis.perplexity"), name=tr("language.metric.perplexity")),
        width="stretch", key="ppl_curve")
    right.plotly_chart(gradient_curve(
        drawn, band_name=tr("language.grad.max"), title=tr("language.curve.grad"),
        x_title=tr("language.axis.epoch"), y_title=tr("language.axis.grad"),
        name=tr("language.grad.mean"), threshold=run.request.clip,
        threshold_name=tr("language.clip")), width="stretch", key="grad_curve")
    page.how_to_read(tr, "language.read.curves", **charlm.curve_numbers(records))
    prefix = setting.value("prefix")  # its widget is further down
    samples = training_samples(run, prefix)
    if samples:
        st.markdown(tr("language.samples", prefix=prefix))
        st.code("\n".join(f"[{tr('language.axis.epoch')} {epoch:>3}] {prefix + text!r}"
                          for epoch, text in samples.items()), language=None, wrap_lines=True)
    if run.finished:
        page.download_csv(tr, lambda: pd.DataFrame(charlm.training_rows(records, samples)),
                          "language_model_training.csv", key="train_csv",
                          cache_key=("language.training", run.request, len(records), prefix))


@st.fragment  # length and decoding change only the generated text: rerun just this section
def generation_section(vocab: charlm.Vocab, request: charlm.LanguageRequest,
                       corpus_key: tuple[str, int]) -> None:
    st.header(tr("language.gen.header"))
    st.markdown(tr("language.gen.explain"))
    c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
    # The samples written during training follow the prefix too: it reruns the whole page.
    prefix = setting.text(c1.text_input, "prefix", 200, on_change=st.rerun)
    length = setting.number(c2.slider, "gen_length", 10, 500)
    mode = setting.choice(c3.radio, "decoding", ("greedy", "sample"),
                          format_func=lambda m: tr(f"language.decoding.{m}"))
    temperature = setting.number(c4.slider, "temperature", 0.1, 2.0, step=0.05,
                                 disabled=mode == "greedy")
    if not prefix:
        st.error(tr("language.error.prefix_empty"))
        return
    if unknown := vocab.unknown(charlm.tokenize(prefix)):
        st.warning(tr("language.unk_note", chars=" ".join(repr(c) for c in unknown)))
    options = dict(length=length, greedy=mode == "greedy", temperature=temperature,
                   seed=request.seed)
    named_vocab, config = cache.Named(corpus_key, vocab), request.model_config(len(vocab))
    # Models are named by what makes them: the settings, or the run and its epoch.
    untrained = cache.Named(config, build=lambda: charlm.untrained_model(config, request.seed))
    before = after = generate(untrained, named_vocab, prefix, **options)
    run = live.current_run(SLUG)
    model, epoch = (None, None) if run is None or run.snapshot.status not in (DONE, STOPPED) \
        else charlm.trained_model(run.request, run.records, corpus_key)
    left, right = st.columns(2)
    left.markdown(f"**{tr('language.gen.before')}**")
    left.code(prefix + before.text, language=None, wrap_lines=True)
    if model is None:
        right.markdown(f"**{tr('language.gen.after')}**")
        right.info(tr("language.gen.train_first"))
    else:
        after = generate(cache.Named((run.request, epoch), model), named_vocab, prefix, **options)
        right.markdown(f"**{tr('language.gen.after_epochs', epochs=epoch)}**")
        right.code(prefix + after.text, language=None, wrap_lines=True)
    page.chart(tr, top_k_heatmap(
        after.text, after.top_tokens, after.top_probs, title=tr(
            "language.heatmap.title_before" if model is None else "language.heatmap.title"),
        x_title=tr("language.axis.generated"), y_title=tr("language.axis.rank"),
        prob_label=tr("language.axis.prob")), key="top5", read="language.read.top5",
        **after.confidence())


def main() -> None:
    chosen_corpus = corpus_section()
    if chosen_corpus is None:
        return
    text, corpus_key, ids, vocab = chosen_corpus
    if len(vocab) < 2:
        st.error(tr("language.error.one_char"))
        return
    vocabulary_section(ids, vocab, corpus_key)
    batch = minibatch_section(ids, vocab)
    if batch is None:
        return
    st.header(tr("language.train.header"))
    st.markdown(tr("language.train.explain"))
    request = charlm.LanguageRequest(corpus_key[0], text, corpus_key[1], **training_controls(),
                                     batch_size=batch[0], num_steps=batch[1])
    live.training_panel(tr, request, functools.partial(draw_training, corpus_key=corpus_key),
                        key=SLUG)
    generation_section(vocab, request, corpus_key)


main()
