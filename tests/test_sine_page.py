"""The sine-wave forecast page in AppTest: train, poll, read the metrics and the animation."""

from __future__ import annotations

import json
import re

from conftest import app_test, assert_plain_chinese, run_until, shown_text
from streamlit.proto.Metric_pb2 import Metric as MetricProto

from rnnviz import sine
from ui.text import sine as strings

FORECAST_MSE = "Forecast MSE, window [1, 11]"  # the run's own measure, whatever is shown
ONE_STEP_MSE = "One-step MSE, window [1, 11]"


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def charts(at) -> dict[str, dict]:
    """The plotly charts on the page by their widget key."""
    found = {}
    for chart in at.get("plotly_chart"):
        key = chart.proto.id.rsplit("-", 1)[-1] if chart.proto.id else ""
        found[key] = json.loads(chart.proto.spec)
    return found


def forecast_chart(at) -> dict:
    return next(spec for spec in charts(at).values() if spec.get("frames"))


def finished(at) -> bool:
    return any(m.label == FORECAST_MSE for m in at.metric)


def trained(**query):
    at = app_test("sine", **query).run()
    at.button(key="sine_train").click().run()
    return run_until(at, finished, timeout=60)


def test_first_load_shows_the_controls_and_no_error():
    at = app_test("sine").run()
    assert not at.exception and not at.error
    assert at.title[0].value == "Sine-wave forecast"
    text = shown_text(at)
    assert "Press Train to start." in text and "Train a model above" in text
    assert at.radio(key="sine.recipe").value == "fast"
    assert at.text_input(key="sine.hidden").value == "16"
    for kind in ("text_input", "number_input", "radio", "selectbox", "toggle", "button"):
        assert all(widget.key for widget in getattr(at, kind)), kind


def test_fast_training_reaches_the_bar_and_animates_the_forecast():
    at = trained()
    assert not at.exception and not at.error
    mse = float(metric(at, FORECAST_MSE))
    assert mse <= sine.QUALITY_BAR
    assert metric(at, "Training time").endswith(" s")
    assert float(metric(at, ONE_STEP_MSE)) < mse  # teacher forcing beats free running
    fig = forecast_chart(at)
    assert len(fig["frames"]) == sine.EVAL_STEPS
    names = [trace.get("name") for trace in fig["data"]]
    assert "Free-running forecast" in names and "One-step prediction" in names
    assert fig["layout"]["updatemenus"][0]["buttons"][0]["method"] == "animate"
    assert any(trace["type"] == "heatmap" for trace in fig["data"])
    loss = next(spec for spec in charts(at).values() if not spec.get("frames"))
    assert loss["layout"]["yaxis"]["type"] == "log"
    # A longer horizon runs past the training window: more steps per frame, same metric.
    at.number_input(key="sine.horizon").set_value(120).run()
    frames = forecast_chart(at)["frames"]
    assert len(frames) == 60 and frames[-1]["name"] == "120"
    assert len(frames[-1]["data"][1]["x"]) == 120
    assert metric(at, FORECAST_MSE) == f"{mse:.2e}"
    assert "Over the 120 steps shown, the whole horizon of the forecast below (after t = 1" \
        in shown_text(at)


def test_bad_numbers_give_errors_naming_the_field():
    at = app_test("sine").run()
    cases = [("hidden", "0", "Hidden size"), ("lr", "-1", "Learning rate"),
             ("lr", "nan", "Learning rate"), ("iterations", "abc", "Iterations"),
             ("points", "2.5", "Points per window")]
    for key, value, field in cases:
        at.text_input(key=f"sine.{key}").set_value(value).run()
        assert not at.exception
        assert any(field in e.value for e in at.error), (key, value, [e.value for e in at.error])
        assert at.button(key="sine_train").disabled  # nothing starts while a field is bad
        assert "Press Train to start." in shown_text(at)
        at.text_input(key=f"sine.{key}").set_value(sine_default(key)).run()
        assert not at.error and not at.button(key="sine_train").disabled
    assert "Traceback" not in shown_text(at)


def sine_default(key: str) -> str:
    return {"hidden": "16", "lr": str(sine.FAST_LR), "iterations": str(sine.FAST_ITERATIONS),
            "points": "50"}[key]


def test_the_horizon_is_a_number_within_its_real_limits():
    """Issue 19: the horizon was a text box with a "3/40" character counter."""
    at = trained()
    assert not any(w.key == "sine.horizon" for w in at.text_input)
    horizon = at.number_input(key="sine.horizon")
    assert (horizon.min, horizon.max, horizon.step, horizon.value) == \
        (1, sine.MAX_HORIZON, 1, sine.EVAL_STEPS)
    # A link beyond the limits is named as the page opens, and the default is used.
    link = dict(horizon=str(sine.MAX_HORIZON + 1), warm_up="-1", start="nan")
    at = app_test("sine", **link).run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    for name in link:
        assert f"for {name} (" in errors, (name, errors)
    at.button(key="sine_train").click().run()
    at = run_until(at, finished, timeout=60)
    assert at.number_input(key="sine.horizon").value == sine.EVAL_STEPS
    assert at.slider(key="sine.warm_up").value == 0 and at.slider(key="sine.start").value == 1.0


def test_a_diverging_run_stops_itself_and_says_so():
    at = app_test("sine").run()
    at.text_input(key="sine.lr").set_value("1e9").run()
    at.button(key="sine_train").click().run()
    at = run_until(at, lambda a: "Finished in" in shown_text(a), timeout=60)
    assert any("Training diverged at iteration" in e.value for e in at.error)
    assert not at.exception and not finished(at)


def test_reference_recipe_uses_the_course_settings_and_can_be_stopped():
    at = app_test("sine").run()
    at.radio(key="sine.recipe").set_value("reference").run()
    assert at.text_input(key="sine.lr").value == "0.01"
    assert at.text_input(key="sine.iterations").value == "6000"
    assert "6000 iterations" in shown_text(at)
    # early stopping belongs to the fast recipe
    assert not any(toggle.key == "sine.early_stop" for toggle in at.toggle)
    at.button(key="sine_train").click().run()
    at.button(key="sine_stop").click().run()
    at = run_until(at, lambda a: "Stopped after" in shown_text(a), timeout=30)
    assert not at.exception and not finished(at)


def test_chinese_interface():
    at = app_test("sine", lang="zh").run()
    assert not at.exception
    assert at.title[0].value == "正弦波预测"
    at.text_input(key="sine.hidden").set_value("0").run()
    assert "隐藏层大小" in at.error[0].value


def test_a_link_reopens_the_same_settings_and_the_same_figures():
    at = app_test("sine").run()
    at.radio(key="sine.recipe").set_value("reference").run()  # sets the course settings
    at.selectbox(key="sine.cell").set_value("gru").run()
    at.text_input(key="sine.hidden").set_value("8").run()
    at.text_input(key="sine.iterations").set_value("200").run()
    at.number_input(key="sine.seed").set_value(3).run()
    at.button(key="sine_train").click().run()
    at = run_until(at, finished, timeout=60)
    at.number_input(key="sine.horizon").set_value(80).run()
    at.slider(key="sine.start").set_value(3.5).run()
    at.slider(key="sine.warm_up").set_value(6).run()
    at.toggle(key="sine.carried").set_value(True).run()
    link = dict(at.query_params)
    assert link == {"lang": "en", "recipe": "reference", "cell": "gru", "hidden": "8",
                    "iterations": "200", "seed": "3", "horizon": "80", "start": "3.5",
                    "warm_up": "6", "carried": "true"}
    fresh = app_test("sine", **link).run()
    assert not fresh.error
    widgets = {"recipe": "radio", "cell": "selectbox", "hidden": "text_input",
               "lr": "text_input", "iterations": "text_input", "points": "text_input",
               "seed": "number_input"}
    for name, kind in widgets.items():
        key = f"sine.{name}"
        assert getattr(fresh, kind)(key=key).value == getattr(at, kind)(key=key).value, name
    fresh.button(key="sine_train").click().run()
    fresh = run_until(fresh, finished, timeout=60)
    assert fresh.number_input(key="sine.horizon").value == 80
    assert fresh.slider(key="sine.start").value == 3.5
    assert fresh.slider(key="sine.warm_up").value == 6
    assert fresh.toggle(key="sine.carried").value is True
    assert [c.proto.spec for c in fresh.get("plotly_chart")] == \
        [c.proto.spec for c in at.get("plotly_chart")]
    assert metric(fresh, FORECAST_MSE) == metric(at, FORECAST_MSE)


def test_a_bad_value_in_a_link_is_named_and_the_default_used():
    at = app_test("sine", hidden="banana", cell="transformer", seed="-4").run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    for name in ("hidden", "cell", "seed"):
        assert f"for {name} (" in errors, (name, errors)
    assert at.text_input(key="sine.hidden").value == "16"
    assert at.selectbox(key="sine.cell").value == "rnn"
    assert at.number_input(key="sine.seed").value == 0
    assert not at.button(key="sine_train").disabled  # the defaults are usable


# --- Issue 19 -----------------------------------------------------------------------------

def test_a_warm_up_carries_the_phase_and_is_marked_on_the_figure():
    """From another phase one point is not enough; reading true points first is."""
    at = trained()
    at.slider(key="sine.start").set_value(6.0).run()
    cold = forecast_chart(at)
    assert cold["layout"]["title"]["text"] == "Forecast from t = 6 and the hidden state"
    assert not any(t.get("name", "").startswith("Warm-up") for t in cold["data"])
    cold_mse = float(re.search(r"free-running MSE (\S+),", shown_text(at)).group(1))
    at.slider(key="sine.warm_up").set_value(10).run()
    assert not at.exception and not at.error
    text = shown_text(at)
    assert "Over the 49 steps shown, the whole horizon of the forecast below (after t = 6, " \
        "from a zero state, after reading 10 true points)" in text
    warm_mse = float(re.search(r"free-running MSE (\S+),", text).group(1))
    assert warm_mse < cold_mse / 20, (warm_mse, cold_mse)
    fig = forecast_chart(at)
    read = next(t for t in fig["data"] if t.get("name") == "Warm-up: 10 true points read")
    assert len(read["x"]) == 10 and read["x"][-1] < 6.0
    heatmap = next(t for t in fig["data"] if t["type"] == "heatmap")
    assert len(heatmap["x"]) == 10 + sine.EVAL_STEPS  # the state while reading, then forecasting
    shaded = [shape for shape in fig["layout"]["shapes"] if shape.get("x1") == 6.0]
    assert shaded and shaded[0]["x0"] == read["x"][0]
    assert fig["layout"]["xaxis"]["range"][0] < read["x"][0]
    # The run's own measure does not move: it is always the window [1, 11] from one point.
    assert metric(at, FORECAST_MSE) == metric(trained(), FORECAST_MSE)


def test_the_two_forecast_mses_say_what_each_measures():
    """Issue 19: at 300 steps the headline (4.68e-2) and the caption (1.01e-1) disagreed."""
    at = trained()
    at.number_input(key="sine.horizon").set_value(sine.MAX_HORIZON).run()
    headline = next(m for m in at.metric if m.label == FORECAST_MSE)
    assert "49 steps after t = 1" in headline.help and "whatever forecast" in headline.help
    caption = next(c.value for c in at.caption if "free-running MSE" in c.value)
    assert caption.startswith("Over the 300 steps shown, the whole horizon of the forecast "
                              "below (after t = 1")
    shown = float(re.search(r"free-running MSE (\S+),", caption).group(1))
    assert f"{shown:.2e}" != headline.value  # they differ, and each label says why


def test_results_name_the_run_that_made_them_not_the_controls():
    at = trained()
    line = ("These results come from: fast recipe, RNN, hidden size 16, learning rate 0.02, "
            "at most 600 iterations with early stopping, 50 points per window, seed 0.")
    assert [c.value for c in at.caption].count(line) == 2  # over the curve and the forecast
    at.number_input(key="sine.seed").set_value(4).run()
    at.selectbox(key="sine.cell").set_value("gru").run()
    assert "The settings have changed" in shown_text(at)
    assert [c.value for c in at.caption].count(line) == 2  # still the run on show


def test_stopped_early_is_a_note_without_an_arrow():
    at = trained()
    iterations = next(m for m in at.metric if m.label == "Iterations run")
    assert iterations.proto.delta == "stopped early"
    assert iterations.proto.direction == MetricProto.MetricDirection.NONE


def test_leaving_mid_run_and_coming_back_keeps_the_controls_and_the_run():
    """Issue 19: back on the page the controls said Fast while the reference run was shown,
    with "the settings changed" although nothing had."""
    at = app_test("app", lang="en").run()
    at.switch_page("views/4_sine.py").run(timeout=60)
    at.radio(key="sine.recipe").set_value("reference").run()
    at.selectbox(key="sine.cell").set_value("gru").run()
    at.text_input(key="sine.iterations").set_value("400").run()
    at.number_input(key="sine.seed").set_value(2).run()
    at.button(key="sine_train").click().run()
    values = {name: getattr(at, kind)(key=f"sine.{name}").value for name, kind in (
        ("recipe", "radio"), ("cell", "selectbox"), ("lr", "text_input"),
        ("iterations", "text_input"), ("seed", "number_input"))}
    at.switch_page("views/7_shapes.py").run(timeout=60)  # mid-run
    at.switch_page("views/4_sine.py").run(timeout=60)
    assert not at.exception
    back = {name: getattr(at, kind)(key=f"sine.{name}").value for name, kind in (
        ("recipe", "radio"), ("cell", "selectbox"), ("lr", "text_input"),
        ("iterations", "text_input"), ("seed", "number_input"))}
    assert back == values
    assert not any("settings have changed" in c.value for c in at.caption)
    at = run_until(at, finished, timeout=60)
    at.number_input(key="sine.horizon").set_value(70).run()
    at.slider(key="sine.warm_up").set_value(4).run()
    at.switch_page("views/3_ohlol.py").run(timeout=60)  # after the run, the forecast's own
    at.switch_page("views/4_sine.py").run(timeout=60)
    assert at.radio(key="sine.recipe").value == "reference"
    assert at.number_input(key="sine.horizon").value == 70
    assert at.slider(key="sine.warm_up").value == 4
    assert not any("settings have changed" in c.value for c in at.caption)
    assert "GRU, hidden size 16, learning rate 0.01, 400 iterations" in shown_text(at)


# Latin words a Chinese string may hold: names, code and symbols.
NAMES = {"Adam", "MSE", "NaN", "RNN", "LSTM", "GRU", "sin", "t", "h", "k", "e"}


def test_no_spec_and_chinese_punctuation_in_every_string():
    """Issue 19: "SPEC" is our word, not the user's; Chinese uses Chinese punctuation."""
    assert_plain_chinese(strings, NAMES)


def test_the_training_curve_guide_states_its_last_numbers():
    """Issue 17: the line under the curve gives the last loss and forecast MSE it shows."""
    at = trained()
    traces = {trace.get("name"): trace for trace in charts(at)["loss_curve"]["data"]}
    loss = traces["Training loss (one-step MSE)"]["y"][-1]
    forecast = traces[FORECAST_MSE]["y"][-1]
    guide = next(c.value for c in at.caption if "At iteration" in c.value)
    assert f"training loss {loss:.2e}, last forecast MSE {forecast:.2e}" in guide
