"""Sine-wave forecast: train live, then watch the forecast drawn point by point."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from rnnviz import sine
from rnnviz.plots import sine as plots
from ui import cache, live, page, settings
from ui.text.sine import STRINGS

SLUG = "sine"
tr = page.setup(STRINGS, "sine.title")
st.markdown(tr("sine.intro"))

# Shared by every session: the curve per run and records so far, the forecast, its figure
# and its table per run, horizon, start, warm-up and state.
training_curve = cache.shared(plots.training_curve)
forecast_of = cache.shared(sine.SineResult.forecast)
forecast_figure = cache.shared(plots.forecast_figure, max_entries=64)
setting = settings.PageSettings(tr, SLUG, dict(
    recipe="fast", seed=0, carried=False, horizon=sine.EVAL_STEPS,
    start=float(sine.EVAL_START), warm_up=0))


def read_number(name: str, column, default: str, **kwargs) -> float | None:
    """A number typed into a text box, or None after an error that names the field.

    Text boxes rather than number inputs, so that 0, a negative number or NaN can be
    typed and answered with a clear message instead of being silently clamped.
    """
    raw = setting.linked(column.text_input, name, settings.Codec(partial(
        sine.typed_setting, name)), default=default, max_chars=40, **kwargs)
    value, reason = sine.parse_setting(name, raw)
    if reason is not None:
        low, high, _ = sine.TYPED_SETTINGS[name]
        st.error(tr("sine.error.integer" if reason == "integer" else f"error.{reason}",
                    field=setting.label(name), value=raw.strip(), low=low, high=high),
                 icon=":material/error:")
    return value


# --- 1 · Training -------------------------------------------------------------------------

def training_controls() -> sine.SineRequest | None:
    """The run the settings describe, or None (with errors naming the fields) when one is bad."""
    recipe = setting.choice(st.radio, "recipe", sine.RECIPES, horizontal=True,
                            format_func=lambda r: tr(f"sine.recipe.{r}"), on_change=lambda:
                            setting.assign(**sine.recipe_fields(setting.value("recipe"))))
    st.markdown(tr(f"sine.recipe.{recipe}.explain", every=sine.FAST_EVAL_EVERY,
                   target=sine.FAST_TARGET))
    c1, c2, c3, c4, c5, c6 = st.columns(6)
    fields = sine.recipe_fields(recipe)  # the recipe's settings, as their widgets hold them
    cell = setting.choice(c1.selectbox, "cell", sine.CELLS, default=fields["cell"],
                          format_func=str.upper)
    numbers = {name: read_number(name, column, fields[name])
               for name, column in (("hidden", c2), ("lr", c3), ("iterations", c4))}
    numbers["points"] = read_number("points", c5, fields["points"],
                                    help=tr("sine.points.help", step=sine.STEP))
    seed = setting.number(c6.number_input, "seed", 0, sine.MAX_SEED, step=1)
    early_stop = recipe == "fast" and setting.flag(
        st.toggle, "early_stop", default=fields["early_stop"],
        help=tr("sine.early_stop.help", target=sine.FAST_TARGET))
    if None in numbers.values():
        return None
    request = sine.SineRequest(recipe=recipe, cell=cell, seed=int(seed),
                               early_stop=bool(early_stop), **numbers)
    st.code(tr("sine.formula", cell=cell.upper(), hidden=request.hidden), language=None)
    st.caption(tr("sine.data.explain", points=request.points, step=sine.STEP))
    if recipe == "reference" and not request.is_spec:
        st.caption(tr("sine.not_spec"))
    return request


def run_caption(request: sine.SineRequest) -> None:
    """One line over a run's results naming the settings that produced them (the request's,
    whatever the controls say now)."""
    iterations = tr("sine.run.iterations_early" if request.early_stop else "sine.run.iterations",
                    n=request.iterations)
    st.caption(tr("sine.run", recipe=tr(f"sine.run.{request.recipe}"), cell=request.cell.upper(),
                  hidden=request.hidden, lr=request.lr, iterations=iterations,
                  points=request.points, seed=request.seed))


def draw_training(run: live.Run) -> None:
    """The live part under the status: the loss curve as it grows."""
    if not run.records:
        return
    run_caption(run.request)
    shown = sine.curve_numbers(run.records)
    shown["forecast"] = "–" if shown["forecast"] is None else f"{shown['forecast']:.2e}"
    # Every session sharing the run draws the same curve: built once per new record.
    page.chart(tr, training_curve(
        cache.Named((run.request, len(run.records)), run.records), title=tr("sine.curve.title"),
        x_title=tr("sine.axis.iteration"), y_title=tr("sine.axis.mse"),
        loss_name=tr("sine.curve.loss"), forecast_name=tr("sine.curve.forecast"),
        bar_name=tr("sine.curve.bar")), key="loss_curve", read="sine.read.curve", **shown)
    if run.result is not None and run.result.diverged:
        st.error(tr("sine.diverged", iteration=run.result.iterations), icon=":material/error:")


# --- 2 · The forecast -------------------------------------------------------------------

def figure_labels(start: float, warm_up: int) -> plots.ForecastLabels:
    return plots.ForecastLabels(
        title=tr("sine.fig.title", start=start), time=tr("sine.axis.time"),
        value=tr("sine.axis.sin"), unit=tr("sine.axis.unit"), state=tr("sine.axis.state"),
        truth=tr("sine.legend.truth"), free_running=tr("sine.legend.free"),
        teacher_forced=tr("sine.legend.one_step"),
        start=tr("sine.legend.start_after" if warm_up else "sine.legend.start"),
        step=tr("sine.step"), play=tr("sine.play"), pause=tr("sine.pause"),
        window=tr("sine.window"), error=tr("sine.error_word"),
        warm_up=tr("sine.legend.warm_up", k=warm_up))


def result_metrics(result: sine.SineResult, scored: sine.Forecast) -> None:
    """The run's own measures, on the window [1, 11] whatever forecast is shown below."""
    page.metrics((tr("sine.metric.forecast_mse"), f"{result.forecast_mse:.2e}",
                  dict(help=tr("sine.metric.forecast_mse.help", steps=sine.EVAL_STEPS))),
                 (tr("sine.metric.time"), f"{result.training_time:.2f} s"),
                 (tr("sine.metric.one_step"), f"{scored.teacher_forced_mse:.2e}",
                  dict(help=tr("sine.metric.one_step.help", steps=sine.EVAL_STEPS))),
                 (tr("sine.metric.iterations"), f"{result.iterations}", dict(
                     delta=tr("sine.metric.early") if result.stopped_early else None,
                     delta_color="off", delta_arrow="off")))


def read_forecast_links() -> None:
    """Read the forecast's settings from the link as the page opens, so that a bad value is
    named at once (their widgets show only once a run has finished)."""
    codecs = {name: (settings.integer if isinstance(low, int) else settings.number)(low, high)
              for name, (low, high) in sine.FORECAST_RANGES.items()}
    page.read_links(setting, carried=settings.boolean(), **codecs)


def forecast_controls(result: sine.SineResult) -> tuple[int, float, int, bool]:
    """The forecast to show: horizon, start, warm-up points and the carried state."""
    c1, c2, c3 = st.columns(3)
    horizon = setting.number(c1.number_input, "horizon", *sine.FORECAST_RANGES["horizon"], step=1,
                             help=tr("sine.horizon.help", limit=sine.MAX_HORIZON))
    start = setting.number(c2.slider, "start", *sine.FORECAST_RANGES["start"], step=0.25,
                           help=tr("sine.start.help", start=sine.EVAL_START))
    warm_up = setting.number(c3.slider, "warm_up", *sine.FORECAST_RANGES["warm_up"],
                             help=tr("sine.warm_up.help", step=sine.STEP))
    carried = result.carried_hidden is not None and setting.flag(st.toggle, "carried")
    return int(horizon), float(start), int(warm_up), bool(carried)


def shown_caption(shown: sine.Forecast, carried: bool) -> None:
    """What the MSE of the forecast shown measures: its whole horizon, from its start."""
    origin = tr("sine.origin.carried" if carried else "sine.origin.zero")
    if shown.warm_up:
        origin = tr("sine.origin.warm", origin=origin, k=shown.warm_up)
    st.caption(tr("sine.horizon_mse", steps=shown.steps, start=shown.start, origin=origin,
                  free=shown.free_running_mse, one=shown.teacher_forced_mse))


@st.fragment  # the forecast's own settings change only the forecast: rerun just it
def forecast_section() -> None:
    st.header(tr("sine.forecast.header"))
    run = live.current_run(SLUG)
    waiting = "wait" if run is None or not run.finished else "stopped" if run.result is None \
        else None  # a run still training, or one stopped before it had a result
    if waiting is not None:
        st.info(tr(f"sine.forecast.{waiting}"), icon=":material/info:")
        return
    if run.result.diverged:
        return  # the training panel says so
    run_caption(run.request)
    result = cache.Named(run.request, run.result)  # the run's result, named by its request
    result_metrics(run.result, forecast_of(result, sine.EVAL_STEPS, False))
    st.subheader(tr("sine.explore.header"))
    horizon, start, warm_up, carried = forecast_controls(run.result)
    shown = forecast_of(result, horizon, carried, start, warm_up)
    shown_caption(shown, carried)
    key = ("sine.forecast", run.request, horizon, carried, start, warm_up)
    page.chart(tr, forecast_figure(cache.Named(key, shown), figure_labels(start, warm_up)),
               key="forecast_chart", read="sine.read.forecast")
    with st.expander(tr("sine.table.header")):
        # Built, converted and written once per run, horizon, state and language.
        page.shared_table(tr, key, lambda: page.translated(
            tr, pd.DataFrame(shown.columns()), "sine.col"), "forecast", "sine_forecast.csv")


read_forecast_links()
st.header(tr("sine.train.header"))
live.training_panel(tr, training_controls(), draw_training, key=SLUG)
forecast_section()
