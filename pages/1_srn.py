"""Step a Simple Recurrent Network through time, with every number shown (SPEC 1)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from rnnviz import srn
from rnnviz.plots import srn as plots
from rnnviz.validate import CellProblem, parse_grid
from ui import figures, page
from ui.inputs import report_problems
from ui.text.srn import STRINGS

tr = page.setup(STRINGS, "srn.title", icon="🔁")

BASE = "_srn_base"  # the editors' starting grids (text); replaced only when a size changes
CURRENT = "_srn_current"  # the editors' grids as of the last run, to carry over on a resize
GOOD = "_srn_good"  # the last valid SRNView: what the figures show while a cell is bad
PLAYING = "_srn_playing"
NEXT_T = "_srn_next_t"  # set by the Play ticker, applied before the slider is drawn
FULL_RUN = "_srn_full_run"  # the ticker's first call in a full run must not advance t
STEPS_FRAGMENT = "srn_steps"  # the fragment that draws everything that follows t
PLAY_SECONDS = 1.0
MATRICES = ("W", "U", "b", "V", "c")
EDITOR_KEYS = {name: f"edit_{name}" for name in (*MATRICES, "x")}
FILL = {"W": "1", "U": "1", "V": "1", "b": "0", "c": "0", "x": "1"}


# --- state: the URL on first load, then the widgets --------------------------------------

def text_grid(values: np.ndarray) -> list[list[str]]:
    return [[srn.format_number(v) for v in row] for row in np.atleast_2d(values)]


def grids_of(view: srn.SRNView) -> dict[str, list[list[str]]]:
    weights = view.weights
    return {"W": text_grid(weights.W), "U": text_grid(weights.U), "b": text_grid(weights.b),
            "V": text_grid(weights.V), "c": text_grid(weights.c), "x": text_grid(view.xs)}


def shapes_for(n_in: int, n_hidden: int, n_out: int, steps: int) -> dict[str, tuple[int, int]]:
    return {"W": (n_hidden, n_in), "U": (n_hidden, n_hidden), "b": (1, n_hidden),
            "V": (n_out, n_hidden), "c": (1, n_out), "x": (steps, n_in)}


def resized(grid: list[list[str]], shape: tuple[int, int], fill: str) -> list[list[str]]:
    """Keep the overlapping entries, fill the new ones."""
    rows, columns = shape
    return [[grid[r][c] if r < len(grid) and c < len(grid[r]) else fill
             for c in range(columns)] for r in range(rows)]


def report_link_problems(problems: list[srn.FieldProblem], query: dict[str, str]) -> None:
    for problem in problems:
        field, value = problem.field, str(query.get(problem.field, ""))[:40]
        if problem.reason == "cell":
            cell = problem.cell
            where = tr("srn.url.cell_at", row=cell.row + 1, column=cell.column + 1)
            text = tr("srn.url.cell", field=field,
                      problem=tr(f"error.{cell.reason}", field=where, value=cell.raw[:40],
                                 low="", high=""))
        elif problem.reason == "shape":
            expected = problem.expected
            shown = (tr("srn.url.any_rows", columns=expected[1]) if field == "x"
                     else " × ".join(str(n) for n in expected))
            text = tr("srn.url.shape", field=field, expected=shown)
        elif problem.reason == "choice":
            text = tr("srn.url.choice", field=field, value=value,
                      choices=", ".join(srn.ACTIVATIONS))
        elif problem.reason == "range":
            low, high = problem.expected
            text = tr("srn.url.range", field=field, value=value, low=low, high=high)
        else:  # ragged, size, steps
            limit = problem.expected[0] if problem.expected else ""
            text = tr(f"srn.url.{problem.reason}", field=field, limit=limit)
        st.error(text, icon=":material/link_off:")


def start_session() -> None:
    """The first run of a session: take the view from the link (or the defaults)."""
    query = {k: st.query_params[k] for k in (*srn.QUERY_FIELDS, "t", "act")
             if k in st.query_params}
    view, problems = srn.SRNView.from_query(query)
    report_link_problems(problems, query)
    state = st.session_state
    state[BASE] = grids_of(view)
    state[CURRENT] = grids_of(view)
    state[GOOD] = view
    n_in, n_hidden, n_out = view.weights.sizes
    state["n_in"], state["n_hidden"], state["n_out"] = n_in, n_hidden, n_out
    state["t"], state["activation"] = view.t, view.activation
    state[PLAYING] = False


def resume_session() -> None:
    """Back from another page: Streamlit has dropped this page's widget values, so put
    back the sizes, t and activation, and start the editors from the cells last typed."""
    state = st.session_state
    current, good = state[CURRENT], state[GOOD]
    state[BASE] = {name: [list(row) for row in grid] for name, grid in current.items()}
    if not state[BASE]["x"]:
        state[BASE]["x"] = text_grid(good.xs)
    state["n_in"], state["n_hidden"] = len(current["W"][0]), len(current["W"])
    state["n_out"] = len(current["V"])
    state["t"], state["activation"] = good.t, good.activation
    state[PLAYING] = False


def keep_url(view: srn.SRNView) -> None:
    """Write the view into the address bar (lang belongs to ui.page)."""
    shown = st.query_params.to_dict()  # one read, not one per field
    for name, value in view.to_query().items():
        if shown.get(name) != value:
            st.query_params[name] = value


# --- the editors ------------------------------------------------------------------------

def labels(name: str, shape: tuple[int, int]) -> tuple[list[str], list[str]]:
    rows, columns = shape
    kind = {"W": ("h", "x"), "U": ("h", "h"), "V": ("y", "h"), "x": ("t", "x")}
    if name in ("b", "c"):
        unit = "h" if name == "b" else "y"
        # Neutral labels: a translated one would give the editor a new identity (and drop
        # its edits) when the language changes.
        return [name], [f"{unit}{j + 1}" for j in range(columns)]
    row_unit, column_unit = kind[name]
    return ([f"{row_unit}{i + 1}" for i in range(rows)],
            [f"{column_unit}{j + 1}" for j in range(columns)])


@figures.memo
def starting_frame(name: str, grid: tuple[tuple[str, ...], ...], width: int) -> pd.DataFrame:
    """An editor's starting table, built once per grid for every session.

    `st.data_editor` copies the frame it is given, so sharing one is safe.
    """
    shape = (len(grid), len(grid[0]) if grid else width)
    row_labels, column_labels = labels(name, shape)
    frame = pd.DataFrame([list(row) for row in grid], columns=column_labels,
                         dtype=object).astype(str)
    if name != "x":
        frame.index = row_labels
    return frame


@figures.memo
def column_config(name: str, columns: tuple[str, ...]) -> dict:
    return {column: st.column_config.TextColumn(column, default=FILL[name], width="small")
            for column in columns}


def editor_frame(name: str, grid: list[list[str]], width: int) -> pd.DataFrame:
    """The editor's starting table (it changes only when a size changes)."""
    return starting_frame(name, tuple(map(tuple, grid)), width)


def editor(name: str, grid: list[list[str]], width: int) -> tuple[list[list[object]], list[str]]:
    """One matrix editor (text cells, so anything typed can be checked and named)."""
    frame = editor_frame(name, grid, width)
    column_labels = list(frame.columns)
    config = column_config(name, tuple(column_labels))
    if name == "x":
        edited = st.data_editor(frame, key=EDITOR_KEYS[name], num_rows="dynamic",
                                column_config=config, hide_index=True)
        st.caption(tr("srn.x.help", limit=srn.MAX_STEPS))
    else:
        edited = st.data_editor(frame, key=EDITOR_KEYS[name], column_config=config)
    return edited.to_numpy(dtype=object).tolist(), column_labels


def network_editors(sizes: tuple[int, int, int]) -> dict[str, tuple[list, list[str]]]:
    """Draw the six editors; returns each one's raw cells and column labels."""
    state = st.session_state
    n_in, n_hidden, n_out = sizes
    base = state[BASE]
    steps = max(1, len(state[CURRENT]["x"]))
    wanted = shapes_for(n_in, n_hidden, n_out, steps)
    for name, shape in wanted.items():
        if name == "x":
            # Only the width follows the sizes; the steps are the editor's own rows.
            if not base["x"] or len(base["x"][0]) != n_in:
                base["x"] = resized(state[CURRENT]["x"] or [[FILL["x"]] * n_in], shape, "1")
        elif (len(base[name]), len(base[name][0])) != shape:
            base[name] = resized(state[CURRENT][name], shape, FILL[name])
    raw = {}
    left, middle, right = st.columns(3)
    with left:
        st.markdown(f"**{tr('srn.matrix.W')}**")
        raw["W"] = editor("W", base["W"], n_in)
        st.markdown(f"**{tr('srn.matrix.b')}**")
        raw["b"] = editor("b", base["b"], n_hidden)
    with middle:
        st.markdown(f"**{tr('srn.matrix.U')}**")
        raw["U"] = editor("U", base["U"], n_hidden)
        st.markdown(f"**{tr('srn.matrix.V')}**")
        raw["V"] = editor("V", base["V"], n_hidden)
        st.markdown(f"**{tr('srn.matrix.c')}**")
        raw["c"] = editor("c", base["c"], n_out)
    with right:
        st.markdown(f"**{tr('srn.matrix.x')}**")
        raw["x"] = editor("x", base["x"], n_in)
    state[CURRENT] = {name: [[str(v) for v in row] for row in cells]
                      for name, (cells, _) in raw.items()}
    return raw


def parse_editors(
    raw: dict[str, tuple[list, list[str]]],
) -> tuple[srn.SRNWeights, np.ndarray] | None:
    """The network typed into the editors, or None after showing what is wrong."""
    parsed, bad = {}, False
    for name, (cells, columns) in raw.items():
        if name == "x" and not cells:
            st.error(tr("srn.error.empty_sequence"), icon=":material/error:")
            bad = True
            continue
        if name == "x" and len(cells) > srn.MAX_STEPS:
            st.error(tr("srn.error.too_long", steps=len(cells), limit=srn.MAX_STEPS),
                     icon=":material/error:")
            bad = True
            continue
        array, problems = parse_grid(cells)
        row_labels, _ = labels(name, (len(cells), len(columns)))

        def name_cell(problem: CellProblem, name=name, row_labels=row_labels,
                      columns=columns) -> str:
            if name == "x":
                return tr("srn.cell.x", row=problem.row + 1, column=columns[problem.column])
            return tr("srn.cell", matrix=name, row=row_labels[problem.row],
                      column=columns[problem.column])

        bad |= report_problems(tr, problems, name_cell)
        parsed[name] = array
    if bad:
        return None
    weights = srn.SRNWeights(W=parsed["W"], U=parsed["U"], b=parsed["b"][0], V=parsed["V"],
                             c=parsed["c"][0])
    return weights, parsed["x"]


def size_inputs() -> tuple[int, int, int]:
    columns = st.columns(3)
    help_text = tr("srn.sizes.help", limit=srn.MAX_SIZE)
    return tuple(
        int(column.number_input(tr(f"srn.{key}"), min_value=1, max_value=srn.MAX_SIZE, step=1,
                                key=key, help=help_text))
        for column, key in zip(columns, ("n_in", "n_hidden", "n_out"), strict=True))


# --- results, cached per distinct network -----------------------------------------------

def view_key(view: srn.SRNView) -> str:
    """The view without t: everything the run depends on, as text (cheap to hash)."""
    query = view.to_query()
    query.pop("t")
    return "&".join(f"{k}={v}" for k, v in query.items())


@figures.memo
def run_for(key: str) -> tuple[srn.SRNView, srn.Trace, pd.DataFrame]:
    view, _ = srn.SRNView.from_query(dict(part.split("=", 1) for part in key.split("&")))
    trace = srn.run_numpy(view.weights, view.xs, view.activation)
    return view, trace, srn.trace_table(trace)


@figures.cached
def unrolled_figure(key: str, t: int, lang: str) -> go.Figure:
    _, trace, _ = run_for(key)
    return plots.unrolled(trace, t, title=tr("srn.unrolled.title"),
                          x_title=tr("srn.unrolled.x"),
                          current_name=tr("srn.unrolled.current"))


@figures.memo
def step_latex(key: str, t: int) -> tuple[str, str, str, str]:
    """The step's sums, activation, output and stacked-product LaTeX (no words in them)."""
    view, trace, _ = run_for(key)
    k = t - 1
    product = srn.stacked_product(view.weights, trace.xs[k], trace.h_prev[k])
    return (*plots.step_latex(view.weights, trace, t),
            plots.stacked_latex(view.weights, trace, t, product))


@figures.memo
def agreement_for(key: str, steps: int) -> list[dict]:
    view, _, _ = run_for(key)
    return srn.agreement_table(view.weights, view.xs[:steps], view.activation)


# --- the step view ----------------------------------------------------------------------

def toggle_play(steps: int) -> None:
    state = st.session_state
    state[PLAYING] = not state[PLAYING]
    if state[PLAYING] and state.get("t", 1) >= steps:
        state["t"] = 1


def play_ticker(steps: int) -> None:
    """While playing: every second move t one step on, and redraw the whole page."""
    state = st.session_state
    state[FULL_RUN] = True

    @st.fragment(run_every=PLAY_SECONDS if state[PLAYING] else None)
    def tick() -> None:
        if state.get(FULL_RUN):
            state[FULL_RUN] = False  # the call made while the full page is drawn
            return
        if not state.get(PLAYING):
            return
        t = int(state.get("t", 1)) + 1
        state[NEXT_T] = min(t, steps)
        if t >= steps:
            state[PLAYING] = False
        st.rerun(scope="app")

    tick()


def step_controls(steps: int) -> tuple[int, str]:
    state = st.session_state
    if NEXT_T in state:
        state["t"] = state.pop(NEXT_T)
    state["t"] = min(max(int(state.get("t", 1)), 1), steps)
    left, middle, right = st.columns([4, 2, 1], vertical_alignment="bottom")
    with left:
        if steps > 1:
            t = st.slider(tr("srn.t"), 1, steps, key="t", help=tr("srn.t.help"))
        else:
            st.caption(tr("srn.t.single"))
            t = 1
    activation = middle.selectbox(tr("srn.activation"), srn.ACTIVATIONS, key="activation",
                                  format_func=lambda a: tr(f"srn.act.{a}"),
                                  help=tr("srn.activation.help"))
    playing = state[PLAYING]
    right.button(tr("srn.pause" if playing else "srn.play"), key="play",
                 icon=":material/pause:" if playing else ":material/play_arrow:",
                 on_click=toggle_play, args=(steps,), disabled=steps < 2,
                 help=tr("srn.play.help"), width="stretch")
    play_ticker(steps)
    return int(t), activation


def vector(values: np.ndarray) -> str:
    return "[" + ", ".join(plots.short(v) for v in values) + "]"


def step_view(view: srn.SRNView, trace: srn.Trace, key: str) -> None:
    t, k = view.t, view.t - 1
    named = [(tr("srn.metric.x", t=t), trace.xs[k]),
             (tr("srn.metric.h_prev", prev=t - 1), trace.h_prev[k]),
             (tr("srn.metric.h", t=t), trace.h[k]), (tr("srn.metric.y", t=t), trace.y[k])]
    if max(view.weights.sizes) <= 3:
        for column, (label, values) in zip([*st.columns(2), *st.columns(2)], named,
                                           strict=True):
            column.metric(label, vector(values))
    else:  # eight values do not fit in a metric: one row per vector instead
        width = max(len(values) for _, values in named)
        names = [f"x_{t}", f"h_{t - 1}", f"h_{t}", f"y_{t}"]
        rows = {name: [plots.short(v) for v in values] + [""] * (width - len(values))
                for name, (_, values) in zip(names, named, strict=True)}
        st.dataframe(pd.DataFrame.from_dict(rows, orient="index",
                                            columns=[str(i + 1) for i in range(width)]),
                     key="step_vectors")
    sums, activation, output, stacked = step_latex(key, t)
    st.markdown(tr("srn.latex.sums"))
    st.latex(sums)
    st.markdown(tr("srn.latex.activation", name=tr(f"srn.act.{view.activation}")))
    st.latex(activation)
    st.markdown(tr("srn.latex.output"))
    st.latex(output)
    with st.expander(tr("srn.stacked.title")):
        st.markdown(tr("srn.stacked.text"))
        st.latex(stacked)


# --- the other sections -----------------------------------------------------------------

def unrolled_section(view: srn.SRNView, key: str) -> None:
    st.header(tr("srn.unrolled.header"))
    fig = unrolled_figure(key, view.t, tr.lang)
    st.plotly_chart(fig, width="stretch", key="unrolled", config={"displayModeBar": False})
    page.how_to_read(tr, "srn.unrolled.read", t=view.t)


@figures.memo
def trace_columns(columns: tuple[str, ...]) -> dict:
    """The trace table's column config (Streamlit copies it before use)."""
    return {" ": st.column_config.TextColumn(" ", width=30),
            **{c: st.column_config.NumberColumn(c, format="%.6g") for c in columns if c != "t"}}


def trace_section(view: srn.SRNView, table: pd.DataFrame, key: str) -> None:
    st.header(tr("srn.trace.header"))
    # A marker column rather than a pandas Styler: styling costs ~15 ms on every rerun.
    def marked() -> pd.DataFrame:
        shown = table.copy()
        shown.insert(0, " ", np.where(shown["t"] == view.t, "▶", ""))
        return shown

    shown = figures.table(("srn.trace", key, view.t), marked)
    st.dataframe(shown, hide_index=True, key="trace_table",
                 column_config=trace_columns(tuple(table.columns)))
    page.how_to_read(tr, "srn.trace.read", t=view.t)
    page.download_csv(tr, table, "srn_trace.csv", key="trace_csv",
                      cache_key=("srn.trace", key))


def agreement_section(view: srn.SRNView, trace: srn.Trace, key: str) -> None:
    st.header(tr("srn.agree.header"))
    st.markdown(tr("srn.agree.intro"))
    if view.activation not in srn.TORCH_ACTIVATIONS:
        st.info(tr("srn.agree.unsupported", name=tr(f"srn.act.{view.activation}")),
                icon=":material/info:")
        return
    steps = trace.steps if trace.overflow_step is None else trace.overflow_step - 1
    if steps < 1:
        st.info(tr("srn.agree.nothing"), icon=":material/info:")
        return
    if steps < trace.steps:
        st.caption(tr("srn.agree.overflow_only", last=steps))
    rows = agreement_for(key, steps)
    table = figures.table(("srn.agree", key, steps, tr.lang), lambda: pd.DataFrame({
        tr("srn.agree.backend"): [tr(f"srn.agree.{row['backend']}") for row in rows],
        tr("srn.agree.abs"): [f"{row['max_abs']:.2e}" for row in rows],
        tr("srn.agree.rel"): [f"{row['max_rel']:.2e}" for row in rows],
    }))
    st.dataframe(table, hide_index=True, key="agreement_table")
    if all(row["max_rel"] < 1e-5 for row in rows):
        st.success(tr("srn.agree.ok"), icon=":material/check_circle:")
    else:
        st.warning(tr("srn.agree.off"), icon=":material/warning:")
    page.how_to_read(tr, "srn.agree.read")


# --- the page ---------------------------------------------------------------------------

@st.fragment(key=STEPS_FRAGMENT)
def results(weights: srn.SRNWeights, xs: np.ndarray, typed_ok: bool) -> None:
    """Everything that follows t, the activation and Play, drawn into the page's areas.

    A change of t, the activation or Play reruns only this fragment (not the six data
    editors); a full run (sizes, editors, language) calls it with the network typed in.
    """
    with top_area:  # two outside containers, not four: each costs a block per run
        st.header(tr("srn.step.header"))
        if not typed_ok:
            st.warning(tr("srn.last_good"), icon=":material/history:")
        t, activation = step_controls(xs.shape[0])
        view = srn.SRNView(weights, xs, t, activation)
        key = view_key(view)
        shown, trace, table = run_for(key)
        view = srn.SRNView(shown.weights, shown.xs, t, activation)
        if trace.overflow_step is not None:
            st.warning(tr("srn.overflow", step=trace.overflow_step), icon=":material/warning:")
        step_view(view, trace, key)
        unrolled_section(view, key)
    st.session_state[GOOD] = view
    keep_url(view)
    with bottom_area:
        trace_section(view, table, key)
        agreement_section(view, trace, key)


if BASE not in st.session_state:
    start_session()
elif "n_in" not in st.session_state:
    resume_session()
st.markdown(tr("srn.intro"))

top_area = st.container()  # the step view and the unrolled picture
st.header(tr("srn.edit.header"))
st.caption(tr("srn.edit.intro"))
typed = parse_editors(network_editors(size_inputs()))
good = st.session_state[GOOD]
if typed is not None:
    weights, xs = typed
    good = srn.SRNView(weights, xs, good.t, good.activation)
    st.session_state[GOOD] = good
bottom_area = st.container()  # the trace table and the agreement check
results(good.weights, good.xs, typed is not None)
