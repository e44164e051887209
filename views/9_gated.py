"""Gated cells step by step: an LSTM or GRU stepped through time, every gate in numbers (SPEC 8)."""

from __future__ import annotations

from functools import partial

import numpy as np
import streamlit as st

from rnnviz import gated
from rnnviz.plots import gated as plots
from rnnviz.plots.ohlol import shown_char
from ui import cache, handoff, page, play, settings
from ui.editors import grid_editor
from ui.text.gated import STRINGS

SLUG = "gated"
tr = page.setup(STRINGS, "gated.title", icon="🚪")
st.markdown(tr("gated.intro"))

example_table = cache.shared(gated.example_table)
network_of = cache.shared(gated.network_from_text)
starting_frame = cache.shared(gated.table_frame)  # an editor's start (st.data_editor copies it)
shown_run = cache.shared(gated.shown_run)  # every unit run, the first eight shown
agreement_rows = cache.shared(gated.agreement_table)
memory_lesson = cache.shared(gated.memory_lesson)
predictions_of = cache.shared(gated.TrainedCell.predicted)
setting = settings.PageSettings(tr, SLUG, dict(  # the network's tables: link_tables
    cell="lstm", n_in=2, n_hidden=2, edit=False, bias=gated.DEFAULT_GATE_BIAS,
    steps=gated.DEFAULT_MEMORY_STEPS))


# --- the network: tables as text in the settings (and the link) ---------------------------

def table_title(name: str) -> str:
    if name == "x":
        return tr("gated.matrix.x")
    return tr("gated.table", gate=name, name=tr(f"gated.gate_title.{name}"))


def link_tables(*, write: bool) -> None:
    """Every table's text: read from the link once a session, or written back to it."""
    n_inputs, n_hidden = sizes()
    for name in gated.TABLES:
        codec = settings.Codec(partial(gated.canonical_table, name=name, n_inputs=n_inputs,
                                       n_hidden=n_hidden))
        default = example_table(name, n_inputs, n_hidden)
        if write:
            settings.write_link(name, setting.value(name), default, codec)
        else:
            settings.read_link(tr, table_title(name), page=SLUG, name=name, default=default,
                               codec=codec)


def sizes() -> tuple[int, int]:
    return int(setting.value("n_in")), int(setting.value("n_hidden"))


def resize_tables() -> None:
    """After a size change (callback): every gate of both cells and the inputs follow."""
    setting.assign(**{name: gated.resized_table(setting.value(name), name, *sizes())
                      for name in gated.TABLES if setting.value(name) is not None})


def reset_example() -> None:
    setting.assign(n_in=2, n_hidden=2, t=1,
                   **{name: example_table(name, 2, 2) for name in gated.TABLES})
    for name in gated.TABLES:  # the editors start again from the example
        st.session_state.pop(settings.key_of(SLUG, f"edit_{name}"), None)
        st.session_state.pop(settings.key_of(SLUG, f"seed_{name}"), None)


# --- the editors ----------------------------------------------------------------------------

@cache.shared
def text_columns(columns: tuple[str, ...]) -> dict:
    return {c: st.column_config.TextColumn(c, width="small") for c in columns}


def gate_editor(gate: str, text: str, n_inputs: int, n_hidden: int) -> list[list[object]]:
    """One gate's table, started from its seed: the text when it was first drawn (again after
    a size change, or when it was not drawn last run, as Streamlit then drops its edits)."""
    state, key = st.session_state, settings.key_of(SLUG, f"edit_{gate}")
    seed_key = settings.key_of(SLUG, f"seed_{gate}")
    seed = state.get(seed_key)
    if key not in state or seed is None or gated.text_shape(seed) != gated.text_shape(text):
        state.pop(key, None)
        state[seed_key] = seed = text
    frame = starting_frame(gate, seed, n_inputs, n_hidden)
    edited = st.data_editor(frame, key=key, column_config=text_columns(tuple(frame.columns)))
    return edited.to_numpy(dtype=object).tolist()


def problem_text(problem: gated.TableProblem) -> str:
    """A bad table in words: gate, matrix, row and column (or input step and x column)."""
    matrix = "x" if problem.gate is None else gated.torch_name(problem.matrix, problem.gate)
    if problem.reason == "cell":
        cell = problem.cell
        where = tr("gated.x_at" if problem.gate is None else "gated.cell_at", gate=problem.gate,
                   matrix=matrix, row=cell.row + 1, column=cell.column + 1)
        return tr(f"error.{cell.reason}", field=where, value=str(cell.raw)[:40],
                  low=-gated.VALUE_LIMIT, high=gated.VALUE_LIMIT)
    if problem.reason in ("empty", "steps"):
        return tr(f"gated.error.{problem.reason}", got=(problem.got or [0])[0],
                  limit=gated.MAX_STEPS)
    return tr("gated.error.shape", matrix=matrix)


def table_editors(cell: str, n_inputs: int, n_hidden: int) -> bool:
    """The cell's gate tables and the inputs. Valid edits go into the settings; False after
    errors naming the bad cells (the settings keep the last valid network)."""
    tables = {}
    for column, gate in zip(st.columns(2) * 2, gated.GATES[cell], strict=False):
        with column:
            st.markdown(f"**{table_title(gate)}**")
            tables[gate] = gate_editor(gate, setting.value(gate), n_inputs, n_hidden)
    st.markdown(f"**{table_title('x')}**")
    x_rows = tuple(map(tuple, gated.text_rows(setting.value("x"))))
    raw_x = grid_editor(SLUG, "x", x_rows, width=n_inputs, fill="1", dynamic=True)
    st.caption(tr("gated.x.help", limit=gated.MAX_STEPS))
    weights, problems = gated.parse_weights(cell, tables, n_inputs, n_hidden)
    xs, input_problems = gated.parse_inputs(raw_x, n_inputs)
    if weights is not None:
        setting.assign(**gated.gate_texts(weights))
    if xs is not None:
        setting.assign(x=gated.table_text(xs))
    for problem in (problems + input_problems)[:5]:
        st.error(problem_text(problem), icon=":material/error:")
    return not (problems or input_problems)


def network_section(cell: str) -> tuple[gated.GatedWeights, np.ndarray, bool]:
    """Sizes, Reset and the editors (behind a toggle); the network to show and whether the
    typed one is valid (else the last valid one is shown)."""
    st.header(tr("gated.edit.header"))
    st.markdown(tr("gated.edit.intro", gate=gated.SPEC_BIASED_GATE[cell]))
    left, middle, right = st.columns([1, 1, 2], vertical_alignment="bottom")
    for column, name in ((left, "n_in"), (middle, "n_hidden")):
        setting.number(column.number_input, name, 1, gated.MAX_SIZE, step=1,
                       on_change=resize_tables, help=tr("gated.sizes.help", limit=gated.MAX_SIZE))
    right.button(tr("gated.reset"), key="gated.reset", on_click=reset_example,
                 icon=":material/restart_alt:")
    n_inputs, n_hidden = sizes()
    link_tables(write=False)
    typed_ok = True
    if setting.flag(st.toggle, "edit"):
        typed_ok = table_editors(cell, n_inputs, n_hidden)
    link_tables(write=True)
    texts = {name: setting.value(name) for name in (*gated.GATES[cell], "x")}
    return (*network_of(cell, texts, n_inputs, n_hidden), typed_ok)


# --- results, shared by every session ------------------------------------------------------

@cache.shared
def step_latex(weights: gated.GatedWeights, xs: np.ndarray, t: int) -> tuple:
    return plots.step_latex(shown_run(weights, xs), weights.first_units(), t)


@cache.shared
def diagram_figure(weights: gated.GatedWeights, xs: np.ndarray, t: int):
    labels = plots.DiagramLabels(
        title=tr("gated.diagram.title", cell=weights.cell.upper(), t=t),
        gate_titles={g: tr(f"gated.gate_title.{g}") for g in weights.gate_names})
    return plots.cell_diagram(shown_run(weights, xs), t, labels)


@cache.shared
def unrolled_figure(weights: gated.GatedWeights, xs: np.ndarray, t: int,
                    step_labels: tuple[str, ...] | None, outputs: tuple[str, ...] | None):
    return plots.unrolled(
        shown_run(weights, xs), t, title=tr("gated.unrolled.title"),
        x_title=tr("gated.unrolled.x_chars" if step_labels else "gated.unrolled.x"),
        step_labels=step_labels, outputs=outputs, output_name=tr("gated.unrolled.output"),
        current_name=tr("gated.unrolled.current"))


@cache.shared
def lesson_figure(kind: str, steps: int, bias: float):
    """The memory lesson's "memory" (pulse left) or "gradient" figure."""
    draw, extra = ((plots.memory_figure, {"value_name": tr("gated.memory.value")})
                   if kind == "memory" else (plots.gradient_figure, {}))
    return draw(memory_lesson(steps, bias), title=None, x_title=tr("gated.memory.x"),
                names={c: tr(f"gated.{kind}.name.{c}") for c in gated.MEMORY_CELLS},
                y_title=tr(f"gated.{kind}.y"), **extra)


# --- the step view --------------------------------------------------------------------------

def step_controls(steps: int) -> int:
    left, right = st.columns([5, 1], vertical_alignment="bottom")
    t = play.step_slider(tr, left, tr("gated.t"), page=SLUG, first=1, last=steps,
                         help=tr("gated.t.help"))
    play.play_control(tr, right, page=SLUG, first=1, last=steps)
    return t


def step_view(weights: gated.GatedWeights, xs: np.ndarray, t: int) -> None:
    """The step's vectors, then each gate's equation and the new state's with the numbers."""
    names = {v: tr(f"gated.vector.{v}", t=t, prev=t - 1) for v in ("x", "h_prev", "c_prev",
                                                                  "c", "h")}
    st.dataframe(cache.table(("gated.vectors", weights, xs, t), lambda: gated.step_frame(
        shown_run(weights, xs), t, names)), key="gated.vectors")
    gate_equations, state_equations = step_latex(weights, xs, t)
    for gate, latex in zip(weights.gate_names, gate_equations, strict=True):
        st.markdown(tr(f"gated.gate.{gate}"))
        st.latex(latex)
    st.markdown(tr(f"gated.state.{weights.cell}"))
    for latex in state_equations:
        st.latex(latex)
    page.how_to_read(tr, "gated.latex.read", t=t,
                     gates=gated.gate_summary(shown_run(weights, xs), t))


def diagram_section(weights: gated.GatedWeights, xs: np.ndarray, t: int) -> None:
    st.header(tr("gated.diagram.header"))
    st.plotly_chart(diagram_figure(weights, xs, t), width="stretch", key="gated.diagram",
                    config={"displayModeBar": False})
    values = {k: gated.short_vector(v) for k, v in shown_run(weights, xs).step(t).items()}
    page.how_to_read(tr, f"gated.diagram.read.{weights.cell}", t=t, prev=t - 1, f=values["kept"],
                     **{k: values.get(k) for k in ("c", "h", "kept", "written")})


def unrolled_section(weights: gated.GatedWeights, xs: np.ndarray, t: int,
                     trained: gated.TrainedCell | None) -> None:
    st.header(tr("gated.unrolled.header"))
    labels = outputs = None
    if trained is not None:
        labels = tuple(shown_char(c) for c in trained.labels)
        outputs = predictions_of(trained)
    st.plotly_chart(unrolled_figure(weights, xs, t, labels, outputs), width="stretch",
                    key="gated.unrolled", config={"displayModeBar": False})
    page.how_to_read(tr, "gated.unrolled.read", t=t,
                     h=gated.short_vector(shown_run(weights, xs).step(t)["h"]),
                     **{k: tr(f"gated.unrolled.{k}") if weights.cell == "lstm" else ""
                        for k in ("c0", "c_row")})
    if outputs:
        st.caption(tr("gated.unrolled.outputs", predicted=" ".join(outputs)))


@st.fragment
def steps_fragment(weights: gated.GatedWeights, xs: np.ndarray,
                   trained: gated.TrainedCell | None, typed_ok: bool) -> None:
    """Everything that follows t: a move of t or Play reruns only this."""
    with top_area:
        st.header(tr("gated.step.header"))
        if not typed_ok:
            st.warning(tr("gated.last_good"), icon=":material/history:")
        t = step_controls(xs.shape[0])
        step_view(weights, xs, t)
        diagram_section(weights, xs, t)
        unrolled_section(weights, xs, t, trained)


# --- the other sections ---------------------------------------------------------------------

def trace_section(weights: gated.GatedWeights, xs: np.ndarray) -> None:
    st.header(tr("gated.trace.header"))
    key = ("gated.trace", weights, xs)
    st.dataframe(cache.table(key, lambda: gated.trace_table(shown_run(weights, xs))),
                 hide_index=True, key="gated.trace")
    page.how_to_read(tr, "gated.trace.read")
    page.download_csv(tr, lambda: gated.trace_table(shown_run(weights, xs)),
                      f"{weights.cell}_trace.csv", key="gated.trace_csv", cache_key=key)


def agreement_section(weights: gated.GatedWeights, xs: np.ndarray) -> None:
    st.header(tr("gated.agree.header"))
    layer, cell = gated.TORCH_MODULES[weights.cell]
    st.markdown(tr("gated.agree.intro", cell_module=f"nn.{cell}", layer_module=f"nn.{layer}"))
    rows = agreement_rows(weights, xs)
    headers = [tr(f"gated.agree.{h}") for h in ("backend", "abs", "rel")]
    st.dataframe(cache.table(("gated.agree", weights, xs), lambda: gated.agreement_frame(
        rows, headers)), hide_index=True, key="gated.agreement")
    largest = f"{max(row['max_abs'] for row in rows):.2e}"
    if all(row["max_rel"] < 1e-5 for row in rows):
        st.success(tr("gated.agree.ok", diff=largest), icon=":material/check_circle:")
    else:
        st.warning(tr("gated.agree.off", diff=largest), icon=":material/warning:")
    page.how_to_read(tr, "gated.agree.read")


def memory_section() -> None:
    st.header(tr("gated.memory.header"))
    st.markdown(tr("gated.memory.intro"))
    left, right = st.columns(2)
    low, high = gated.GATE_BIAS_RANGE
    bias = float(setting.number(left.slider, "bias", low, high, step=0.5))
    steps = int(setting.number(right.slider, "steps", 2, gated.MAX_MEMORY_STEPS))
    numbers = memory_lesson(steps, bias).numbers()
    for column, kind in zip(st.columns(2), ("memory", "gradient"), strict=True):
        with column:  # the title above the chart: in half a page a plot title meets the legend
            st.markdown(f"**{tr(f'gated.{kind}.title')}**")
            st.plotly_chart(lesson_figure(kind, steps, bias), width="stretch", key=f"gated.{kind}")
            page.how_to_read(tr, f"gated.{kind}.read", **numbers[kind])


# --- the trained network from hello -> ohlol --------------------------------------------------

def trained_weights(trained: gated.TrainedCell) -> None:
    st.header(tr("gated.edit.header"))
    st.markdown(tr("gated.trained.readonly"))
    cut = trained.weights.first_units()
    for column, gate in zip(st.columns(2) * 2, cut.gate_names, strict=False):
        with column:
            st.markdown(f"**{table_title(gate)}**")
            st.dataframe(cache.table(("gated.trained", cut, gate),
                                     lambda gate=gate: gated.gate_frame(cut, gate)),
                         key=f"gated.trained.{gate}")


def cell_choice() -> str:
    return setting.choice(st.radio, "cell", gated.CELLS, horizontal=True,
                          format_func=lambda c: tr(f"gated.cell.{c}"))


# --- the page -------------------------------------------------------------------------------

trained = handoff.trained()
if trained is not None:
    handoff.banner(tr, trained, predictions_of(trained))
cell = cell_choice() if trained is None else trained.weights.cell
st.markdown(tr(f"gated.convention.{cell}"))
top_area, bottom_area = st.container(), st.container()  # the results above the editors
if trained is None:
    network, inputs, typed_ok = network_section(cell)
else:
    network, inputs, typed_ok = trained.weights, trained.inputs, True
    trained_weights(trained)
with bottom_area:
    trace_section(network, inputs)
    agreement_section(network, inputs)
steps_fragment(network, inputs, trained, typed_ok)
memory_section()
