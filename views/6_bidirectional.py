"""Bidirectional RNN, GRU or LSTM: two directions by hand, proved equal to torch's module."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz import bidirectional as bi
from rnnviz.plots import bidirectional as plots
from ui import cache, page, settings
from ui.text.bidirectional import STRINGS

PAGE = "bidirectional"
tr = page.setup(STRINGS, "bidirectional.title")

DEFAULT_TEXT = {"numbers": "0.5, -1, 2, 0, 1.5", "characters": "hello"}
# A typed character is one step, so the character limit IS the step limit. Numbers have
# no character limit (an entry may have many digits): their limit is in steps, counted
# under the box, and a link holding more than this many characters is refused.
MAX_CHARS = {"numbers": None, "characters": bi.MAX_STEPS}
MAX_LINK_CHARS = {"numbers": 400, "characters": bi.MAX_STEPS}
MAX_SEED = 1_000_000
TOLERANCE = 1e-6
directions = cache.shared(plots.directions)  # one shared figure per input and language


def switch_example() -> None:
    """A new input type starts from its own example rather than a now-invalid text."""
    settings.assign(PAGE, sequence=DEFAULT_TEXT[settings.value(PAGE, "kind")])


def vector(values: np.ndarray) -> str:
    return "[" + ", ".join(f"{v:+.3f}" for v in values) + "]"


def layer_text(index: int) -> str:
    """torch's layer `index` as every string on the page names it: "layer 1 (l0)"."""
    number, name = bi.layer_name(index)
    return tr("bidirectional.layer", number=number, name=name)


def module_name(cell: str) -> str:
    return bi.MODULES[cell]


# --- 1 · Input ------------------------------------------------------------------------------

def field_name(kind: str, problem) -> str:
    if kind == "numbers" and problem.reason not in ("empty", "too_long"):
        return tr("bidirectional.field.entry", n=problem.column + 1)
    return tr(f"bidirectional.field.{kind}")


def report(kind: str, problems) -> None:
    for problem in problems[:5]:
        field = field_name(kind, problem)
        if problem.reason in ("too_long", "empty"):
            text = tr(f"bidirectional.error.{problem.reason}", field=field, value=problem.raw,
                      limit=bi.MAX_STEPS)
        else:
            text = tr(f"error.{problem.reason}", field=field, value=problem.raw,
                      low=-bi.MAX_ABS_INPUT, high=bi.MAX_ABS_INPUT)
        st.error(text, icon=":material/error:")


def input_section() -> tuple[bi.InputSequence | None, str, int, int, int]:
    st.header(tr("bidirectional.input.header"))
    c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
    kind = settings.linked(tr, c1.radio, tr("bidirectional.kind"), page=PAGE, name="kind",
                           default=bi.KINDS[0], codec=settings.choice(bi.KINDS), options=bi.KINDS,
                           on_change=switch_example,
                           format_func=lambda k: tr(f"bidirectional.kind.{k}"))
    text = settings.linked(tr, c2.text_input, tr(f"bidirectional.sequence.{kind}"), page=PAGE,
                           name="sequence", default=DEFAULT_TEXT[kind],
                           codec=settings.text(MAX_LINK_CHARS[kind]), max_chars=MAX_CHARS[kind],
                           help=tr(f"bidirectional.sequence.help.{kind}", steps=bi.MAX_STEPS,
                                   limit=bi.MAX_ABS_INPUT))
    c0, c1, c2, c3 = st.columns(4, vertical_alignment="bottom")
    cell = settings.linked(tr, c0.radio, tr("bidirectional.cell"), page=PAGE, name="cell",
                           default=bi.CELLS[0], codec=settings.choice(bi.CELLS), options=bi.CELLS,
                           horizontal=True, format_func=lambda c: tr(f"bidirectional.cell.{c}"),
                           help=tr("bidirectional.cell.help"))
    hidden = settings.linked(tr, c1.slider, tr("bidirectional.hidden"), page=PAGE, name="hidden",
                             default=3, codec=settings.integer(1, bi.MAX_HIDDEN), min_value=1,
                             max_value=bi.MAX_HIDDEN)
    layers = settings.linked(tr, c2.slider, tr("bidirectional.layers"), page=PAGE, name="layers",
                             default=1, codec=settings.integer(1, bi.MAX_LAYERS), min_value=1,
                             max_value=bi.MAX_LAYERS, help=tr("bidirectional.layers.help"))
    seed = settings.linked(tr, c3.number_input, tr("bidirectional.seed"), page=PAGE, name="seed",
                           default=0, codec=settings.integer(0, MAX_SEED), min_value=0,
                           max_value=MAX_SEED, step=1, help=tr("bidirectional.seed.help"))
    sequence, problems = bi.parse(kind, text.strip() if kind == "numbers" else text)
    report(kind, problems)
    if sequence is not None:
        count = tr("bidirectional.steps", steps=sequence.steps, limit=bi.MAX_STEPS)
        if kind == "numbers":
            st.caption(count + tr("bidirectional.encoding.numbers"))
        else:
            chars = tr("bidirectional.list_separator").join(f"“{c}”"
                                                            for c in sequence.vocabulary)
            st.caption(count + tr("bidirectional.encoding.characters", size=sequence.input_size,
                                  chars=chars))
    return sequence, cell, int(hidden), int(layers), int(seed)


# --- 2 · The two directions -----------------------------------------------------------------

def step_labels(sequence: bi.InputSequence) -> list[str]:
    """Unique per step (a category axis would merge two equal values)."""
    return [f"{t}: {label}" for t, label in enumerate(sequence.labels, start=1)]


def states_section(sequence: bi.InputSequence, hand: bi.ByHand, cell: str, layers: int) -> None:
    st.header(tr("bidirectional.states.header"))
    st.code(tr(f"bidirectional.formula.{cell}"), language=None)
    top = layers - 1
    if layers > 1:
        st.caption(tr("bidirectional.layer_shown", layer=layer_text(top)))
    hidden = hand.forward[top].shape[1]
    name = tr(f"bidirectional.cell.{cell}")
    fig = directions(
        hand.forward[top], hand.backward[top], step_labels(sequence),
        forward_title=tr("bidirectional.fig.forward", cell=name),
        backward_title=tr("bidirectional.fig.backward", cell=name),
        concat_title=tr("bidirectional.fig.concat", size=2 * hidden),
        x_title=tr("bidirectional.axis.step"), unit_label=tr("bidirectional.axis.unit"),
        value_name=tr("bidirectional.axis.value"), order_name=tr("bidirectional.axis.order"),
    )
    st.plotly_chart(fig, width="stretch", key="directions_chart")
    numbers = tr("bidirectional.read.states.numbers", T=sequence.steps,
                 forward=vector(hand.forward[top][-1]), backward=vector(hand.backward[top][0]))
    page.how_to_read(tr, "bidirectional.read.states", numbers=numbers)


def numbers_table(sequence: bi.InputSequence, hand: bi.ByHand, theirs: bi.TorchRun,
                  cell: str, layers: int, run_key: tuple) -> None:
    st.subheader(tr("bidirectional.table.header"))
    key = ("bidirectional.numbers", *run_key)  # names everything the table shows

    def build() -> pd.DataFrame:
        return numbers_frame(sequence, hand, theirs, cell, layers)

    # A static table: its vectors wrap inside their cells, so every column and every row is
    # on the page (a scrolling grid cut the right-hand columns off at H = 8).
    st.table(cache.table(key, build), hide_index=True)
    page.how_to_read(tr, "bidirectional.read.table", module=module_name(cell))
    page.download_csv(tr, build, "bidirectional_states.csv", key="numbers_csv", cache_key=key)


def numbers_frame(sequence: bi.InputSequence, hand: bi.ByHand, theirs: bi.TorchRun,
                  cell: str, layers: int) -> pd.DataFrame:
    top = layers - 1
    differences = np.abs(hand.out - theirs.out[:, 0]).max(axis=1)
    return pd.DataFrame({
        tr("bidirectional.col.step"): list(range(1, sequence.steps + 1)),
        tr("bidirectional.col.input"): list(sequence.labels),
        tr("bidirectional.col.forward"): [vector(h) for h in hand.forward[top]],
        tr("bidirectional.col.backward"): [vector(h) for h in hand.backward[top]],
        tr("bidirectional.col.torch", module=module_name(cell)):
            [vector(o) for o in theirs.out[:, 0]],
        tr("bidirectional.col.diff"): [f"{d:.1e}" for d in differences],
    })


# --- 3 · Proof and shapes -------------------------------------------------------------------

def check_section(sequence: bi.InputSequence, hand: bi.ByHand, theirs: bi.TorchRun,
                  cell: str, hidden: int, layers: int, run_key: tuple) -> None:
    module = module_name(cell)
    st.header(tr("bidirectional.check.header", module=module))
    difference = bi.largest_difference(hand, theirs)
    shapes = bi.shapes(sequence.steps, sequence.input_size, hidden, layers, cell)
    columns = st.columns(4)
    columns[0].metric(tr("bidirectional.metric.diff", module=module), f"{difference:.1e}")
    columns[1].metric(tr("bidirectional.metric.out"), str(tuple(theirs.out.shape)))
    columns[2].metric(tr("bidirectional.metric.h_n"), str(tuple(theirs.h_n.shape)))
    if theirs.c_n is not None:
        columns[3].metric(tr("bidirectional.metric.c_n"), str(tuple(theirs.c_n.shape)))
    name = tr(f"bidirectional.cell.{cell}")
    if difference < TOLERANCE:
        st.success(tr("bidirectional.check.ok", cell=name,
                      states=tr(f"bidirectional.check.states.{cell}")), icon=":material/check:")
    else:
        st.error(tr("bidirectional.check.bad"), icon=":material/error:")
    explain = tr("bidirectional.shapes.explain", **{k: str(v) for k, v in shapes.items()})
    if "c_n" in shapes:
        explain += " " + tr("bidirectional.shapes.c_n", c_n=str(shapes["c_n"]))
    st.markdown(explain)
    st.subheader(tr("bidirectional.slices.header"))
    slices = cache.table(("bidirectional.slices", *run_key),
                         lambda: slices_table(theirs, hidden, layers))
    st.dataframe(slices, hide_index=True, key="slices_table")
    st.caption(tr("bidirectional.slices.note"))


def slices_table(theirs: bi.TorchRun, hidden: int, layers: int) -> pd.DataFrame:
    matches = {m.row: m for m in bi.slice_matches(theirs, layers, hidden)}
    rows = []
    for row, layer, direction in bi.h_n_rows(layers):
        match = matches.get(row)
        if match is None:
            meaning = tr("bidirectional.meaning.not_in_out", layer=layer_text(layer),
                         direction=tr(f"bidirectional.direction.{direction}"))
            rows.append(("—", f"h_n[{row}]", meaning, ""))
        else:
            meaning = tr(f"bidirectional.meaning.{direction}", layer=layer_text(layer),
                         step=match.step)
            rows.append((match.out_index, f"h_n[{row}]", meaning, f"{match.difference:.1e}"))
    return pd.DataFrame(rows, columns=[tr("bidirectional.col.slice"),
                                       tr("bidirectional.col.row"),
                                       tr("bidirectional.col.meaning"),
                                       tr("bidirectional.col.diff")])


def both_ways(xs: np.ndarray, cell: str, hidden: int, layers: int,
              seed: int) -> tuple[bi.ByHand, bi.TorchRun]:
    """The hand computation and torch's, once per input and settings for the whole class
    (read only: the page never changes them)."""
    module = bi.make_rnn(xs.shape[1], hidden, layers, seed, cell)
    return bi.by_hand(module, xs), bi.by_torch(module, xs)


both_ways = cache.shared(both_ways, max_entries=128)


def main() -> None:
    st.markdown(tr("bidirectional.intro"))
    sequence, cell, hidden, layers, seed = input_section()
    if sequence is None:
        return
    hand, theirs = both_ways(sequence.xs, cell, hidden, layers, seed)
    run_key = (sequence.xs, tuple(sequence.labels), cell, hidden, layers, seed)
    states_section(sequence, hand, cell, layers)
    numbers_table(sequence, hand, theirs, cell, layers, run_key)
    check_section(sequence, hand, theirs, cell, hidden, layers, run_key)


main()
