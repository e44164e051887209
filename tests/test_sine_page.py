"""The sine-wave forecast page in AppTest: train, poll, read the metrics and the animation."""

from __future__ import annotations

import json

from conftest import app_test, run_until, shown_text

from rnnviz import sine


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
    return any(m.label == "Forecast MSE" for m in at.metric)


def trained(**query):
    at = app_test("sine", **query).run()
    at.button(key="train").click().run()
    return run_until(at, finished, timeout=60)


def test_first_load_shows_the_controls_and_no_error():
    at = app_test("sine").run()
    assert not at.exception and not at.error
    assert at.title[0].value == "Sine-wave forecast"
    text = shown_text(at)
    assert "Press Train to start." in text and "Train a model above" in text
    assert at.radio(key="recipe").value == "fast"
    assert at.text_input(key="hidden").value == "16"
    for kind in ("text_input", "number_input", "radio", "selectbox", "toggle", "button"):
        assert all(widget.key for widget in getattr(at, kind)), kind


def test_fast_training_reaches_the_bar_and_animates_the_forecast():
    at = trained()
    assert not at.exception and not at.error
    mse = float(metric(at, "Forecast MSE"))
    assert mse <= sine.QUALITY_BAR
    assert metric(at, "Training time").endswith(" s")
    assert float(metric(at, "One-step MSE")) < mse  # teacher forcing beats free running
    fig = forecast_chart(at)
    assert len(fig["frames"]) == sine.EVAL_STEPS
    names = [trace.get("name") for trace in fig["data"]]
    assert "Free-running forecast" in names and "One-step prediction" in names
    assert fig["layout"]["updatemenus"][0]["buttons"][0]["method"] == "animate"
    assert any(trace["type"] == "heatmap" for trace in fig["data"])
    loss = next(spec for spec in charts(at).values() if not spec.get("frames"))
    assert loss["layout"]["yaxis"]["type"] == "log"
    # A longer horizon runs past the training window: more steps per frame, same metric.
    at.text_input(key="horizon").set_value("120").run()
    frames = forecast_chart(at)["frames"]
    assert len(frames) == 60 and frames[-1]["name"] == "120"
    assert len(frames[-1]["data"][1]["x"]) == 120
    assert metric(at, "Forecast MSE") == f"{mse:.2e}"
    assert "Over the 120 steps shown" in shown_text(at)


def test_bad_numbers_give_errors_naming_the_field():
    at = app_test("sine").run()
    cases = [("hidden", "0", "Hidden size"), ("lr", "-1", "Learning rate"),
             ("lr", "nan", "Learning rate"), ("iterations", "abc", "Iterations"),
             ("points", "2.5", "Points per window")]
    for key, value, field in cases:
        at.text_input(key=key).set_value(value).run()
        assert not at.exception
        assert any(field in e.value for e in at.error), (key, value, [e.value for e in at.error])
        at.button(key="train").click().run()  # nothing starts while a field is bad
        assert "Press Train to start." in shown_text(at)
        at.text_input(key=key).set_value(sine_default(key)).run()
        assert not at.error
    assert "Traceback" not in shown_text(at)


def sine_default(key: str) -> str:
    return {"hidden": "16", "lr": str(sine.FAST_LR), "iterations": str(sine.FAST_ITERATIONS),
            "points": "50"}[key]


def test_a_horizon_beyond_the_limit_is_an_error_and_the_rest_stays():
    at = trained()
    at.text_input(key="horizon").set_value(str(sine.MAX_HORIZON + 1)).run()
    assert not at.exception
    assert "Forecast horizon (steps)" in at.error[0].value
    assert finished(at)  # the metrics are still shown


def test_a_diverging_run_stops_itself_and_says_so():
    at = app_test("sine").run()
    at.text_input(key="lr").set_value("1e9").run()
    at.button(key="train").click().run()
    at = run_until(at, lambda a: "Finished in" in shown_text(a), timeout=60)
    assert any("Training diverged at iteration" in e.value for e in at.error)
    assert not at.exception and not finished(at)


def test_reference_recipe_uses_the_spec_settings_and_can_be_stopped():
    at = app_test("sine").run()
    at.radio(key="recipe").set_value("reference").run()
    assert at.text_input(key="lr").value == "0.01"
    assert at.text_input(key="iterations").value == "6000"
    assert "6000 iterations" in shown_text(at)
    at.button(key="train").click().run()
    at.button(key="stop").click().run()
    at = run_until(at, lambda a: "Stopped after" in shown_text(a), timeout=30)
    assert not at.exception and not finished(at)


def test_chinese_interface():
    at = app_test("sine", lang="zh").run()
    assert not at.exception
    assert at.title[0].value == "正弦波预测"
    at.text_input(key="hidden").set_value("0").run()
    assert "隐藏层大小" in at.error[0].value
