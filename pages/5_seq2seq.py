"""Encoder-decoder: train a word translator live, then look inside one translation (SPEC 5)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from rnnviz import seq2seq as s2s
from rnnviz.plots import seq2seq as plots
from ui import figures, live, page
from ui.text.seq2seq import STRINGS

tr = page.setup(STRINGS, "seq2seq.title")

JOB = "seq2seq_job"
RUN = "_seq2seq_run"  # the request, pairs and config of the job in JOB
RECIPES = ("fast", "spec")
DEFAULT_PAIRS = pd.DataFrame({"word": [w for w, _ in s2s.SPEC_PAIRS],
                              "target": [t for _, t in s2s.SPEC_PAIRS]})
DEFAULTS = {"recipe": "fast", "hidden": s2s.SPEC_HIDDEN, "seed": 0, "word": "hello"}
FAST_MAX_EPOCHS = 1000
FORMULA = ("encoder: nn.RNN(29, {hidden})   decoder: nn.RNN(29, {hidden})   "
           "fc: nn.Linear({hidden}, 29)")


def intro() -> None:
    example = s2s.Pairs(s2s.SPEC_PAIRS)
    alphabet = tr("seq2seq.alphabet", n=example.n_step, enc=example.encoder_text("hello"),
                  dec="S" + example.pad("hola"), out=example.pad("hola") + "E")
    # One element, paragraphs apart as the two markdowns were.
    st.markdown(tr("seq2seq.intro") + "\n\n" + alphabet)


# --- 1 · Pairs ------------------------------------------------------------------------------

def cell_text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def pairs_editor() -> s2s.Pairs | None:
    """The editable pairs, or None (with errors naming row and column) when they are unusable."""
    st.header(tr("seq2seq.pairs.header"))
    st.caption(tr("seq2seq.pairs.help", chars=s2s.MAX_WORD, pairs=s2s.MAX_PAIRS))
    table = st.data_editor(
        DEFAULT_PAIRS, key="pairs", num_rows="dynamic", hide_index=True,
        column_config={"word": st.column_config.TextColumn(tr("seq2seq.col.word")),
                       "target": st.column_config.TextColumn(tr("seq2seq.col.target"))},
    )
    rows = [(cell_text(w).strip(), cell_text(t).strip())
            for w, t in zip(table["word"], table["target"], strict=True)]
    rows = [row for row in rows if row != ("", "")]  # a freshly added, untouched row
    problems = s2s.check_pairs(rows)
    columns = {"word": tr("seq2seq.col.word"), "target": tr("seq2seq.col.target")}
    for problem in problems[:5]:
        st.error(tr(f"seq2seq.error.{problem.reason}", row=problem.row + 1,
                    other=problem.other_row + 1,
                    column=columns[problem.column], value=problem.raw,
                    length=len(problem.raw), limit=s2s.MAX_PAIRS if problem.reason ==
                    "too_many" else s2s.MAX_WORD), icon=":material/error:")
    if problems:
        if st.session_state.get(RUN) is not None:
            st.caption(tr("seq2seq.error.keep"))
        return None
    return s2s.Pairs(tuple(rows))


# --- 2 · Training ---------------------------------------------------------------------------

def training_controls() -> s2s.Seq2SeqConfig:
    c1, c2, c3 = st.columns([3, 1, 1])
    recipe = c1.radio(tr("seq2seq.recipe"), RECIPES, key="recipe", horizontal=True,
                      format_func=lambda r: tr(f"seq2seq.recipe.{r}", lr=s2s.FAST_LR))
    hidden = c2.number_input(tr("seq2seq.hidden"), min_value=4, max_value=s2s.MAX_HIDDEN,
                             step=4, key="hidden", help=tr("seq2seq.hidden.help"))
    seed = c3.number_input(tr("seq2seq.seed"), min_value=0, max_value=1_000_000, step=1,
                           key="seed", help=tr("seq2seq.seed.help"))
    c1.caption(tr(f"seq2seq.recipe.{recipe}.explain", lr=s2s.FAST_LR, margin=s2s.FAST_MARGIN,
                  epochs=FAST_MAX_EPOCHS))
    st.code(FORMULA.format(hidden=int(hidden)), language=None)
    if recipe == "spec":
        return s2s.Seq2SeqConfig(hidden=int(hidden), lr=s2s.SPEC_LR, epochs=s2s.SPEC_EPOCHS,
                                 seed=int(seed), margin=None)
    return s2s.Seq2SeqConfig(hidden=int(hidden), lr=s2s.FAST_LR, epochs=FAST_MAX_EPOCHS,
                             seed=int(seed), margin=s2s.FAST_MARGIN)


def start_training(pairs: s2s.Pairs, config: s2s.Seq2SeqConfig) -> None:
    request = ("seq2seq", pairs.pairs, config)
    live.start(JOB, request, lambda: s2s.train(config, pairs), total_steps=config.epochs)
    st.session_state[RUN] = {"request": request, "pairs": pairs, "config": config}


def buttons(pairs: s2s.Pairs | None, config: s2s.Seq2SeqConfig) -> None:
    c1, c2, _ = st.columns([1, 1, 6])
    if c1.button(tr("train"), key="train", type="primary", disabled=pairs is None,
                 icon=":material/play_arrow:") and pairs is not None:
        start_training(pairs, config)
    if c2.button(tr("stop"), key="stop", icon=":material/stop:"):
        live.stop(JOB)
    run = st.session_state.get(RUN)
    if run is not None and pairs is not None and run["request"] != ("seq2seq", pairs.pairs,
                                                                    config):
        st.warning(tr("seq2seq.stale"), icon=":material/sync_problem:")


# Shared by every session: the loss curve per run and records so far, the word figures per
# input (the arrays themselves are the key).
loss_curve = figures.keyed(plots.loss_curve)
encoder_states = figures.cached(plots.encoder_states)
decoder_probs = figures.cached(plots.decoder_probs)
context_vector = figures.cached(plots.context_vector)


def hover_translations(records: list[dict]) -> list[str]:
    """For each epoch, the most recent greedy translations recorded up to it."""
    shown, latest = [], ""
    for record in records:
        if "greedy" in record:
            latest = ", ".join(g or "∅" for g in record["greedy"])
        shown.append(latest)
    return shown


def draw_training(snap) -> None:
    live.status_line(tr, snap)
    records = snap.records if snap is not None else []
    if not records:
        return
    run = st.session_state[RUN]
    last = records[-1]
    greedy = next((r["greedy"] for r in reversed(records) if "greedy" in r), [])
    right = sum(g == t for g, t in zip(greedy, run["pairs"].targets, strict=False))
    first_right = next((r["epoch"] for r in records if r["all_right"]), None)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(tr("seq2seq.metric.final_loss"), f"{last['loss']:.2e}")
    c2.metric(tr("seq2seq.metric.epochs"), str(last["epoch"]))
    c3.metric(tr("seq2seq.metric.right"), f"{right} / {len(run['pairs'])}")
    c4.metric(tr("seq2seq.metric.first_right"),
              str(first_right) if first_right else tr("seq2seq.metric.never"))
    # Every session sharing the run draws the same curve: build it once per new record.
    fig = loss_curve((run["request"], len(records)),
                     [r["epoch"] for r in records], [r["loss"] for r in records],
                     hover_translations(records), title=tr("seq2seq.curve.title"),
                     x_title=tr("seq2seq.axis.epoch"), y_title=tr("seq2seq.axis.loss"),
                     translation_label=tr("seq2seq.hover.greedy"),
                     first_right=first_right, right_name=tr("seq2seq.hover.right"))
    st.plotly_chart(fig, width="stretch", key="loss_curve")
    page.how_to_read(tr, "seq2seq.read.curve")


def training_section(pairs: s2s.Pairs | None) -> None:
    st.header(tr("seq2seq.train.header"))
    config = training_controls()
    buttons(pairs, config)
    live.panel(JOB, draw_training, every=0.4)


# --- 3 · Results ----------------------------------------------------------------------------

def trained() -> tuple[s2s.Seq2Seq, s2s.Pairs, list[dict], tuple] | None:
    """The finished model, the pairs it learned, its records and a key naming that model
    (the request, how far it ran and how it ended); for a stopped run, the model as last
    saved (with a note saying which epoch that is)."""
    snap = live.snapshot(JOB)
    run = st.session_state.get(RUN)
    if snap is None or run is None or not snap.finished:
        return None
    if isinstance(snap.result, dict):
        return (snap.result["model"], run["pairs"], snap.records,
                (run["request"], len(snap.records), "finished"))
    if not any("weights" in r for r in snap.records):
        return None
    model, epoch = s2s.restore(run["config"], snap.records)
    st.info(tr("seq2seq.stopped_model", epoch=epoch), icon=":material/info:")
    return model, run["pairs"], snap.records, (run["request"], len(snap.records), "stopped")


def history_section(records: list[dict], pairs: s2s.Pairs, run_key: tuple) -> None:
    """The sampled epochs: greedy decoding against teacher forcing while the model learned."""
    sampled = [r for r in records if "greedy" in r]
    if not sampled:
        return
    st.subheader(tr("seq2seq.history.header"))
    targets = pairs.targets

    def count(words: list[str]) -> int:
        return sum(w == t for w, t in zip(words, targets, strict=True))

    gap = next((r for r in sampled if count(r["forced"]) > count(r["greedy"])), None)
    if gap is not None:
        st.markdown(tr("seq2seq.history.gap", epoch=gap["epoch"], forced=count(gap["forced"]),
                       greedy=count(gap["greedy"]), n=len(targets)))
    def build() -> pd.DataFrame:
        return pd.DataFrame({
            tr("seq2seq.axis.epoch"): [r["epoch"] for r in sampled],
            tr("seq2seq.col.loss"): [float(f"{r['loss']:.4g}") for r in sampled],
            tr("seq2seq.col.greedy"): [", ".join(g or "∅" for g in r["greedy"])
                                       for r in sampled],
            tr("seq2seq.col.greedy_right"): [f"{count(r['greedy'])} / {len(targets)}"
                                             for r in sampled],
            tr("seq2seq.col.forced"): [", ".join(f or "∅" for f in r["forced"])
                                       for r in sampled],
            tr("seq2seq.col.forced_right"): [f"{count(r['forced'])} / {len(targets)}"
                                             for r in sampled],
        })

    key = ("seq2seq.history", run_key, tr.lang)
    st.dataframe(figures.table(key, build), hide_index=True,
                 height=min(400, 38 + 35 * len(sampled)), key="history_table")
    page.download_csv(tr, build, "seq2seq_history.csv", key="history_csv", cache_key=key)


def results_section(model: s2s.Seq2Seq, pairs: s2s.Pairs, records: list[dict],
                    run_key: tuple) -> None:
    st.header(tr("seq2seq.table.header"))
    st.markdown(tr("seq2seq.table.explain"))

    def build() -> pd.DataFrame:
        rows = s2s.translations_table(model, pairs)
        return pd.DataFrame({
            tr("seq2seq.col.word"): [r["word"] for r in rows],
            tr("seq2seq.col.target"): [r["target"] for r in rows],
            tr("seq2seq.col.greedy"): [r["greedy"] for r in rows],
            tr("seq2seq.col.forced"): [r["teacher_forced"] for r in rows],
            tr("seq2seq.col.correct"): ["✓" if r["correct"] else "✗" for r in rows],
        })

    # Run once, converted and written once per model and language for the whole class.
    key = ("seq2seq.translations", run_key, tr.lang)
    st.dataframe(figures.table(key, build), hide_index=True, key="translations_table")
    page.download_csv(tr, build, "seq2seq_translations.csv", key="translations_csv",
                      cache_key=key)
    history_section(records, pairs, run_key)


# --- 4 · One word ---------------------------------------------------------------------------

def word_input(pairs: s2s.Pairs) -> str | None:
    word = st.text_input(tr("seq2seq.word"), key="word", max_chars=50,
                         help=tr("seq2seq.word.help", limit=s2s.MAX_WORD,
                                 n=pairs.n_step)).strip()
    problems = s2s.check_word(word, limit=s2s.MAX_WORD)
    for problem in problems:
        st.error(tr(f"seq2seq.word.error.{problem.reason}", value=word, length=len(word),
                    limit=s2s.MAX_WORD), icon=":material/error:")
    return None if problems else word


def step_table(translation: s2s.Translation, forced: s2s.TeacherForced | None) -> pd.DataFrame:
    chosen = [s2s.INDEX[c] for c in translation.symbols]
    columns = {
        tr("seq2seq.col.step"): list(range(1, len(chosen) + 1)),
        tr("seq2seq.col.greedy_in"): list(translation.decoder_inputs),
        tr("seq2seq.col.greedy_out"): list(translation.symbols),
        tr("seq2seq.col.greedy_p"): [round(float(translation.probs[t, i]), 4)
                                     for t, i in enumerate(chosen)],
    }
    if forced is not None:
        steps = len(forced.symbols)
        length = max(steps, len(chosen))
        columns = {name: values + [None] * (length - len(values))
                   for name, values in columns.items()}
        columns[tr("seq2seq.col.step")] = list(range(1, length + 1))
        columns[tr("seq2seq.col.forced_in")] = list(forced.decoder_inputs) + \
            [None] * (length - steps)
        columns[tr("seq2seq.col.forced_out")] = list(forced.symbols) + [None] * (length - steps)
    return pd.DataFrame(columns)


def draw_translation(model: s2s.Seq2Seq, pairs: s2s.Pairs, word: str) -> None:
    # A word longer than the training words is read unpadded (and may write as many letters).
    (translation,) = s2s.greedy(model, [word], max(pairs.n_step, len(word)))
    st.markdown(tr("seq2seq.word.result", word=word, output=translation.output or "∅",
                   symbols=translation.symbols))
    if len(word) > pairs.n_step:
        st.caption(tr("seq2seq.word.longer", length=len(word), n=pairs.n_step))
    if not translation.symbols.endswith(s2s.END):
        st.caption(tr("seq2seq.word.no_end", n=len(translation.symbols)))
    targets = dict(pairs.pairs)
    if word in targets:
        st.caption(tr("seq2seq.word.known", target=targets[word]))
    else:
        st.caption(tr("seq2seq.word.unknown", word=word))
    left, right = st.columns(2)
    fig = encoder_states(translation.encoder_states, list(translation.encoder_text),
                         title=tr("seq2seq.encoder.title"),
                         x_title=tr("seq2seq.axis.input_step"),
                         y_title=tr("seq2seq.axis.unit"), value_name=tr("seq2seq.axis.value"))
    left.plotly_chart(fig, width="stretch", key="encoder_heatmap")
    left.caption(tr("how_to_read", text=tr("seq2seq.read.encoder")))
    steps = [f"{t}: {a}→{b}" for t, (a, b) in enumerate(
        zip(translation.decoder_inputs, translation.symbols, strict=True), start=1)]
    chosen = [s2s.INDEX[c] for c in translation.symbols]
    fig = decoder_probs(translation.probs, steps, list(s2s.ALPHABET), chosen,
                        title=tr("seq2seq.decoder.title"),
                        x_title=tr("seq2seq.axis.output_step"),
                        y_title=tr("seq2seq.axis.symbol"), value_name=tr("seq2seq.axis.prob"),
                        chosen_name=tr("seq2seq.chosen"))
    right.plotly_chart(fig, width="stretch", key="decoder_heatmap")
    right.caption(tr("how_to_read", text=tr("seq2seq.read.decoder")))
    fig = context_vector(translation.context, title=tr("seq2seq.context.title"),
                         x_title=tr("seq2seq.axis.unit"), y_title=tr("seq2seq.axis.state"))
    st.plotly_chart(fig, width="stretch", key="context_bars")
    page.how_to_read(tr, "seq2seq.read.context", n=len(translation.context))
    st.subheader(tr("seq2seq.steps.header"))
    forced = s2s.teacher_forced(model, pairs, word, targets[word]) if word in targets else None
    table = step_table(translation, forced)
    st.dataframe(table, hide_index=True, key="steps_table")
    page.download_csv(tr, table, f"seq2seq_{word}_steps.csv", key="steps_csv")


@st.fragment  # the word changes only its own translation: rerun just this section
def word_section(model: s2s.Seq2Seq, pairs: s2s.Pairs) -> None:
    st.header(tr("seq2seq.word.header"))
    word = word_input(pairs)
    if word is not None:
        draw_translation(model, pairs, word)


def main() -> None:
    for key, value in DEFAULTS.items():
        st.session_state[key] = st.session_state.get(key, value)
    intro()
    pairs = pairs_editor()
    training_section(pairs)
    model_and_pairs = trained()
    if model_and_pairs is None:
        st.info(tr("seq2seq.press_train"), icon=":material/info:")
        return
    model, pairs, records, run_key = model_and_pairs
    results_section(model, pairs, records, run_key)
    word_section(model, pairs)


main()
