"""Attention, trained live: watch the decoder learn where to look (SPEC 10, on SPEC 5)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from rnnviz import attention as att
from rnnviz import pairs as pair_codes
from rnnviz.plots import attention as plots
from ui import cache, editors, live, page, settings
from ui.text.attention import STRINGS

SLUG = "attention"
tr = page.setup(STRINGS, "attention.title")

COMPARE_SECONDS = 40  # the comparison's wall time on the class laptop (measured ~36 s)
ALIGNMENTS = {"reverse": plots.reversal_alignment, "copy": plots.copy_alignment}


def parse_pairs(raw: str) -> tuple[tuple[str, str], ...]:
    pairs = tuple(pair_codes.parse_pairs_code(raw))
    if att.check_pairs(pairs):
        raise ValueError(raw)
    return pairs


def parse_lengths(raw: str) -> tuple[int, int]:
    low, _, high = raw.partition("-")
    lengths = (int(low), int(high))
    if not 3 <= lengths[0] <= lengths[1] <= att.MAX_LENGTH:
        raise ValueError(raw)
    return lengths


PAIRS = settings.Codec(parse_pairs, pair_codes.pairs_code)  # ?pairs=hello:hola,cat:gato
LENGTHS = settings.Codec(parse_lengths, lambda v: f"{v[0]}-{v[1]}")  # ?lengths=3-12

heatmap = cache.shared(plots.attention_heatmap)
context_heatmap = cache.shared(plots.context_heatmap)
top_k_heatmap = cache.shared(plots.top_k_heatmap)
by_length = cache.shared(plots.accuracy_by_length)


@cache.shared
def curves_figure(records: list, compare: bool, title: str, x_title: str,
                  loss_title: str, accuracy_title: str):
    names = att.MODEL_NAMES if compare else None
    x, losses, accuracies = att.curves(records, names)
    rename = (lambda n: tr(f"attention.model.{n}")) if compare else (
        lambda n: tr("attention.model.one"))
    return plots.loss_and_accuracy(
        x, {rename(n): v for n, v in losses.items()},
        {rename(n): v for n, v in accuracies.items()}, title=title, x_title=x_title,
        loss_title=loss_title, accuracy_title=accuracy_title)


def attention_figure(weights, input_symbols, output_symbols, task: str, title: str):
    align = ALIGNMENTS.get(task)
    expected = align(len(output_symbols), len(input_symbols)) if align else None
    return heatmap(weights, list(input_symbols), list(output_symbols), title=title,
                   x_title=tr("attention.axis.input"), y_title=tr("attention.axis.output"),
                   value_name="α", expected=expected, expected_name=tr("attention.expected"))


# --- 1 · Task ------------------------------------------------------------------------------

def describe(problem: att.WordProblem) -> str:
    return tr(f"attention.error.{problem.reason}", row=problem.row + 1,
              other=problem.other_row + 1, column=tr(f"attention.col.{problem.column}"),
              value=problem.raw, length=len(problem.raw),
              limit=att.MAX_PAIRS if problem.reason == "too_many" else att.MAX_WORD)


def task_controls() -> tuple[str, tuple | None, tuple[int, int]]:
    """The task, its pairs (None while they are bad) and the string lengths."""
    st.header(tr("attention.task.header"))
    task = settings.linked(
        tr, st.radio, tr("attention.task"), page=SLUG, name="task", default="pairs",
        codec=settings.choice(att.TASKS), options=att.TASKS, horizontal=True,
        format_func=lambda t: tr(f"attention.task.{t}"))
    lengths = att.DEFAULT_LENGTHS
    pairs: tuple | None = att.SPEC_PAIRS
    if task == "pairs":
        st.caption(tr("attention.pairs.help", chars=att.MAX_WORD, pairs=att.MAX_PAIRS))
        pairs = editors.pairs_editor(
            tr, tr("attention.pairs.label"), page=SLUG, name="pairs", default=att.SPEC_PAIRS,
            codec=PAIRS, columns=(tr("attention.col.word"), tr("attention.col.target")),
            check=att.check_pairs, describe=describe)
    else:
        lengths = settings.linked(
            tr, st.slider, tr("attention.lengths"), page=SLUG, name="lengths",
            default=att.DEFAULT_LENGTHS, codec=LENGTHS, min_value=3, max_value=att.MAX_LENGTH,
            help=tr("attention.lengths.help"))
        st.caption(tr(f"attention.task.{task}.explain", letters=att.letters(att.LETTERS),
                      held=att.HELD_OUT_PER_LENGTH))
    return task, pairs, tuple(lengths)


# --- 2 · Model -----------------------------------------------------------------------------

def model_controls() -> dict:
    st.header(tr("attention.model.header"))
    c1, c2, c3, c4, c5 = st.columns([2, 2, 2, 1, 1])
    score = settings.linked(
        tr, c1.radio, tr("attention.score"), page=SLUG, name="score", default="additive",
        codec=settings.choice(att.SCORES), options=att.SCORES,
        format_func=lambda s: tr(f"attention.score.{s}"))
    cell = settings.linked(
        tr, c2.radio, tr("attention.cell"), page=SLUG, name="cell", default="gru",
        codec=settings.choice(att.CELLS), options=att.CELLS,
        format_func=lambda c: c.upper())
    bidirectional = settings.linked(
        tr, c3.toggle, tr("attention.bidirectional"), page=SLUG, name="bidir", default=False,
        codec=settings.boolean(), help=tr("attention.bidirectional.help"))
    with c3:
        page.link("views/6_bidirectional.py", tr("attention.bidirectional.link"),
                  ":material/swap_horiz:", tr.lang)
    hidden = settings.linked(
        tr, c4.number_input, tr("attention.hidden"), page=SLUG, name="hidden", default=64,
        codec=settings.integer(4, att.MAX_HIDDEN), min_value=4, max_value=att.MAX_HIDDEN,
        step=8)
    seed = settings.linked(
        tr, c5.number_input, tr("attention.seed"), page=SLUG, name="seed", default=0,
        codec=settings.integer(0, 100_000), min_value=0, max_value=100_000, step=1)
    st.markdown(tr(f"attention.score.{score}.formula"))
    return dict(score=score, cell=cell, bidirectional=bool(bidirectional), hidden=int(hidden),
                seed=int(seed))


def example_control(task: str, pairs: tuple | None, lengths: tuple[int, int]) -> int:
    """The example whose attention matrix is redrawn as training goes (a pairs row or a
    held-out string's length)."""
    if task == "pairs":
        rows = pairs or att.SPEC_PAIRS
        return settings.linked(
            tr, st.selectbox, tr("attention.example.pair"), page=SLUG, name="example",
            default=0, codec=settings.integer(0, att.MAX_PAIRS - 1),
            options=range(len(rows)), format_func=lambda i: f"{rows[i][0]} → {rows[i][1]}")
    return settings.linked(
        tr, st.slider, tr("attention.example.length"), page=SLUG, name="example_len",
        default=att.DEFAULT_LENGTHS[1], codec=settings.integer(3, att.MAX_LENGTH),
        min_value=3, max_value=att.MAX_LENGTH, help=tr("attention.example.length.help"))


def make_request(task: str, pairs: tuple | None, lengths: tuple[int, int], model: dict,
                 example: int) -> att.AttentionRequest | None:
    if pairs is None:
        return None
    base = att.AttentionRequest(task=task, pairs=pairs, min_len=lengths[0],
                                max_len=lengths[1], **model)
    try:
        return att.AttentionRequest(task=task, pairs=pairs, min_len=lengths[0],
                                    max_len=lengths[1], example=att.example_index(base, example),
                                    **model)
    except ValueError as error:  # an example row past the pairs: the default one
        st.caption(str(error))
        return base


# --- 3 · Training --------------------------------------------------------------------------

def draw_training(run: live.Run) -> None:
    records = run.records
    if not records:
        return
    last, pairs = records[-1], run.request.task == "pairs"
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(tr("attention.metric.updates"), str(last["updates"]))
    c2.metric(tr("attention.metric.loss"), "–" if last["loss"] is None else f"{last['loss']:.3g}")
    c3.metric(tr(f"attention.metric.accuracy.{pairs}"),
              f"{last['accuracy']:.1%}")
    c4.metric(tr("attention.metric.seconds"), f"{last['elapsed']:.1f} s")
    left, right = st.columns(2)
    with left:
        st.plotly_chart(curves_figure(
            cache.Named((run.request, len(records)), records), False,
            tr("attention.curves.title"), tr("attention.axis.updates"),
            tr("attention.axis.loss"), tr(f"attention.axis.accuracy.{pairs}")),
            width="stretch", key="attention_curves")
        page.how_to_read(tr, "attention.read.curves", loss=last["loss"] or 0.0,
                         accuracy=last["accuracy"], updates=last["updates"])
    with right:
        word, target = run.request.example_pair
        if last.get("attention"):
            st.plotly_chart(attention_figure(
                last["attention"], [*word, att.END], last["output_symbols"], run.request.task,
                tr("attention.live.title", word=word, output=last["output"])),
                width="stretch", key="attention_live")
            first = last["attention"][0]  # output step 1's row
            peak = max(range(len(first)), key=first.__getitem__)
            numbers = tr("attention.read.live.numbers", weight=first[peak],
                         symbol=[*word, att.END][peak])
            page.how_to_read(tr, f"attention.read.live.{run.request.task}", word=word,
                             target=target, output=last["output"], numbers=numbers)


# --- 4 · Any input -------------------------------------------------------------------------

def text_code(raw: str) -> str:
    if pair_codes.check_word(raw, limit=att.MAX_TEXT):
        raise ValueError(raw)
    return raw


@st.fragment  # the typed text changes only its own translation
def translate_section(model: att.AttentionSeq2Seq, run_key: tuple) -> None:
    st.header(tr("attention.translate.header"))
    request = run_key[0]
    default = request.example_pair[0]
    text = settings.linked(
        tr, st.text_input, tr("attention.text"), page=SLUG, name="text", default="",
        codec=settings.Codec(text_code), max_chars=50,
        placeholder=default, help=tr("attention.text.help", limit=att.MAX_TEXT))
    text = text.strip() or default
    problems = att.check_text(model, text)
    for problem in problems:
        st.error(tr(f"attention.text.error.{problem.reason}", value=problem.raw,
                    length=len(text), limit=att.MAX_TEXT,
                    known="".join(model.vocabulary.characters)), icon=":material/error:")
    if problems:
        return
    shown = att.translate(model, text)
    expected = request.string_task.target(text) if request.task != "pairs" else \
        dict(request.pairs).get(text)
    st.markdown(tr("attention.translate.result", text=text, output=shown.output or "∅") + (
        "" if expected is None else " " + tr(f"attention.translate.{shown.output == expected}",
                                             expected=expected)))
    key = (*run_key, text)
    if shown.attention is not None:
        weights = shown.attention.tolist()
        st.plotly_chart(attention_figure(
            weights, shown.input_symbols, shown.output_symbols, request.task,
            tr("attention.matrix.title", text=text)), width="stretch", key="attention_matrix")
        peaks = [shown.input_symbols[row.index(max(row))] for row in weights]
        page.how_to_read(tr, "attention.read.matrix", peaks=" ".join(peaks),
                         sum=sum(weights[0]))
        left, right = st.columns(2)
        left.plotly_chart(context_heatmap(
            cache.Named(("context", key), shown.contexts), shown.output_symbols,
            title=tr("attention.context.title"), x_title=tr("attention.axis.output"),
            y_title=tr("attention.axis.unit"), value_name="c"),
            width="stretch", key="context_heatmap")
        with left:
            page.how_to_read(tr, "attention.read.context", d=shown.contexts.shape[1],
                             first=float(shown.contexts[0, 0]),
                             last=float(shown.contexts[-1, 0]), S=shown.contexts.shape[0])
    else:
        st.info(tr("attention.no_attention"))
        right = st
    right.plotly_chart(top_k_heatmap(
        cache.Named(("probs", key), shown.probs), shown.vocabulary, shown.output_symbols,
        k=5, title=tr("attention.probs.title"), x_title=tr("attention.axis.output"),
        y_title=tr("attention.axis.rank"), value_name="p"), width="stretch", key="top_k")
    with right if right is not st else st.container():
        page.how_to_read(tr, "attention.read.probs",
                         p=float(shown.probs.max(axis=1).min()))


# --- 5 · With and without attention ----------------------------------------------------------

def comparison_section(lengths: tuple[int, int], model: dict) -> None:
    st.header(tr("attention.compare.header"))
    st.markdown(tr("attention.compare.explain", low=lengths[0], high=lengths[1],
                   updates=att.COMPARISON_UPDATES, seconds=COMPARE_SECONDS))
    request = att.ComparisonRequest(task="reverse", min_len=lengths[0], max_len=lengths[1],
                                    **model)

    def draw(run: live.Run) -> None:
        if not run.records:
            return
        st.plotly_chart(curves_figure(
            cache.Named((run.request, len(run.records)), run.records), True,
            tr("attention.compare.curves"), tr("attention.axis.updates"),
            tr("attention.axis.loss"), tr("attention.axis.accuracy.False")),
            width="stretch", key="compare_curves")
        ends = att.last_points(run.records, att.MODEL_NAMES)
        numbers = tr("attention.read.compare.separator").join(
            tr("attention.read.compare.model", name=tr(f"attention.model.{name}"),
               updates=updates, loss=loss, accuracy=accuracy)
            for name, (updates, loss, accuracy) in ends.items())
        page.how_to_read(tr, "attention.read.compare_curves",
                         numbers=numbers + tr("attention.read.compare.end") if ends else "")

    run = live.training_panel(tr, request, draw, key="attention_compare", every=1.0)
    if run is None or not run.finished or not isinstance(run.result, att.Comparison):
        return
    result: att.Comparison = run.result
    scores = result.by_length()
    names = {n: tr(f"attention.model.{n}") for n in att.MODEL_NAMES}
    st.plotly_chart(by_length(
        result.lengths, {names[n]: v for n, v in scores.items()},
        title=tr("attention.by_length.title"), x_title=tr("attention.axis.length"),
        y_title=tr("attention.axis.accuracy.False")), width="stretch", key="by_length")
    longest = result.lengths[-1]
    falls_off = scores["plain"][-1] < scores["attention"][-1] - 0.1
    page.how_to_read(tr, "attention.read.by_length", longest=longest,
                     plain=scores["plain"][-1], attention=scores["attention"][-1],
                     plain_all=result.plain.accuracy, attention_all=result.attention.accuracy,
                     verdict=tr(f"attention.verdict.{falls_off}"))
    table = pd.DataFrame({tr("attention.axis.length"): result.lengths,
                          **{names[n]: [f"{v:.1%}" for v in vals] for n, vals in scores.items()}})
    st.dataframe(table, hide_index=True, key="by_length_table")
    page.download_csv(tr, table, "attention_by_length.csv", key="by_length_csv")


st.markdown(tr("attention.intro"))
task, pairs, lengths = task_controls()
model_settings = model_controls()
st.header(tr("attention.train.header"))
example = example_control(task, pairs, lengths)
request = make_request(task, pairs, lengths, model_settings, example)
run = live.training_panel(tr, request, draw_training, key=SLUG, every=0.5)
found = live.model_of(tr, run, "attention.stopped_model", "updates")
if found is None:
    st.info(tr("attention.press_train"), icon=":material/info:")
else:
    translate_section(*found)
comparison_section(lengths, model_settings)
