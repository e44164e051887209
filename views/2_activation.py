"""With and without tanh: one SRN run per activation, side by side (SPEC 2)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from rnnviz import activation, srn
from rnnviz.plots import activation as plots
from rnnviz.plots.srn import short
from ui import cache, page, settings
from ui.text.activation import STRINGS

PAGE = "activation"
tr = page.setup(STRINGS, "activation.title")

# One click per lesson for a teacher: (sequence length, recurrent scale, input after step 3).
# Fading stops the input: with [1, 1] going on, identity settles at 3.33 instead of fading.
PRESETS = {"default": (activation.DEFAULT_STEPS, activation.DEFAULT_SCALE, "ones"),
           "fade": (40, 0.2, "zeros"), "long": (200, 1.0, "ones"),
           "overflow": (200, 50.0, "ones")}


@cache.shared
def comparison(steps: int, scale: float, activations: tuple[str, ...],
               tail: str = activation.DEFAULT_TAIL) -> activation.Comparison:
    """One run per settings for the whole class (read only: the page never changes it)."""
    return activation.compare(activation.ComparisonConfig(steps, scale, activations, tail))


def of(config: activation.ComparisonConfig) -> activation.Comparison:
    return comparison(config.steps, config.scale, config.activations, config.tail)


@cache.shared
def spectral_radius(config: activation.ComparisonConfig) -> float:
    return of(config).spectral_radius


def activation_names() -> dict[str, str]:
    return {name: tr(f"activation.name.{name}") for name in srn.ACTIVATIONS}


@cache.shared
def states_chart(config: activation.ComparisonConfig, log_y: bool):
    runs, activations = of(config).runs, config.activations
    return plots.states_figure(plots.series_of(runs, activations), log_y=log_y,
                               h_title=tr("activation.states.h"),
                               y_title=tr("activation.states.y"),
                               x_title=tr("activation.axis.t"),
                               value_title=tr("activation.axis.value"), names=activation_names())


@cache.shared
def gradient_chart(config: activation.ComparisonConfig):
    runs, activations = of(config).runs, config.activations
    return plots.gradient_figure({name: runs[name].gradient_norms for name in activations},
                                 x_title=tr("activation.axis.t"), y_title=tr("activation.grad.y"),
                                 names=activation_names())


def apply_preset(name: str) -> None:
    length, scale, tail = PRESETS[name]
    settings.assign(PAGE, length=length, scale=scale, tail=tail)


def presets() -> None:
    st.caption(tr("activation.try"))
    for column, name in zip(st.columns(len(PRESETS)), PRESETS, strict=True):
        column.button(tr(f"activation.preset.{name}"), key=f"preset_{name}",
                      on_click=apply_preset, args=(name,), width="stretch")


def controls() -> tuple[activation.ComparisonConfig | None, bool]:
    st.markdown(tr("activation.intro"))
    # Inputs aligned along their bottoms, whatever their labels' heights.
    left, middle, tail_column = st.columns(3, vertical_alignment="bottom")
    steps = settings.linked(
        tr, left.slider, tr("activation.seq_len"), page=PAGE, name="length",
        default=activation.DEFAULT_STEPS, codec=settings.integer(1, activation.MAX_STEPS),
        min_value=1, max_value=activation.MAX_STEPS,
        help=tr("activation.seq_len.help", limit=activation.MAX_STEPS))
    scale = settings.linked(
        tr, middle.select_slider, tr("activation.scale"), page=PAGE, name="scale",
        default=activation.DEFAULT_SCALE, codec=settings.choice(activation.SCALES),
        options=activation.SCALES, help=tr("activation.scale.help"))
    tail = settings.linked(
        tr, tail_column.radio, tr("activation.tail"), page=PAGE, name="tail",
        default=activation.DEFAULT_TAIL, codec=settings.choice(tuple(activation.TAILS)),
        options=tuple(activation.TAILS), format_func=lambda code: tr(f"activation.tail.{code}"),
        horizontal=True, help=tr("activation.tail.help"))
    left, right = st.columns([5, 1], vertical_alignment="bottom")
    log_y = settings.linked(tr, right.toggle, tr("activation.log_scale"), page=PAGE, name="log",
                            default=True, codec=settings.boolean(),
                            help=tr("activation.log_scale.help"))
    names = activation_names()
    chosen = settings.linked(tr, left.multiselect, tr("activation.activations"), page=PAGE,
                             name="activations", default=list(srn.ACTIVATIONS),
                             codec=settings.choices(srn.ACTIVATIONS), options=srn.ACTIVATIONS,
                             format_func=names.__getitem__)
    presets()
    # Keep the course material's order whatever order the student picked them in.
    ordered = tuple(name for name in srn.ACTIVATIONS if name in chosen)
    if not ordered:
        return None, bool(log_y)
    return activation.ComparisonConfig(int(steps), float(scale), ordered, tail), bool(log_y)


def summary(result: activation.Comparison) -> None:
    radius = spectral_radius(result.config)
    left, right, _ = st.columns([1, 1, 2])
    left.metric(tr("activation.metric.radius"), f"{radius:.4g}",
                help=tr("activation.metric.radius.help"))
    right.metric(tr("activation.metric.steps"), str(result.config.steps))
    for column, (name, run) in zip(st.columns(len(result.runs)), result.runs.items(),
                                   strict=True):
        column.metric(tr("activation.metric.last_y", name=tr(f"activation.name.{name}")),
                      f"{run.trace.y[-1, 0]:.6g}")
    if abs(radius - 1.0) < 1e-9:
        st.info(tr("activation.regime.edge"), icon=":material/balance:")
    elif radius > 1.0:
        st.info(tr("activation.regime.grow", radius=radius), icon=":material/trending_up:")
    else:
        st.info(tr("activation.regime.fade", radius=radius) + fading(result),
                icon=":material/trending_down:")


def fading(result: activation.Comparison) -> str:
    """Where the state goes when it fades, in numbers (identity's, or the first run's);
    nothing while the sequence is no longer than the course inputs."""
    if result.config.steps <= activation.COURSE_STEPS:
        return ""
    summaries = activation.summaries(result)
    name = "identity" if "identity" in summaries else next(iter(summaries))
    run = summaries[name]
    return "\n\n" + tr(f"activation.fade.{result.config.tail}",
                        name=tr(f"activation.name.{name}"), first=run.start_step,
                        start=run.start, end=run.end, T=result.config.steps, grad=run.gradient)


def overflow_warnings(result: activation.Comparison) -> None:
    for name, step in result.overflows().items():
        shown = tr(f"activation.name.{name}")
        if step == 1:
            st.warning(tr("activation.overflow.first", name=shown), icon=":material/warning:")
        else:
            st.warning(tr("activation.overflow", name=shown, step=step, last=step - 1),
                       icon=":material/warning:")


def first_outputs(result: activation.Comparison) -> None:
    st.subheader(tr("activation.first.header"))
    # One element for all the lines (paragraphs apart, as separate markdowns would be).
    lines = [tr("activation.first.line", name=tr(f"activation.name.{name}"),
                values=", ".join(f"{v:.8g}" for v in values))
             for name, values in activation.first_outputs(result).items()]
    st.markdown("\n\n".join(lines))
    st.caption(tr("activation.first.note"))


def last_values(result: activation.Comparison) -> tuple[str, str]:
    """What the two charts end on, per activation, for their captions: h (unit 1) at step T
    and ‖∂h_T/∂h_1‖ (4 significant digits, as many more as keep 0.99999 from reading 1)."""
    overflows, separator = result.overflows(), tr("activation.read.separator")
    states, gradients = [], []
    for name, run in activation.summaries(result).items():
        shown = tr(f"activation.name.{name}")
        end = (short(run.end, 4) if name not in overflows
               else tr("activation.read.overflow", step=overflows[name]))
        gradient = short(run.gradient, 4) if np.isfinite(run.gradient) else \
            tr("activation.read.grad_overflow")
        states.append(tr("activation.read.value", name=shown, value=end))
        gradients.append(tr("activation.read.value", name=shown, value=gradient))
    T = result.config.steps
    return (tr("activation.read.states.numbers", T=T, values=separator.join(states)),
            tr("activation.read.grad.numbers", T=T, values=separator.join(gradients)))


def charts(result: activation.Comparison, log_y: bool) -> None:
    config = result.config
    # Identity and ReLU draw the same numbers here: the caption says how to tell them apart.
    same = tr("activation.read.same") if {"identity", "relu"} <= set(config.activations) else ""
    states, gradients = last_values(result)
    st.subheader(tr("activation.states.header"))
    st.plotly_chart(states_chart(config, log_y), width="stretch", key="states_chart")
    page.how_to_read(tr, "activation.read.states", same=same, numbers=states)
    st.subheader(tr("activation.grad.header"))
    st.plotly_chart(gradient_chart(config), width="stretch", key="gradient_chart")
    page.how_to_read(tr, "activation.read.grad", T=config.steps, same=same, numbers=gradients)


# The table's quantities: a tab each, its activations side by side (all of them in one grid
# was fifteen columns, cut off on the right).
QUANTITIES = {"h1": "%.8g", "y1": "%.8g", "grad_norm": "%.3e"}


def table(result: activation.Comparison) -> None:
    st.subheader(tr("activation.table.header"))  # the title right above the tabs
    config = result.config
    # The same few tables for the whole class: built, converted and written once each.
    name = ("activation.table", config)
    frame = cache.table(name, lambda: activation.comparison_table(result))
    height = min(400, 38 + 35 * frame.num_rows)
    tabs = st.tabs([tr(f"activation.table.{quantity}") for quantity in QUANTITIES])
    for tab, (quantity, number_format) in zip(tabs, QUANTITIES.items(), strict=True):
        shown = {f"{quantity}_{a}": st.column_config.NumberColumn(
            tr(f"activation.name.{a}"), format=number_format) for a in config.activations}
        inputs = {c: st.column_config.NumberColumn(c, format="%g") for c in ("x1", "x2")}
        tab.dataframe(frame, hide_index=True, height=height, key=f"activation_table_{quantity}",
                      column_order=["t", "x1", "x2", *shown], column_config=shown | inputs)
    st.caption(tr("activation.table.note"))
    page.download_csv(tr, lambda: activation.comparison_table(result),
                      "activation_comparison.csv", key="activation_csv", cache_key=name)


def main() -> None:
    config, log_y = controls()
    if config is None:
        st.error(tr("activation.error.none"), icon=":material/error:")
        return
    result = of(config)
    summary(result)
    overflow_warnings(result)
    first_outputs(result)
    charts(result, log_y)
    table(result)


main()
