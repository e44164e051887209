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
    at.text_input(key="sine.horizon").set_value("120").run()
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


def test_a_horizon_beyond_the_limit_is_an_error_and_the_rest_stays():
    at = trained()
    at.text_input(key="sine.horizon").set_value(str(sine.MAX_HORIZON + 1)).run()
    assert not at.exception
    assert "Forecast horizon (steps)" in at.error[0].value
    assert finished(at)  # the metrics are still shown


def test_a_diverging_run_stops_itself_and_says_so():
    at = app_test("sine").run()
    at.text_input(key="sine.lr").set_value("1e9").run()
    at.button(key="sine_train").click().run()
    at = run_until(at, lambda a: "Finished in" in shown_text(a), timeout=60)
    assert any("Training diverged at iteration" in e.value for e in at.error)
    assert not at.exception and not finished(at)


def test_reference_recipe_uses_the_spec_settings_and_can_be_stopped():
    at = app_test("sine").run()
    at.radio(key="sine.recipe").set_value("reference").run()
    assert at.text_input(key="sine.lr").value == "0.01"
    assert at.text_input(key="sine.iterations").value == "6000"
    assert "6000 iterations" in shown_text(at)
    assert not at.toggle  # early stopping belongs to the fast recipe
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
    at.radio(key="sine.recipe").set_value("reference").run()  # sets the SPEC settings
    at.selectbox(key="sine.cell").set_value("gru").run()
    at.text_input(key="sine.hidden").set_value("8").run()
    at.text_input(key="sine.iterations").set_value("200").run()
    at.number_input(key="sine.seed").set_value(3).run()
    at.button(key="sine_train").click().run()
    at = run_until(at, finished, timeout=60)
    at.text_input(key="sine.horizon").set_value("80").run()
    at.toggle(key="sine.carried").set_value(True).run()
    link = dict(at.query_params)
    assert link == {"lang": "en", "recipe": "reference", "cell": "gru", "hidden": "8",
                    "iterations": "200", "seed": "3", "horizon": "80", "carried": "true"}
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
    assert fresh.text_input(key="sine.horizon").value == "80"
    assert fresh.toggle(key="sine.carried").value is True
    assert [c.proto.spec for c in fresh.get("plotly_chart")] == \
        [c.proto.spec for c in at.get("plotly_chart")]
    assert metric(fresh, "Forecast MSE") == metric(at, "Forecast MSE")


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
