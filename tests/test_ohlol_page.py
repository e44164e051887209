"""The hello -> ohlol page in AppTest: train, watch the loss fall, compare, seeds, bad input."""

from __future__ import annotations

import json

from conftest import app_test, run_until, shown_text

PAGE = "pages/3_ohlol.py"


def ohlol_page(**query):
    """The page run as the app runs it (its links resolve against app.py)."""
    at = app_test("app", **query).run()
    return at.switch_page(PAGE).run(timeout=60)


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def charts(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def finished(at) -> bool:
    """The run is done and its curve fully drawn (the inspection section is then shown)."""
    return "Finished in" in shown_text(at) and "Inside one epoch" in shown_text(at) \
        and not any("Train a model above" in str(i.value) for i in at.info)


def train(at, timeout: float = 60):
    at.select_slider(key="animation").set_value(0).run()  # no need to animate for a test
    at.button(key="train").click().run()
    return run_until(at, finished, timeout=timeout)


def test_first_load_shows_the_task_and_no_error():
    at = ohlol_page()
    assert not at.exception and not at.error
    text = shown_text(at)
    assert "hello → ohlol" in at.title[0].value
    assert "Vocabulary" in text and "Press Train to start." in text
    assert at.button(key="train") and at.button(key="stop")
    assert at.text_input(key="input_text").value == "hello"
    for kind in ("text_input", "number_input", "slider", "select_slider", "radio",
                 "selectbox", "toggle", "button"):
        assert all(widget.key for widget in getattr(at, kind)), kind


def test_train_draws_a_falling_loss_and_reaches_ohlol():
    at = train(ohlol_page())
    assert not at.exception
    assert metric(at, "Predicted string") == "ohlol"
    assert metric(at, "First “ohlol” at epoch") == "5"
    final = float(metric(at, "Final loss"))
    curve = charts(at)[0]["data"][0]
    losses = curve["y"]
    assert len(losses) == 15 and round(losses[-1], 4) == final
    assert final < 0.5 * losses[0]  # decreasing overall
    assert sum(b < a for a, b in zip(losses, losses[1:], strict=False)) >= 12
    assert "ohlol" in curve["customdata"]
    # The epoch slider looks inside one epoch: softmax and hidden-state heatmaps.
    assert len(charts(at)) == 3
    at.slider(key="epoch").set_value(1).run()
    assert "At the start of epoch 1 the network predicts “lhlll”" in shown_text(at)
    probs = charts(at)[1]["data"][0]["z"]
    assert len(probs) == 4 and len(probs[0]) == 5  # characters x time steps
    # Changing a setting keeps the run on the page and says it is stale.
    at.number_input(key="seed").set_value(3).run()
    assert "The settings changed" in shown_text(at)
    assert metric(at, "Final loss") == f"{final:.4f}"


def test_lstm_shows_its_gates():
    at = ohlol_page()
    at.selectbox(key="variant").set_value("B").run()
    assert at.number_input(key="lr").value == 0.001  # the SPEC setting of variant B
    at.selectbox(key="cell").set_value("lstm").run()
    at.button(key="fast_settings").click().run()
    at.number_input(key="epochs").set_value(200).run()
    at.toggle(key="early_stop").set_value(True).run()
    at = train(at)
    assert metric(at, "Predicted string") == "ohlol"
    gates = charts(at)[-1]
    names = [a["text"] for a in gates["layout"]["annotations"]]
    assert names == ["Input gate i", "Forget gate f", "Output gate o",
                     "Candidate (new content)", "Cell state c"]


def test_compare_mode_shows_when_each_cell_reaches_ohlol():
    at = ohlol_page()
    at.radio(key="mode").set_value("compare").run()
    assert at.number_input(key="lr").value == 0.001 and at.toggle(key="early_stop").value
    at = train(at)
    epochs = {cell: metric(at, f"{cell}: first correct at epoch") for cell in
              ("RNN", "LSTM", "GRU")}
    assert all(value.isdigit() for value in epochs.values()), epochs
    curves = {trace["name"]: trace for trace in charts(at)[0]["data"]
              if trace["mode"] != "markers+text"}
    assert set(curves) == {"RNN", "LSTM", "GRU"}
    assert all(c["customdata"][-1] == "ohlol" for c in curves.values())
    at.radio(key="inspect_cell").set_value("gru").run()
    names = [a["text"] for a in charts(at)[-1]["layout"]["annotations"]]
    assert names == ["Reset gate r", "Update gate z", "Candidate (new content)"]


def test_seed_spread_counts_the_seeds_that_reach_ohlol():
    at = ohlol_page()
    at.radio(key="mode").set_value("spread").run()
    at = train(at)
    reached, total = metric(at, "Seeds reaching “ohlol” by epoch 15").split(" / ")
    assert total == "20" and 0 < int(reached) < 20  # some seeds do, some do not: the lesson
    bars = charts(at)[1]["data"][0]
    assert sum(bars["y"]) == 20


def test_bad_strings_give_an_error_naming_the_field_and_no_exception():
    at = ohlol_page()
    at.text_input(key="target_text").set_value("ohl").run()
    assert not at.exception
    assert "Target string has 3 characters but the input string has 5" in at.error[0].value
    at.button(key="train").click().run()  # nothing to train: the error stays, nothing starts
    assert not at.exception and at.error and "Press Train to start." in shown_text(at)
    at.text_input(key="target_text").set_value("").run()
    assert "Target string is empty" in at.error[0].value
    at.text_input(key="target_text").set_value("ohlol").run()
    at.text_input(key="input_text").set_value("h" * 40).run()
    assert "Input string has 40 characters; at most 32" in at.error[0].value
    assert "Traceback" not in shown_text(at)
    at.text_input(key="input_text").set_value("hello").run()
    assert not at.error


def test_bad_strings_keep_the_last_run():
    at = train(ohlol_page())
    at.text_input(key="input_text").set_value("").run()
    assert not at.exception and at.error
    assert metric(at, "Predicted string") == "ohlol"


def test_chinese_interface():
    at = ohlol_page(lang="zh")
    assert not at.exception
    assert at.title[0].value.startswith("hello → ohlol：")
    at.text_input(key="target_text").set_value("ohl").run()
    assert "目标字符串" in at.error[0].value


def test_stop_keeps_what_was_trained():
    at = ohlol_page()
    at.selectbox(key="variant").set_value("B").run()
    at.selectbox(key="cell").set_value("gru").run()
    at.select_slider(key="animation").set_value(0).run()
    at.button(key="train").click().run()
    at.button(key="stop").click().run()
    at = run_until(at, lambda a: "Stopped after" in shown_text(a) or "Finished in" in shown_text(a))
    assert "Stopped after" in shown_text(at)
    if not any(m.label == "Epochs trained" for m in at.metric):  # stopped while still queued
        assert "Train a model above" in shown_text(at)
        return
    trained = int(metric(at, "Epochs trained"))
    assert 1 <= trained < 4000
    if trained > 1:
        at.slider(key="epoch").set_value(1).run()
    assert "At the start of epoch 1" in shown_text(at) and len(charts(at)) == 4
