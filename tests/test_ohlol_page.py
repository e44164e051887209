"""The hello -> ohlol page in AppTest: train, watch the loss fall, compare, seeds, bad input."""

from __future__ import annotations

import json
import re
import time

from conftest import app_test, assert_plain_chinese, run_until, shown_text
from streamlit.proto.Metric_pb2 import Metric as MetricProto

from ui.text import ohlol as strings

PAGE = "views/3_ohlol.py"


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
    at.select_slider(key="ohlol.animation").set_value(0).run()  # no need to animate for a test
    at.button(key="ohlol_train").click().run()
    return run_until(at, finished, timeout=timeout)


def test_first_load_shows_the_task_and_no_error():
    at = ohlol_page()
    assert not at.exception and not at.error
    text = shown_text(at)
    assert "hello → ohlol" in at.title[0].value
    assert "Vocabulary" in text and "Press Train to start." in text
    assert at.button(key="ohlol_train") and at.button(key="ohlol_stop")
    assert at.text_input(key="ohlol.input").value == "hello"
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
    at.slider(key="ohlol.epoch").set_value(1).run()
    assert "At the start of epoch 1 the network predicts “lhlll”" in shown_text(at)
    probs = charts(at)[1]["data"][0]["z"]
    assert len(probs) == 4 and len(probs[0]) == 5  # characters x time steps
    # Changing a setting keeps the run on the page and says it is stale.
    at.number_input(key="ohlol.seed").set_value(3).run()
    assert "The settings have changed" in shown_text(at)
    assert metric(at, "Final loss") == f"{final:.4f}"


def test_lstm_shows_its_gates():
    at = ohlol_page()
    at.selectbox(key="ohlol.variant").set_value("B").run()
    assert at.number_input(key="ohlol.lr").value == 0.001  # the course's setting of variant B
    at.selectbox(key="ohlol.cell").set_value("lstm").run()
    at.button(key="ohlol_fast").click().run()
    at.number_input(key="ohlol.epochs").set_value(200).run()
    at.toggle(key="ohlol.early_stop").set_value(True).run()
    at = train(at)
    assert metric(at, "Predicted string") == "ohlol"
    assert at.button(key="ohlol_fast")  # variant B offers the faster learning rate
    gates = charts(at)[-1]
    names = [a["text"] for a in gates["layout"]["annotations"]]
    assert names == ["Input gate i", "Forget gate f", "Output gate o",
                     "Candidate (new content)", "Cell state c"]


def test_compare_mode_shows_when_each_cell_reaches_ohlol():
    at = ohlol_page()
    at.radio(key="ohlol.mode").set_value("compare").run()
    assert at.number_input(key="ohlol.lr").value == 0.001
    assert at.toggle(key="ohlol.early_stop").value and at.number_input(key="ohlol.epochs").value \
        == 4000  # compare mode's recommended settings
    at = train(at)
    epochs = {cell: metric(at, f"{cell}: first correct at epoch") for cell in
              ("RNN", "LSTM", "GRU")}
    assert all(value.isdigit() for value in epochs.values()), epochs
    curves = {trace["name"]: trace for trace in charts(at)[0]["data"]
              if trace["mode"] != "markers+text"}
    assert set(curves) == {"RNN", "LSTM", "GRU"}
    assert all(c["customdata"][-1] == "ohlol" for c in curves.values())
    at.radio(key="ohlol.inspect_cell").set_value("gru").run()
    names = [a["text"] for a in charts(at)[-1]["layout"]["annotations"]]
    assert names == ["Reset gate r", "Update gate z", "Candidate (new content)"]


def test_seed_spread_counts_the_seeds_that_reach_ohlol():
    at = ohlol_page()
    at.radio(key="ohlol.mode").set_value("spread").run()
    at = train(at)
    reached, total = metric(at, "Seeds reaching “ohlol” by epoch 15").split(" / ")
    assert total == "20" and 0 < int(reached) < 20  # some seeds do, some do not: the lesson
    bars = charts(at)[1]["data"][0]
    assert sum(bars["y"]) == 20


def test_bad_strings_give_an_error_naming_the_field_and_no_exception():
    at = ohlol_page()
    at.text_input(key="ohlol.target").set_value("ohl").run()
    assert not at.exception
    assert "Target string has 3 characters but the input string has 5" in at.error[0].value
    assert at.button(key="ohlol_train").disabled  # nothing to train: the error says why
    at.run()
    assert not at.exception and at.error and "Press Train to start." in shown_text(at)
    assert "Fix the settings marked above" in shown_text(at)
    at.text_input(key="ohlol.target").set_value("").run()
    assert "Target string is empty" in at.error[0].value
    at.text_input(key="ohlol.target").set_value("ohlol").run()
    at.text_input(key="ohlol.input").set_value("h" * 40).run()
    assert "Input string has 40 characters; at most 32" in at.error[0].value
    assert "Traceback" not in shown_text(at)
    at.text_input(key="ohlol.input").set_value("hello").run()
    assert not at.error


def test_bad_strings_keep_the_last_run():
    at = train(ohlol_page())
    at.text_input(key="ohlol.input").set_value("").run()
    assert not at.exception and at.error
    assert metric(at, "Predicted string") == "ohlol"


def test_chinese_interface():
    at = app_test("ohlol", lang="zh").run(timeout=60)
    assert not at.exception
    assert at.title[0].value.startswith("hello → ohlol：")
    at.text_input(key="ohlol.target").set_value("ohl").run()
    assert "目标字符串" in at.error[0].value


def test_stop_keeps_what_was_trained():
    at = ohlol_page()
    at.selectbox(key="ohlol.variant").set_value("B").run()
    at.selectbox(key="ohlol.cell").set_value("gru").run()
    at.select_slider(key="ohlol.animation").set_value(0).run()
    at.button(key="ohlol_train").click().run()
    at.button(key="ohlol_stop").click().run()
    at = run_until(at, lambda a: "Stopped after" in shown_text(a) or "Finished in" in shown_text(a))
    assert "Stopped after" in shown_text(at)
    if not any(m.label == "Epochs trained" for m in at.metric):  # stopped while still queued
        assert "Train a model above" in shown_text(at)
        return
    trained = int(metric(at, "Epochs trained"))
    assert 1 <= trained < 4000
    if trained > 1:
        at.slider(key="ohlol.epoch").set_value(1).run()
    assert "At the start of epoch 1" in shown_text(at) and len(charts(at)) == 4


def widget_values(at) -> dict:
    """Every setting the page shows, by key."""
    return {widget.key: widget.value for kind in (
        "text_input", "number_input", "slider", "select_slider", "radio", "selectbox", "toggle")
        for widget in getattr(at, kind) if widget.key and widget.key.startswith("ohlol.")}


def test_a_link_reopens_the_same_view():
    at = ohlol_page()
    at.text_input(key="ohlol.input").set_value("hallo").run()
    at.text_input(key="ohlol.target").set_value("ohlal").run()
    at.selectbox(key="ohlol.variant").set_value("B").run()
    at.selectbox(key="ohlol.cell").set_value("lstm").run()
    at.number_input(key="ohlol.hidden").set_value(6).run()
    at.button(key="ohlol_fast").click().run()
    at.number_input(key="ohlol.epochs").set_value(120).run()
    at.number_input(key="ohlol.seed").set_value(5).run()
    at = train(at)
    at.slider(key="ohlol.epoch").set_value(40).run()
    link = dict(at.query_params)
    assert {"input", "target", "variant", "cell", "hidden", "lr", "epochs", "seed", "animation",
            "epoch"} <= set(link), link
    shown, figures = widget_values(at), charts(at)
    assert shown["ohlol.epoch"] == 40 and len(figures) == 4  # curve, softmax, hidden, gates

    fresh = ohlol_page(**link)
    assert not fresh.exception and not fresh.error
    fresh.button(key="ohlol_train").click().run()
    fresh = run_until(fresh, finished)
    assert widget_values(fresh) == shown
    assert charts(fresh) == figures


def test_a_bad_value_in_a_link_names_the_parameter_and_uses_the_default():
    at = ohlol_page(lr="banana", mode="sideways", epochs="99999", target="x" * 300)
    assert not at.exception
    errors = " ".join(str(e.value) for e in at.error)
    for name, shown in (("lr", "0.1"), ("mode", "single"), ("epochs", "15"),
                        ("target", "ohlol")):
        assert name in errors and shown in errors, (name, errors)
    assert at.number_input(key="ohlol.lr").value == 0.1
    assert at.radio(key="ohlol.mode").value == "single"
    assert at.number_input(key="ohlol.epochs").value == 15
    assert at.text_input(key="ohlol.target").value == "ohlol"
    # The epoch is read from the link when its slider first shows, once the run is drawn.
    at = ohlol_page(epoch="banana")
    at.select_slider(key="ohlol.animation").set_value(0).run()
    errors = [str(e.value) for e in at.button(key="ohlol_train").click().run().error]
    at = run_until(at, lambda a: errors.extend(str(e.value) for e in a.error) or finished(a))
    assert any("epoch" in error and "banana" in error for error in errors), errors
    assert at.slider(key="ohlol.epoch").value == 15


def test_hidden_settings_are_kept_and_a_new_run_is_inspected_at_its_last_epoch():
    at = ohlol_page()
    at.selectbox(key="ohlol.variant").set_value("B").run()
    at.number_input(key="ohlol.hidden").set_value(7).run()
    at.selectbox(key="ohlol.variant").set_value("A").run()
    assert not any(w.key == "ohlol.hidden" for w in at.number_input)
    at.selectbox(key="ohlol.variant").set_value("B").run()
    assert at.number_input(key="ohlol.hidden").value == 7
    at.selectbox(key="ohlol.variant").set_value("A").run()
    at = train(at)
    at.slider(key="ohlol.epoch").set_value(3).run()
    at.number_input(key="ohlol.epochs").set_value(20).run()
    assert at.slider(key="ohlol.epoch").value == 3  # the run on show is still inspected
    at = train(at)
    assert at.slider(key="ohlol.epoch").value == 20 and "epoch" not in at.query_params


def test_the_curve_grows_over_the_animation_seconds():
    at = ohlol_page()
    at.select_slider(key="ohlol.animation").set_value(3).run()
    at.button(key="ohlol_train").click().run()
    lengths = []
    while not finished(at):
        if at.get("plotly_chart"):
            lengths.append(len(charts(at)[0]["data"][0]["y"]))
        time.sleep(0.2)
        at.run()
        assert not at.exception
    assert lengths and min(lengths) < 15 and lengths == sorted(lengths), lengths
    # (The section below may show a moment before the curve's last point, as it always did.)
    assert len(charts(at.run())[0]["data"][0]["y"]) == 15
    # Train again with the same settings: the finished run is shared, the curve redrawn.
    at.button(key="ohlol_train").click().run()
    assert len(charts(at)[0]["data"][0]["y"]) < 15 and not finished(at)
    at = run_until(at, finished, timeout=10)
    assert len(charts(at.run())[0]["data"][0]["y"]) == 15


# --- Issue 19 -----------------------------------------------------------------------------

def test_the_loss_change_shows_its_sign_once_and_no_arrow():
    """Issue 19: "↓ -0.8904", an arrow and a minus for one fall."""
    at = train(ohlol_page())
    final = next(m for m in at.metric if m.label == "Final loss")
    assert final.proto.delta == "\N{MINUS SIGN}4.1021" and "-" not in final.proto.delta
    assert final.proto.direction == MetricProto.MetricDirection.NONE  # no arrow
    assert final.proto.color == MetricProto.MetricColor.GREEN  # a fall is good news


def test_table_labels_are_whole_and_capitalised_alike():
    """Issue 19: a row label cut to "charact", and "Input string" over "input index"."""
    at = train(ohlol_page())
    vocab, encoded, history = at.dataframe[:3]
    assert list(vocab.value.index) == ["Character"]
    assert list(encoded.value.index) == ["Input string", "Input index", "Target string",
                                         "Target index"]
    for table in (vocab, encoded):  # the row labels get a column wide enough to read
        assert json.loads(table.proto.columns)["_index"]["width"] == "medium"
    assert list(history.value.columns) == ["Epoch", "Loss", "Prediction", "Correct"]
    for table in (vocab, encoded, history):
        labels = [*map(str, table.value.index), *map(str, table.value.columns)]
        assert all(not label[0].isalpha() or label[0].isupper() or label.startswith("t=")
                   for label in labels if not label.isdigit()), labels


def test_results_name_the_run_that_made_them_not_the_controls():
    """A result on screen says which settings produced it; controls and results never
    disagree."""
    at = train(ohlol_page())
    line = ("These results come from: hello → ohlol, variant A (one-hot → RNNCell), "
            "learning rate 0.1, 15 epochs, seed 28.")
    assert [c.value for c in at.caption].count(line) == 2  # over the curve and inside
    at.selectbox(key="ohlol.variant").set_value("B").run()
    at.selectbox(key="ohlol.cell").set_value("gru").run()
    assert "The settings have changed" in shown_text(at)
    assert [c.value for c in at.caption].count(line) == 2  # still the run on show
    assert "Train will use: Adam, learning rate 0.001" in shown_text(at)  # the controls'


def test_leaving_and_coming_back_keeps_the_controls_and_the_run():
    """Issue 19: back on the page the controls said variant A / RNNCell under a GRU's chart,
    with "the settings changed" although nothing had."""
    at = ohlol_page()
    at.selectbox(key="ohlol.variant").set_value("B").run()
    at.selectbox(key="ohlol.cell").set_value("gru").run()
    at.button(key="ohlol_fast").click().run()
    at.number_input(key="ohlol.epochs").set_value(150).run()
    at.number_input(key="ohlol.seed").set_value(3).run()
    at.select_slider(key="ohlol.animation").set_value(0).run()
    at.button(key="ohlol_train").click().run()
    shown = widget_values(at)
    at.switch_page("views/4_sine.py").run(timeout=60)  # mid-run
    at.switch_page(PAGE).run(timeout=60)
    assert not at.exception
    assert widget_values(at) == shown
    assert not any("settings have changed" in c.value for c in at.caption)
    at = run_until(at, finished)
    at.slider(key="ohlol.epoch").set_value(40).run()
    shown = widget_values(at)
    assert shown["ohlol.variant"] == "B" and shown["ohlol.cell"] == "gru"
    at.switch_page("views/7_shapes.py").run(timeout=60)  # after the run
    at.switch_page(PAGE).run(timeout=60)
    assert widget_values(at) == shown
    assert not any("settings have changed" in c.value for c in at.caption)
    assert "variant B with GRU, hidden size 4, learning rate 0.01, 150 epochs, seed 3" \
        in shown_text(at)
    assert "GRU gates and states, epoch 40" in [json.loads(c.proto.spec)["layout"]["title"][
        "text"] for c in at.get("plotly_chart")][-1]


# Latin words a Chinese string may hold: names, code, symbols and the strings themselves.
NAMES = {"A", "B", "Adam", "GRU", "LSTM", "RNN", "RNNCell", "Linear", "logits", "softmax",
         "hello", "ohlol", "lhlll", "oolll", "c", "f", "h", "i", "o", "r", "z"}


def test_no_spec_and_chinese_punctuation_in_every_string():
    """Issue 19: "SPEC" is our word, not the user's; Chinese uses Chinese punctuation."""
    assert_plain_chinese(strings, NAMES)


def test_the_reading_guides_state_the_numbers_of_their_figures():
    """Issue 17: a student who cannot see a chart still reads its lesson in the line under it."""
    at = train(ohlol_page())
    losses = charts(at)[0]["data"][0]["y"]
    guide = next(c.value for c in at.caption if "the loss falls" in c.value)
    assert f"from {losses[0]:.4f} to {losses[-1]:.4f} in 15 epochs" in guide
    assert "first correct epoch: 5" in guide
    guide = next(c.value for c in at.caption if "outlined cell" in c.value)
    assert re.search(r"it is the most probable at \d of 5 steps", guide)
    zh = app_test("ohlol", lang="zh").run(timeout=60)
    zh.select_slider(key="ohlol.animation").set_value(0).run()
    zh.button(key="ohlol_train").click().run()
    zh = run_until(zh, lambda a: any("损失在 15 轮内" in c.value for c in a.caption))
    assert any(f"降到 {losses[-1]:.4f}" in c.value for c in zh.caption)
