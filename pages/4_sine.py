"""Sine-wave forecast: train live, then watch the forecast drawn point by point (SPEC 3)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from rnnviz import sine
from rnnviz.plots import sine as plots
from rnnviz.validate import parse_number
from ui import figures, live, page
from ui.text.sine import STRINGS

tr = page.setup(STRINGS, "sine.title")
st.markdown(tr("sine.intro"))

JOB = "sine_job"
RUN = "_sine_run"  # the request of the job in JOB, to tell when the settings changed
RECIPE_SETTINGS = {
    "fast": {"cell": "rnn", "hidden": str(sine.SPEC_HIDDEN), "lr": str(sine.FAST_LR),
             "iterations": str(sine.FAST_ITERATIONS), "points": str(sine.SPEC_POINTS),
             "early_stop": True},
    "reference": {"cell": "rnn", "hidden": str(sine.SPEC_HIDDEN), "lr": str(sine.SPEC_LR),
                  "iterations": str(sine.SPEC_ITERATIONS), "points": str(sine.SPEC_POINTS)},
}
DEFAULTS = {"recipe": "fast", **RECIPE_SETTINGS["fast"], "seed": 0,
            "horizon": str(sine.EVAL_STEPS), "carried": False}


def apply_recipe() -> None:
    st.session_state.update(RECIPE_SETTINGS[st.session_state["recipe"]])


# --- Reading the typed numbers ----------------------------------------------------------

def read_number(label: str, key: str, low: float, high: float, *, integer: bool,
                column, help: str | None = None) -> float | None:
    """A number typed into a text box, or None after an error that names the field.

    Text boxes rather than number inputs, so that 0, a negative number or NaN can be
    typed and answered with a clear message instead of being silently clamped.
    """
    raw = column.text_input(label, key=key, help=help, max_chars=40)
    value, reason = parse_number(raw, low, high)
    if reason is None and integer and not float(value).is_integer():
        st.error(tr("sine.error.integer", field=label, value=raw), icon=":material/error:")
        return None
    if reason is not None:
        shown_low = int(low) if integer else low
        shown_high = int(high) if integer else high
        st.error(tr(f"error.{reason}", field=label, value=raw.strip(), low=shown_low,
                    high=shown_high), icon=":material/error:")
        return None
    return int(value) if integer else value


# --- 1 · Training -------------------------------------------------------------------------

def recipe_controls() -> str:
    recipe = st.radio(tr("sine.recipe"), sine.RECIPES, key="recipe", horizontal=True,
                      format_func=lambda r: tr(f"sine.recipe.{r}"), on_change=apply_recipe)
    st.markdown(tr(f"sine.recipe.{recipe}.explain", every=sine.FAST_EVAL_EVERY,
                   target=sine.FAST_TARGET))
    return recipe


def model_controls(recipe: str) -> sine.SineConfig | None:
    """The settings of a run, or None (with errors naming the fields) when one is bad."""
    c1, c2, c3, c4, c5, c6 = st.columns(6)
    cell = c1.selectbox(tr("sine.cell"), sine.CELLS, key="cell", format_func=str.upper)
    hidden = read_number(tr("sine.hidden"), "hidden", 1, sine.MAX_HIDDEN, integer=True,
                         column=c2)
    lr = read_number(tr("sine.lr"), "lr", 1e-6, sine.MAX_LR, integer=False, column=c3,
                     help=tr("sine.lr.help"))
    iterations = read_number(tr("sine.iterations"), "iterations", 1, sine.MAX_ITERATIONS,
                             integer=True, column=c4, help=tr("sine.iterations.help"))
    points = read_number(tr("sine.points"), "points", sine.MIN_POINTS, sine.MAX_POINTS,
                         integer=True, column=c5, help=tr("sine.points.help", step=sine.STEP))
    seed = c6.number_input(tr("sine.seed"), min_value=0, max_value=1_000_000, step=1,
                           key="seed", help=tr("sine.seed.help"))
    early_stop = True
    if recipe == "fast":
        early_stop = st.toggle(tr("sine.early_stop"), key="early_stop",
                               help=tr("sine.early_stop.help", target=sine.FAST_TARGET))
    if None in (hidden, lr, iterations, points):
        return None
    return sine.SineConfig(recipe=recipe, cell=cell, hidden=hidden, lr=lr,
                           iterations=iterations, points=points, seed=int(seed),
                           early_stop=bool(early_stop))


def explain_model(config: sine.SineConfig | None) -> None:
    if config is None:
        return
    st.code(tr("sine.formula", cell=config.cell.upper(), hidden=config.hidden), language=None)
    st.caption(tr("sine.data.explain", points=config.points, step=sine.STEP))
    spec = sine.reference_config(config.seed)
    if config.recipe == "reference" and config != spec:
        st.caption(tr("sine.not_spec"))


loss_curve = figures.keyed(plots.loss_curve)  # keyed on (request, records so far)


def loss_figure(records: list[dict]):
    checked = [r for r in records if "forecast_mse" in r]
    # Every session sharing the run draws the same curve: build it once per new record.
    return loss_curve(
        (st.session_state.get(RUN), len(records)),
        [r["iteration"] for r in records], [r["loss"] for r in records],
        [r["iteration"] for r in checked], [r["forecast_mse"] for r in checked],
        bar=sine.QUALITY_BAR, title=tr("sine.curve.title"), x_title=tr("sine.axis.iteration"),
        y_title=tr("sine.axis.mse"), loss_name=tr("sine.curve.loss"),
        forecast_name=tr("sine.curve.forecast"), bar_name=tr("sine.curve.bar"))


def draw_training(snap) -> None:
    """The live part: status, progress and the loss curve as it grows."""
    live.status_line(tr, snap)
    if snap is None or not snap.records:
        return
    st.plotly_chart(loss_figure(snap.records), width="stretch", key="loss_curve")
    page.how_to_read(tr, "sine.read.curve")
    result = snap.result
    if result is not None and result.diverged:
        st.error(tr("sine.diverged", iteration=result.iterations), icon=":material/error:")


def training_section() -> None:
    st.header(tr("sine.train.header"))
    recipe = recipe_controls()
    config = model_controls(recipe)
    explain_model(config)
    left, right, note = st.columns([1, 1, 5])
    # Train stays clickable with bad fields: the errors above say what to fix.
    if left.button(tr("train"), key="train", type="primary", icon=":material/play_arrow:") \
            and config is not None:
        request = ("sine", config)
        st.session_state[RUN] = request
        live.start(JOB, request, lambda: sine.train(config), total_steps=config.iterations)
    if right.button(tr("stop"), key="stop", icon=":material/stop:"):
        live.stop(JOB)
    run = st.session_state.get(RUN)
    if config is None:
        note.caption(tr("sine.fix_first"))
    elif run is not None and run != ("sine", config):
        note.caption(tr("sine.settings_changed"))
    live.panel(JOB, draw_training)


# --- 2 · The forecast -------------------------------------------------------------------

def run_forecast(result: sine.SineResult, horizon: int, carried: bool) -> sine.Forecast:
    hidden = result.carried_hidden if carried else None
    return sine.forecast(result.model(), sine.EVAL_START, horizon, hidden)


# One forecast per run, horizon and state for the whole class (read only).
shared_forecast = figures.keyed_memo(run_forecast)


def forecast_of(request: tuple, horizon: int, carried: bool,
                result: sine.SineResult) -> sine.Forecast:
    """The forecast of the run named by `request` (its result is not part of the key)."""
    return shared_forecast((request, horizon, carried), result, horizon, carried)


def build_forecast_figure(request: tuple, horizon: int, carried: bool,
                          result: sine.SineResult, labels: plots.ForecastLabels):
    shown = forecast_of(request, horizon, carried, result)
    window = (sine.EVAL_START, sine.EVAL_START + sine.SPEC_SPAN)
    return plots.forecast_animation(shown.times, shown.truth, shown.free_running,
                                    shown.teacher_forced, shown.hidden, labels, window=window)


# One shared, frozen figure per run, horizon, state and language (the labels say which).
forecast_figure = figures.keyed(build_forecast_figure, max_entries=64)


def figure_labels() -> plots.ForecastLabels:
    return plots.ForecastLabels(
        title=tr("sine.fig.title"), time=tr("sine.axis.time"), value=tr("sine.axis.sin"),
        unit=tr("sine.axis.unit"), state=tr("sine.axis.state"), truth=tr("sine.legend.truth"),
        free_running=tr("sine.legend.free"), teacher_forced=tr("sine.legend.one_step"),
        start=tr("sine.legend.start"), step=tr("sine.step"), play=tr("sine.play"),
        pause=tr("sine.pause"), window=tr("sine.window"), error=tr("sine.error_word"))


def result_metrics(result: sine.SineResult, spec_forecast: sine.Forecast) -> None:
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(tr("sine.metric.forecast_mse"), f"{result.forecast_mse:.2e}",
              help=tr("sine.metric.forecast_mse.help"))
    c2.metric(tr("sine.metric.time"), f"{result.training_time:.2f} s")
    c3.metric(tr("sine.metric.one_step"), f"{spec_forecast.teacher_forced_mse:.2e}",
              help=tr("sine.metric.one_step.help"))
    c4.metric(tr("sine.metric.iterations"), f"{result.iterations}",
              delta=tr("sine.metric.early") if result.stopped_early else None,
              delta_color="off")


def forecast_table(shown: sine.Forecast) -> pd.DataFrame:
    return pd.DataFrame({
        tr("sine.col.step"): range(1, len(shown.free_running) + 1),
        tr("sine.col.t"): shown.times[1:].round(4),
        tr("sine.col.truth"): shown.truth[1:].round(6),
        tr("sine.col.free"): shown.free_running.round(6),
        tr("sine.col.one_step"): shown.teacher_forced.round(6),
        tr("sine.col.free_error"): (shown.free_running - shown.truth[1:]).round(6),
    })


@st.fragment  # horizon and carried state change only the forecast: rerun just it
def forecast_section() -> None:
    st.header(tr("sine.forecast.header"))
    snap = live.snapshot(JOB)
    request = st.session_state.get(RUN)
    if snap is None or request is None or not snap.finished:
        st.info(tr("sine.forecast.wait"), icon=":material/info:")
        return
    result = snap.result
    if result is None:
        st.info(tr("sine.forecast.stopped"), icon=":material/info:")
        return
    if result.diverged:
        return  # the training panel says so
    c1, c2 = st.columns([1, 3])
    horizon = read_number(tr("sine.horizon"), "horizon", 1, sine.MAX_HORIZON, integer=True,
                          column=c1, help=tr("sine.horizon.help", limit=sine.MAX_HORIZON))
    carried = False
    if result.carried_hidden is not None:
        carried = c2.toggle(tr("sine.carried"), key="carried", help=tr("sine.carried.help"))
    spec_forecast = forecast_of(request, sine.EVAL_STEPS, False, result)
    result_metrics(result, spec_forecast)
    if horizon is None:
        return
    shown = forecast_of(request, horizon, carried, result)
    st.caption(tr("sine.horizon_mse", steps=horizon, free=shown.free_running_mse,
                  one=shown.teacher_forced_mse))
    fig = forecast_figure((request, horizon, carried), request, horizon, carried, result,
                          labels=figure_labels())
    st.plotly_chart(fig, width="stretch", key="forecast_chart")
    page.how_to_read(tr, "sine.read.forecast")
    with st.expander(tr("sine.table.header")):
        # Built, converted and written once per run, horizon, state and language.
        key = ("sine.forecast", request, horizon, carried, tr.lang)
        st.dataframe(figures.table(key, lambda: forecast_table(shown)), hide_index=True,
                     key="forecast_table")
        page.download_csv(tr, lambda: forecast_table(shown), "sine_forecast.csv",
                          key="forecast_csv", cache_key=key)


def main() -> None:
    # Re-assigning keeps a control's value while it is hidden, and sets the first defaults.
    for key, value in DEFAULTS.items():
        st.session_state[key] = st.session_state.get(key, value)
    training_section()
    forecast_section()


main()
