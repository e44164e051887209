"""Backpropagation through time, step by step, with the numbers (SPEC 9, clipping of SPEC 7)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz import bptt, srn
from rnnviz.plots import bptt as plots
from rnnviz.plots.srn import short
from ui import cache, editors, page, play, settings
from ui.i18n import merge
from ui.inputs import report_problems
from ui.text.bptt import STRINGS

SLUG = "bptt"
tr = page.setup(merge(STRINGS, editors.STRINGS), "bptt.title", icon="⏪")

MAX_STEPS = srn.MAX_STEPS  # the editors' limit (30), as on the SRN page
TARGETS = editors.grid_codec(bptt.MAX_STEPS, srn.MAX_SIZE)
setting = settings.PageSettings(tr, SLUG, dict(  # the network: ui.editors; t: the walk's T
    act="tanh", loss="every", param="U", scale=1.0, clip_on="exploding",
    theta=bptt.DEFAULT_THETA, lr=bptt.DEFAULT_LR, k=2, edit=False))

# Shared by every session: the passes per setup, their tables and figures.
backward = cache.shared(bptt.backward)
autograd = cache.shared(bptt.autograd_gradients)
jacobian_norms = cache.shared(bptt.jacobian_norms)
clipping_demo = cache.shared(bptt.clipping_demo)
truncate = cache.shared(bptt.truncate)
walk_latex = cache.shared(plots.walk_latex)
problem_latex = cache.shared(plots.problem_latex)
contributions_figure = cache.shared(plots.contributions_figure)
jacobian_figure = cache.shared(plots.jacobian_figure)
clipping_figure = cache.shared(plots.clipping_figure)


def number(value: float) -> str:
    """6 significant digits; 4 for a huge number (short() would spell out 9.447277727e16)."""
    value = float(value)
    return plots.compact(value) if math.isfinite(value) and abs(value) >= 1e6 else short(value)


@cache.shared
def _number_columns(columns: tuple[str, ...]) -> dict:
    return {column: st.column_config.NumberColumn(column, format="%.6g") for column in columns}


def number_columns(keys: tuple[str, ...]) -> dict:
    """6 significant digits in the columns named by these string keys."""
    return _number_columns(tuple(tr(key) for key in keys))


def short_vector(values: np.ndarray) -> str:
    return "[" + ", ".join(short(float(v)) for v in np.ravel(values)) + "]"


# --- 1 · The problem: network, inputs, targets, loss ---------------------------------------

def linked_targets(steps: int, n_out: int) -> tuple[editors.Grid, editors.Grid]:
    """y*_t as typed, one row per step (rows follow the input sequence), taken from the link
    once per session (a table that does not fit the network is named and replaced); and
    the default targets."""
    default = editors.text_grid(np.tile(bptt.DEFAULT_TARGET, (len(srn.DEFAULT_INPUTS), 1)))
    from_link = settings.key_of(SLUG, "target") not in st.session_state
    settings.read_link(tr, tr("bptt.targets"), page=SLUG, name="target", default=default,
                       codec=TARGETS)
    grid = setting.value("target")
    if from_link and editors.shape_of(grid) != (steps, n_out):
        found = " × ".join(map(str, editors.shape_of(grid)))
        grid = editors.resized((), (steps, n_out), "1")
        st.error(tr("bptt.error.target.link", found=found, steps=steps, outputs=n_out,
                    default=editors.encode(grid)), icon=":material/link_off:")
    if editors.shape_of(grid) != (steps, n_out):
        grid = editors.resized(grid, (steps, n_out), None)
    return grid, default


def targets_editor(steps: int, n_out: int) -> np.ndarray | None:
    """The targets' editor; the targets, or None after an error."""
    grid, default = linked_targets(steps, n_out)
    st.markdown(f"**{tr('bptt.targets')}**")
    cells = editors.grid_editor(SLUG, "target", grid, width=n_out, fill="1")
    grid = tuple(tuple(editors.cell_text(v) for v in row) for row in cells)
    setting.assign(target=grid)
    targets, problems = bptt.parse_targets(cells, n_out, steps)
    cell_problems = [p.cell for p in problems if p.reason == "cell"]
    report_problems(tr, cell_problems, editors.name_cells(tr, "target", (steps, n_out), "y*"))
    for problem in problems:
        if problem.reason != "cell":
            st.error(tr(f"bptt.error.target.{problem.reason}", steps=steps, outputs=n_out),
                     icon=":material/error:")
    if targets is not None:
        setting.assign(valid_target=editors.text_grid(targets))
        settings.write_link("target", editors.text_grid(targets), default, TARGETS)
    st.caption(tr("bptt.targets.help"))
    return targets


def stored_targets(steps: int, n_out: int) -> np.ndarray:
    """The targets without their editor: as typed, or the last valid ones while a typed
    cell is bad (resized to the network's steps and outputs)."""
    grid, default = linked_targets(steps, n_out)
    targets, _ = bptt.parse_targets(grid, n_out, steps)
    if targets is None:
        last = editors.resized(setting.value("valid_target") or default, (steps, n_out), None)
        targets, _ = bptt.parse_targets(last, n_out, steps)
    settings.write_link("target", editors.text_grid(targets), default, TARGETS)
    return targets


def problem_controls() -> tuple[str, str, bool]:
    left, right = st.columns(2)
    activation = setting.choice(left.selectbox, "act", srn.ACTIVATIONS,
                                format_func=lambda a: tr(f"bptt.act.{a}"))
    loss = setting.choice(right.radio, "loss", bptt.LOSSES, horizontal=True,
                          format_func=lambda name: tr(f"bptt.loss.{name}"))
    return activation, loss, setting.flag(st.toggle, "edit")


def edited_problem() -> tuple[editors.Network | None, np.ndarray | None]:
    """The sizes and the seven tables, drawn: what they hold (None for a table in error)."""
    network = editors.srn_editors(tr, page=SLUG, max_steps=MAX_STEPS)
    steps = max(1, len(setting.value("x")))
    left, _ = st.columns([2, 1])
    with left:
        targets = targets_editor(steps, int(setting.value("n_out")))
    return network, targets


def problem_section() -> bptt.BPTTSetup | None:
    st.header(tr("bptt.edit.header"))
    st.caption(tr("bptt.edit.intro"))
    activation, loss, editing = problem_controls()
    if editing:
        network, targets = edited_problem()
    else:  # one formula instead of seven editors: a third of the page's rerun
        network = editors.stored_network(tr, page=SLUG, max_steps=MAX_STEPS)
        targets = stored_targets(len(network.xs), network.weights.sizes[2])
    if network is None or targets is None:
        st.warning(tr("bptt.fix_first"), icon=":material/edit:")
        return None
    try:
        setup = bptt.BPTTSetup(network.weights, network.xs, targets, activation, loss)
    except ValueError as error:  # the editors check every field; this is a last guard
        st.error(tr("bptt.error.setup", error=str(error)), icon=":material/error:")
        return None
    if not editing:
        st.latex(problem_latex(setup))
        page.how_to_read(tr, "bptt.problem.read", T=setup.steps,
                         sizes=" × ".join(map(str, setup.weights.sizes)))
    return setup


# --- 2 · Forward ------------------------------------------------------------------------------

def forward_section(setup: bptt.BPTTSetup, pass_: bptt.BackwardPass) -> None:
    st.header(tr("bptt.forward.header"))
    fwd = pass_.forward
    st.markdown(tr(f"bptt.forward.loss.{setup.loss}", loss=short(fwd.loss),
                   full=plots.full(fwd.loss)))
    if fwd.overflow_step is not None:
        st.warning(tr("bptt.overflow.forward", step=fwd.overflow_step), icon=":material/warning:")
    key = ("bptt.forward", setup, tr.lang)
    st.dataframe(cache.table(key, lambda: bptt.forward_table(fwd)), hide_index=True,
                 key="bptt.forward_table")
    page.how_to_read(tr, "bptt.forward.read", T=setup.steps)
    page.download_csv(tr, lambda: bptt.forward_table(fwd), "bptt_forward.csv",
                      key="bptt.forward_csv", cache_key=key)


# --- 3 · The walk t = T … 1 ----------------------------------------------------------------

def aligned(lines) -> str:
    """Equations one under another, lined up at their first '=' (or '+=')."""
    rows = [line.replace(r" \mathrel{+}= ", r" &\mathrel{+}= ", 1) if r"\mathrel{+}=" in line
            else line.replace(" = ", " &= ", 1) for line in lines]
    return r"\begin{aligned} " + r" \\[4pt] ".join(rows) + r" \end{aligned}"


def step_view(setup: bptt.BPTTSetup, pass_: bptt.BackwardPass, t: int) -> None:
    step = pass_.step(t)
    latex = walk_latex(pass_, t)
    if pass_.overflow_step is not None and t <= pass_.overflow_step:
        st.warning(tr("bptt.overflow.backward", step=pass_.overflow_step),
                   icon=":material/warning:")
    key = "delta_y" if step.has_target else "delta_y.none"
    st.markdown(tr(f"bptt.walk.{key}", t=t))
    st.latex(latex["delta_y"])
    st.markdown(tr("bptt.walk.dh.last" if t == setup.steps else "bptt.walk.dh", t=t,
                   next=t + 1))
    st.latex(latex["dh"])
    st.markdown(tr("bptt.walk.delta_z", t=t, name=tr(f"bptt.act.{setup.activation}")))
    st.latex(latex["delta_z"])
    st.markdown(tr("bptt.walk.add", t=t))
    st.latex(aligned(latex[f"add.{name}"] for name in bptt.PARAMETERS))
    st.markdown(tr("bptt.walk.sum" if t > 1 else "bptt.walk.sum.done", t=t, T=setup.steps))
    st.latex(aligned(latex[f"sum.{name}"] for name in bptt.PARAMETERS))
    page.how_to_read(tr, "bptt.walk.read", t=t, dh=short_vector(step.dh),
                     fp=short_vector(step.f_prime), dz=short_vector(step.delta_z))


def walk_section(setup: bptt.BPTTSetup, pass_: bptt.BackwardPass) -> None:
    st.header(tr("bptt.walk.header"))
    st.markdown(tr("bptt.walk.intro"))
    walk(setup, pass_)


@st.fragment  # a move of t or Play reruns only the walk
def walk(setup: bptt.BPTTSetup, pass_: bptt.BackwardPass) -> None:
    """The walk's step t (it starts at T) with Play, which moves it down one a second."""
    left, right = st.columns([5, 1], vertical_alignment="bottom")
    t = play.step_slider(tr, left, tr("bptt.t"), page=SLUG, first=setup.steps, last=1,
                         help=tr("bptt.t.help"))
    play.play_control(tr, right, page=SLUG, first=setup.steps, last=1)
    step_view(setup, pass_, t)


# --- 4 · The gradients, by hand and by autograd ---------------------------------------------

def gradients_section(setup: bptt.BPTTSetup, pass_: bptt.BackwardPass) -> None:
    st.header(tr("bptt.grad.header"))
    _, reference = autograd(setup, None)
    difference = bptt.max_abs_difference(pass_.gradients, reference)
    columns = st.columns(3)
    columns[0].metric(tr("bptt.grad.loss"), short(pass_.loss), help=plots.full(pass_.loss))
    columns[1].metric(tr("bptt.grad.norm"), short(pass_.gradients.norm()))
    columns[2].metric(tr("bptt.grad.difference"), f"{difference:.1e}")
    names = (tr("bptt.col.entry"), tr("bptt.col.hand"), tr("bptt.col.autograd"),
             tr("bptt.col.difference"))
    key = ("bptt.gradients", setup, tr.lang)

    def build() -> pd.DataFrame:
        return bptt.gradients_table(pass_.gradients, reference, names)

    st.dataframe(cache.table(key, build), hide_index=True, key="bptt.gradients_table",
                 column_config={name: st.column_config.NumberColumn(name, format="%.17g")
                                for name in names[1:3]})
    if math.isfinite(difference) and difference <= 1e-9:
        st.success(tr("bptt.grad.agree", difference=f"{difference:.1e}"),
                   icon=":material/check_circle:")
    else:
        st.warning(tr("bptt.grad.disagree", difference=f"{difference:.1e}"),
                   icon=":material/warning:")
    page.how_to_read(tr, "bptt.grad.read", U=short(float(pass_.gradients.U.flat[0])),
                     V=short(float(pass_.gradients.V.flat[0])))
    page.download_csv(tr, build, "bptt_gradients.csv", key="bptt.gradients_csv",
                      cache_key=key)


# --- 5 · Every step's contribution, stacked -------------------------------------------------

def contribution_labels(name: str, truncated: bool = False) -> plots.ContributionLabels:
    return plots.ContributionLabels(
        title=tr("bptt.contrib.title.k" if truncated else "bptt.contrib.title", name=name),
        y_title=f"∂L/∂{name}", step=tr("bptt.contrib.step"), step_axis="t",
        dropped=tr("bptt.contrib.dropped"), dropped_legend=tr("bptt.contrib.dropped_legend"),
        total=tr("bptt.contrib.total"), kept_total=tr("bptt.contrib.kept_total"))


def parameter_choice() -> str:
    return setting.choice(st.radio, "param", bptt.PARAMETERS, horizontal=True,
                          format_func={n: f"∂L/∂{n}" for n in bptt.PARAMETERS}.__getitem__)


def contributions_section(pass_: bptt.BackwardPass) -> str:
    """The stacked contributions of the chosen gradient; returns the choice (section 8 too)."""
    st.header(tr("bptt.contrib.header"))
    name = parameter_choice()
    fig = contributions_figure(cache.Named((pass_.forward.setup, "full", name),
                                           pass_.contributions(name)),
                               name=name, labels=contribution_labels(name))
    st.plotly_chart(fig, width="stretch", key="bptt.contrib_chart",
                    config={"displayModeBar": False})
    per_step = pass_.contributions(name).reshape(pass_.forward.setup.steps, -1)[:, 0]
    shown = ", ".join(f"t = {t}: {short(float(v))}" for t, v in enumerate(per_step, start=1))
    page.how_to_read(tr, "bptt.contrib.read", name=name, entry=bptt.entry_labels(
        name, pass_.gradients[name].shape)[0], steps=shown,
        total=short(float(pass_.gradients[name].flat[0])))
    return name


# --- 6 · Vanishing and exploding --------------------------------------------------------------

def jacobian_section(setup: bptt.BPTTSetup) -> None:
    st.header(tr("bptt.jac.header"))
    st.markdown(tr("bptt.jac.intro"))
    scale = setting.number(st.slider, "scale", 0.0, 3.0, step=0.05)
    scaled = setup.with_recurrent_scale(float(scale))
    norms = jacobian_norms(scaled)
    label = tr("bptt.jac.series", scale=short(float(scale)))
    fig = jacobian_figure({label: norms.norms}, labels=plots.JacobianLabels(
        title=tr("bptt.jac.title", act=tr(f"bptt.act.{setup.activation}")),
        x_title=tr("bptt.jac.x"), one=tr("bptt.jac.one")))
    st.plotly_chart(fig, width="stretch", key="bptt.jac_chart", config={"displayModeBar": False})
    if norms.overflow_step is not None:
        st.warning(tr("bptt.jac.overflow", step=norms.overflow_step), icon=":material/warning:")
    if norms.vanished_step is not None:
        st.info(tr("bptt.jac.vanished", step=norms.vanished_step), icon=":material/info:")
    u_grad = backward(scaled, None).gradients.U
    page.how_to_read(tr, "bptt.jac.read", radius=short(norms.spectral_radius),
                     first=short(float(norms.norms[0])), T=setup.steps,
                     U=short(float(np.max(np.abs(u_grad)))))


# --- 7 · Clipping -----------------------------------------------------------------------------

def clipping_controls() -> tuple[str, float, float]:
    left, middle, right = st.columns([2, 1, 1])
    which = setting.choice(left.radio, "clip_on", ("exploding", "above"),
                           format_func=lambda code: tr(f"bptt.clip.on.{code}"))
    theta = setting.number(middle.number_input, "theta", 1e-6, 1e6, step=0.5, format="%g")
    lr = setting.number(right.number_input, "lr", 1e-6, 10.0, step=0.05, format="%g")
    return which, float(theta), float(lr)


def clipping_section(setup: bptt.BPTTSetup | None) -> None:
    st.header(tr("bptt.clip.header"))
    st.markdown(tr("bptt.clip.intro"))
    which, theta, lr = clipping_controls()
    if which == "above" and setup is None:
        st.info(tr("bptt.clip.no_network"), icon=":material/info:")
        which = "exploding"
    chosen = bptt.BPTTSetup.exploding() if which == "exploding" else setup
    demo = clipping_demo(chosen, theta, lr)
    clipping = demo.clipping
    columns = st.columns(4)
    columns[0].metric(tr("bptt.clip.before"), number(clipping.norm_before))
    columns[1].metric(tr("bptt.clip.theta"), number(theta))
    columns[2].metric(tr("bptt.clip.after"), number(clipping.norm_after))
    columns[3].metric(tr("bptt.clip.factor"), number(clipping.factor))
    if not math.isfinite(clipping.norm_before):
        st.warning(tr("bptt.clip.infinite"), icon=":material/warning:")
    fig = clipping_figure(cache.Named((chosen, theta, lr), demo), labels=plots.ClippingLabels(
        title=tr("bptt.clip.title"), norm_title=tr("bptt.clip.norm_axis"),
        loss_title=tr("bptt.clip.loss_axis"), before=tr("bptt.clip.bar.before"),
        after=tr("bptt.clip.bar.after"), loss_now=tr("bptt.clip.bar.now"),
        loss_plain=tr("bptt.clip.bar.plain"), loss_clipped=tr("bptt.clip.bar.clipped")))
    st.plotly_chart(fig, width="stretch", key="bptt.clip_chart", config={"displayModeBar": False})
    plain, clipped = st.columns(2)
    plain.markdown(tr("bptt.clip.step.plain", lr=number(lr), loss=number(demo.loss_before),
                      after=number(demo.loss_after_plain)))
    clipped.markdown(tr("bptt.clip.step.clipped", lr=number(lr), loss=number(demo.loss_before),
                        after=number(demo.loss_after_clipped)))
    key = ("bptt.clipping", chosen, theta, lr, tr.lang)

    def build() -> pd.DataFrame:
        labels, columns = [], {tr("bptt.col.g"): [], tr("bptt.col.clipped"): [],
                               tr("bptt.col.w_plain"): [], tr("bptt.col.w_clipped"): []}
        for name, values in demo.gradients.items():
            labels += bptt.entry_labels(name, values.shape)
            for column, source in zip(columns.values(), (
                    values, clipping.gradients[name], getattr(demo.weights_after_plain, name),
                    getattr(demo.weights_after_clipped, name)), strict=True):
                column += [float(v) for v in np.ravel(source)]
        return pd.DataFrame({tr("bptt.col.entry"): labels, **columns})

    st.dataframe(cache.table(key, build), hide_index=True, key="bptt.clip_table",
                 column_config=number_columns(("bptt.col.g", "bptt.col.clipped",
                                               "bptt.col.w_plain", "bptt.col.w_clipped")))
    page.how_to_read(tr, "bptt.clip.read", before=number(clipping.norm_before),
                     theta=number(theta), factor=number(clipping.factor),
                     plain=number(demo.loss_after_plain), clipped=number(demo.loss_after_clipped),
                     loss=number(demo.loss_before))
    page.download_csv(tr, build, "bptt_clipping.csv", key="bptt.clip_csv", cache_key=key)


# --- 8 · Truncation --------------------------------------------------------------------------

def truncation_section(setup: bptt.BPTTSetup, name: str) -> None:
    st.header(tr("bptt.trunc.header"))
    st.markdown(tr("bptt.trunc.intro"))
    k = setting.number(st.number_input, "k", 1, bptt.MAX_STEPS, step=1)
    result = truncate(setup, int(k))
    chunks = ", ".join(f"[{a}…{b}]" if a != b else f"[{a}]" for a, b in result.chunks)
    st.caption(tr("bptt.trunc.chunks", chunks=chunks))
    fig = contributions_figure(cache.Named((setup, "k", int(k), name), result.kept(name)),
                               cache.Named((setup, "dropped", int(k), name),
                                           result.dropped(name)),
                               name=name, labels=contribution_labels(name, truncated=True))
    st.plotly_chart(fig, width="stretch", key="bptt.trunc_chart",
                    config={"displayModeBar": False})
    difference = bptt.max_abs_difference(result.full.gradients, result.truncated.gradients)
    st.metric(tr("bptt.trunc.difference"), f"{difference:.3g}")
    key = ("bptt.truncation", setup, int(k), tr.lang)
    names = (tr("bptt.col.entry"), tr("bptt.col.full"), tr("bptt.col.truncated"),
             tr("bptt.col.difference"))

    def build() -> pd.DataFrame:
        return bptt.gradients_table(result.full.gradients, result.truncated.gradients, names)

    st.dataframe(cache.table(key, build), hide_index=True, key="bptt.trunc_table",
                 column_config=number_columns(("bptt.col.full", "bptt.col.truncated",
                                               "bptt.col.difference")))
    size = result.full.gradients.norm()
    small = math.isfinite(size) and difference <= 1e-3 * max(size, 1e-300)
    page.how_to_read(tr, "bptt.trunc.read.small" if small else "bptt.trunc.read", k=int(k),
                     name=name, difference=f"{difference:.3g}")


# --- the page ---------------------------------------------------------------------------------

st.markdown(tr("bptt.intro"))
problem = problem_section()
if problem is not None:
    full_pass = backward(problem, None)
    forward_section(problem, full_pass)
    walk_section(problem, full_pass)
    gradients_section(problem, full_pass)
    parameter = contributions_section(full_pass)
    jacobian_section(problem)
clipping_section(problem)
if problem is not None:
    truncation_section(problem, parameter)
