"""Step a Simple Recurrent Network through time, with every number shown (SPEC 1)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from rnnviz import srn
from rnnviz.plots import srn as plots
from ui import cache, editors, page, play, settings
from ui.i18n import merge
from ui.text.srn import STRINGS

PAGE = "srn"
tr = page.setup(merge(STRINGS, editors.STRINGS), "srn.title", icon="🔁")

STEPS_FRAGMENT = "srn_steps"  # the fragment that draws everything that follows t
EDIT_ANCHOR = "edit"  # the editors' section, linked from the warning while a cell is bad
DEFAULTS = {"act": "tanh", "t": 1}  # what Reset goes back to (not the editors' toggle)
setting = settings.PageSettings(tr, PAGE, DEFAULTS)  # the network: ui.editors


def network_key() -> str:
    """The network the link holds, as text: the last valid one the editors wrote there
    (a matrix at its default is left out of the link, and of this key)."""
    link = st.query_params.to_dict()  # one read, not one per field
    return "&".join(f"{name}={link[name]}" for name in srn.QUERY_FIELDS if name in link)


# --- results, cached per distinct network -----------------------------------------------

@cache.shared
def network_for(key: str) -> srn.SRNView:
    view, _ = srn.SRNView.from_query(dict(part.split("=", 1) for part in key.split("&") if part))
    return view


@cache.shared
def run_for(key: str, activation: str) -> tuple[srn.Trace, pd.DataFrame]:
    view = network_for(key)
    trace = srn.run_numpy(view.weights, view.xs, activation)
    return trace, srn.trace_table(trace)


@cache.shared
def unrolled_figure(key: str, activation: str, t: int) -> go.Figure:
    trace, _ = run_for(key, activation)
    return plots.unrolled(trace, t, title=tr("srn.unrolled.title"),
                          x_title=tr("srn.unrolled.x"),
                          current_name=tr("srn.unrolled.current"))


@cache.shared
def step_latex(key: str, activation: str, t: int) -> tuple[str, str, str, str]:
    """The step's sums, activation, output and stacked-product LaTeX (no words in them)."""
    weights = network_for(key).weights
    trace, _ = run_for(key, activation)
    k = t - 1
    product = srn.stacked_product(weights, trace.xs[k], trace.h_prev[k])
    return (*plots.step_latex(weights, trace, t),
            plots.stacked_latex(weights, trace, t, product))


@cache.shared
def network_formula(key: str) -> str:
    view = network_for(key)
    return plots.network_latex(view.weights, view.xs)


@cache.shared
def agreement_for(key: str, activation: str, steps: int) -> list[dict]:
    view = network_for(key)
    return srn.agreement_table(view.weights, view.xs[:steps], activation)


@cache.shared
def code_for(key: str, activation: str, steps: int) -> tuple[str, str, str]:
    view = network_for(key)
    return srn.torch_code(view.weights, view.xs[:steps], activation)


# --- the step view ----------------------------------------------------------------------

def step_controls(steps: int) -> tuple[int, str]:
    left, middle, right = st.columns([4, 2, 1], vertical_alignment="bottom")
    t = play.step_slider(tr, left, tr("srn.t"), page=PAGE, first=1, last=steps,
                         help=tr("srn.t.help"))
    activation = setting.choice(middle.selectbox, "act", srn.ACTIVATIONS,
                                format_func=lambda a: tr(f"srn.act.{a}"))
    play.play_control(tr, right, page=PAGE, first=1, last=steps)
    return t, activation


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
    sums, activation, output, stacked = step_latex(key, view.activation, t)
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
    fig = unrolled_figure(key, view.activation, view.t)
    st.plotly_chart(fig, width="stretch", key="unrolled", config={"displayModeBar": False})
    trace, _ = run_for(key, view.activation)
    numbers = tr("srn.unrolled.numbers", first=vector(trace.h[0]), last=vector(trace.h[-1]),
                 T=trace.steps, y=vector(trace.y[-1]))
    page.how_to_read(tr, "srn.unrolled.read", t=view.t, numbers=numbers)
    first, last = plots.window(view.xs.shape[0], view.t)
    if (first, last) != (0, view.xs.shape[0]):
        st.caption(tr("srn.unrolled.window", first=first, last=last))


@cache.shared
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

    shown = cache.table(("srn.trace", key, view.activation, view.t), marked)
    st.dataframe(shown, hide_index=True, key="trace_table",
                 column_config=trace_columns(tuple(table.columns)))
    page.how_to_read(tr, "srn.trace.read", t=view.t)
    page.download_csv(tr, table, "srn_trace.csv", key="trace_csv",
                      cache_key=("srn.trace", key, view.activation))


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
    rows = agreement_for(key, view.activation, steps)
    table = cache.table(("srn.agree", key, view.activation, steps), lambda: pd.DataFrame({
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
    setup, rnncell, rnn = code_for(key, view.activation, steps)
    st.markdown(tr("srn.code.intro"))
    st.code(setup, language="python")
    left, right = st.columns(2)
    left.markdown(tr("srn.code.rnncell"))
    left.code(rnncell, language="python")
    right.markdown(tr("srn.code.rnn"))
    right.code(rnn, language="python")


# --- the page ---------------------------------------------------------------------------

@st.fragment(key=STEPS_FRAGMENT)
def results(key: str, typed_ok: bool) -> None:
    """Everything that follows t, the activation and Play, drawn into the page's areas.

    A change of t, the activation or Play reruns only this fragment (not the six data
    editors); a full run (sizes, editors, language) calls it with the network in the link.
    """
    network = network_for(key)
    with top_area:  # two outside containers, not four: each costs a block per run
        st.header(tr("srn.step.header"))
        if not typed_ok:
            st.warning(tr("srn.last_good", anchor=EDIT_ANCHOR), icon=":material/history:")
        t, activation = step_controls(network.xs.shape[0])
        view = srn.SRNView(network.weights, network.xs, t, activation)
        trace, table = run_for(key, activation)
        if trace.overflow_step is not None:
            st.warning(tr("srn.overflow", step=trace.overflow_step), icon=":material/warning:")
        step_view(view, trace, key)
        unrolled_section(view, key)
    with bottom_area:
        trace_section(view, table, key)
        agreement_section(view, trace, key)


def back_to_course() -> None:
    """The reset button's callback: the course's network, inputs, t and activation."""
    editors.reset_network(PAGE)
    setting.assign(**DEFAULTS, playing=False)


def network_section() -> bool:
    """The six editors behind a toggle, or the network as one formula (a third of the
    page's rerun); False while a typed cell is bad."""
    if setting.flag(st.toggle, "edit", default=False):
        return editors.srn_editors(tr, page=PAGE) is not None
    network = editors.stored_network(tr, page=PAGE)
    st.latex(network_formula(network_key()))
    page.how_to_read(tr, "srn.network.read", T=len(network.xs),
                     sizes=" × ".join(map(str, network.weights.sizes)))
    return True


st.markdown(tr("srn.intro"))
editors.read_network_link(tr, page=PAGE)  # a bad matrix in the link is named up here
top_area = st.container()  # the step view and the unrolled picture
st.header(tr("srn.edit.header"), anchor=EDIT_ANCHOR)
st.caption(tr("srn.edit.intro"))
st.button(tr("srn.reset"), key=settings.key_of(PAGE, "reset"), on_click=back_to_course,
          icon=":material/restart_alt:", help=tr("srn.reset.help"))
typed_ok = network_section()  # writes a valid network into the link
bottom_area = st.container()  # the trace table and the agreement check
results(network_key(), typed_ok)
