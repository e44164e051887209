"""The bidirectional page in AppTest: the proof, the shapes, the widgets, bad input."""

from __future__ import annotations

import json

import pytest
from conftest import app_test, shown_text
from test_activation_page import chinese_problems

from rnnviz import bidirectional as bi
from ui.text import bidirectional as text


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def figure(at) -> dict:
    (chart,) = at.get("plotly_chart")
    return json.loads(chart.proto.spec)


def test_first_load_proves_the_equivalence_and_shows_the_shapes():
    at = app_test("bidirectional").run()
    assert not at.exception and not at.error
    assert float(metric(at, "Largest |by hand − nn.RNN|")) < 1e-6
    assert metric(at, "out shape") == "(5, 1, 6)" and metric(at, "h_n shape") == "(2, 1, 3)"
    assert "Equal to within 10⁻⁶" in shown_text(at)
    numbers = at.table[0].value  # a static table: every column and row on the page
    assert list(numbers.columns) == ["t", "x_t", "forward h→_t", "backward h←_t",
                                     "nn.RNN out[t]", "largest |difference|"]
    assert len(numbers) == 5
    slices = at.dataframe[0].value
    assert list(slices["Slice of out"]) == ["out[-1, :, :3]", "out[0, :, 3:]"]
    assert list(slices["Row of h_n"]) == ["h_n[0]", "h_n[1]"]
    fig = figure(at)
    forward, backward, both = fig["data"]
    assert forward["x"] == ["1: 0.5", "2: -1", "3: 2", "4: 0", "5: 1.5"]
    assert len(forward["z"]) == 3 and len(both["z"]) == 6  # H rows, 2H rows
    assert both["z"][:3] == forward["z"] and both["z"][3:] == backward["z"]
    orders = [a["text"] for a in fig["layout"]["annotations"] if a["text"].startswith("#")]
    assert orders == ["#1", "#2", "#3", "#4", "#5", "#5", "#4", "#3", "#2", "#1"]
    assert "5 of at most 12 steps" in shown_text(at)
    for kind in ("text_input", "number_input", "slider", "radio"):
        assert all(widget.key for widget in getattr(at, kind)), kind


def test_widgets_change_what_is_shown():
    at = app_test("bidirectional").run()
    at.slider(key="bidirectional.hidden").set_value(2).run()
    at.slider(key="bidirectional.layers").set_value(2).run()
    assert metric(at, "out shape") == "(5, 1, 4)" and metric(at, "h_n shape") == "(4, 1, 2)"
    slices = at.dataframe[0].value
    assert list(slices["Row of h_n"]) == ["h_n[0]", "h_n[1]", "h_n[2]", "h_n[3]"]
    assert list(slices["Slice of out"]) == ["—", "—", "out[-1, :, :2]", "out[0, :, 2:]"]
    before = figure(at)["data"][0]["z"]
    at.number_input(key="bidirectional.seed").set_value(5).run()
    assert figure(at)["data"][0]["z"] != before
    at.radio(key="bidirectional.kind").set_value("characters").run()
    assert at.text_input(key="bidirectional.sequence").value == "hello"
    assert "one-hot over the characters “e”, “h”, “l”, “o”" in shown_text(at)
    assert figure(at)["data"][0]["x"] == ["1: h", "2: e", "3: l", "4: l", "5: o"]
    assert float(metric(at, "Largest |by hand − nn.RNN|")) < 1e-6


def test_bad_sequences_give_errors_naming_the_entry():
    at = app_test("bidirectional").run()
    at.text_input(key="bidirectional.sequence").set_value("1, two, 3").run()
    assert not at.exception
    assert at.error[0].value == "Numbers, entry 2: “two” is not a number."
    assert not at.get("plotly_chart")
    at.text_input(key="bidirectional.sequence").set_value("1 50").run()
    assert "Numbers, entry 2: 50 is outside the allowed range -10.0 to 10.0." in \
        at.error[0].value
    at.text_input(key="bidirectional.sequence").set_value(" ".join(["1"] * 20)).run()
    assert "20 steps is too many; at most 12" in at.error[0].value
    at.text_input(key="bidirectional.sequence").set_value("").run()
    assert "type at least one value" in at.error[0].value
    at.text_input(key="bidirectional.sequence").set_value("1 2").run()
    assert not at.error and metric(at, "out shape") == "(2, 1, 6)"


def test_chinese_page():
    at = app_test("bidirectional", lang="zh").run()
    assert not at.exception
    assert at.title[0].value.startswith("双向 RNN")
    assert float(metric(at, "手算与 nn.RNN 的最大绝对差")) < 1e-6
    at.text_input(key="bidirectional.sequence").set_value("1, x").run()
    assert "不是数字" in at.error[0].value
    # Typed with a Chinese IME:
    at.text_input(key="bidirectional.sequence").set_value("1，2、3").run()
    assert not at.error and metric(at, "out 的形状") == "(3, 1, 6)"


def test_a_link_reopens_the_same_view():
    at = app_test("bidirectional", lang="en").run()
    at.radio(key="bidirectional.kind").set_value("characters").run()
    at.text_input(key="bidirectional.sequence").set_value("abba").run()
    at.slider(key="bidirectional.hidden").set_value(4).run()
    at.slider(key="bidirectional.layers").set_value(2).run()
    at.number_input(key="bidirectional.seed").set_value(7).run()
    assert not at.exception and not at.error
    link = dict(at.query_params)
    assert link == {"lang": "en", "kind": "characters", "sequence": "abba", "hidden": "4",
                    "layers": "2", "seed": "7"}
    again = app_test("bidirectional", **link).run()
    assert not again.exception and not again.error
    assert again.radio(key="bidirectional.kind").value == "characters"
    assert again.text_input(key="bidirectional.sequence").value == "abba"
    assert again.slider(key="bidirectional.hidden").value == 4
    assert again.slider(key="bidirectional.layers").value == 2
    assert again.number_input(key="bidirectional.seed").value == 7
    assert figure(again) == figure(at)
    assert metric(again, "h_n shape") == "(4, 1, 4)"


def test_the_default_view_keeps_the_link_short():
    at = app_test("bidirectional", lang="en").run()
    assert dict(at.query_params) == {"lang": "en"}
    at.radio(key="bidirectional.kind").set_value("characters").run()
    assert dict(at.query_params) == {"lang": "en", "kind": "characters"}  # its own example


@pytest.mark.parametrize("name, value", [
    ("kind", "banana"), ("hidden", "banana"), ("hidden", "9"), ("layers", "0"), ("seed", "-1"),
    ("sequence", "1" * 401),
])
def test_a_bad_link_value_is_named_and_the_default_is_used(name, value):
    at = app_test("bidirectional", lang="en", **{name: value}).run()
    assert not at.exception
    (error,) = at.error
    assert f"“{value}” for {name}" in error.value
    assert metric(at, "out shape") == "(5, 1, 6)" and metric(at, "h_n shape") == "(2, 1, 3)"
    assert at.text_input(key="bidirectional.sequence").value == "0.5, -1, 2, 0, 1.5"


def test_a_characters_link_longer_than_the_step_limit_is_refused():
    value = "abcdefghijklm"  # 13 characters, 13 steps
    at = app_test("bidirectional", lang="en", kind="characters", sequence=value).run()
    assert not at.exception
    (error,) = at.error
    assert f"“{value}” for sequence" in error.value
    assert at.text_input(key="bidirectional.sequence").value == "hello"  # its own example
    assert metric(at, "out shape") == "(5, 1, 6)"


def test_the_character_counter_is_the_real_limit():
    """Issue 19: a '9/200' counter where 12 steps are allowed."""
    at = app_test("bidirectional", lang="en").run()
    box = at.text_input(key="bidirectional.sequence")
    assert box.proto.max_chars == 0  # numbers: the limit is in steps, no character counter
    assert "5 of at most 12 steps" in shown_text(at)
    at.radio(key="bidirectional.kind").set_value("characters").run()
    box = at.text_input(key="bidirectional.sequence")
    assert box.proto.max_chars == bi.MAX_STEPS == 12  # one character is one step
    assert box.value == "hello" and "5 of at most 12 steps" in shown_text(at)
    box.set_value("abcdefghijkl").run()
    assert not at.error and "12 of at most 12 steps" in shown_text(at)


def test_layers_are_counted_one_way_in_slider_caption_and_table():
    """Issue 19: slider 1–3, 'layer 2 (the top layer)' in the caption, 'layer 0' in the table."""
    at = app_test("bidirectional", lang="en").run()
    at.slider(key="bidirectional.layers").set_value(3).run()
    slider = at.slider(key="bidirectional.layers")
    assert (slider.min, slider.value, slider.max) == (1, 3, 3)  # a count: 3 layers
    assert "layer 1 is l0" in slider.help and "layer 2 is l1" in slider.help
    (shown,) = [c.value for c in at.caption if c.value.startswith("The figure")]
    assert "layer 3 (l2), the top layer" in shown
    meanings = list(at.dataframe[0].value["Meaning"])
    assert [m.split(" forward")[0].split(" backward")[0] for m in meanings] == [
        "layer 1 (l0)", "layer 1 (l0)", "layer 2 (l1)", "layer 2 (l1)", "layer 3 (l2)",
        "layer 3 (l2)"]
    everything = shown_text(at) + " ".join(meanings)
    assert "layer 0" not in everything and "layer 3 (l2)" in everything
    zh = app_test("bidirectional", lang="zh", layers="2").run()
    assert "第 2 层（l1）" in shown_text(zh)
    assert list(zh.dataframe[0].value["含义"])[0].startswith("第 1 层（l0）前向")


@pytest.mark.parametrize(("cell", "module"), [("gru", "nn.GRU"), ("lstm", "nn.LSTM")])
def test_gru_and_lstm_are_proved_equal_too(cell, module):
    at = app_test("bidirectional", lang="en").run()
    at.radio(key="bidirectional.cell").set_value(cell).run()
    assert not at.exception and not at.error
    assert float(metric(at, f"Largest |by hand − {module}|")) < 1e-6
    assert f"3 · The same numbers from {module}(bidirectional=True)" in shown_text(at)
    assert f"{module} out[t]" in at.table[0].value.columns
    assert metric(at, "h_n shape") == "(2, 1, 3)"
    (success,) = at.success
    if cell == "lstm":
        assert metric(at, "c_n shape") == "(2, 1, 3)"
        assert "in h_n and c_n" in success.value and "two LSTMs" in success.value
        assert "c_n, the LSTM's last cell state" in shown_text(at)
    else:
        assert not [m for m in at.metric if m.label == "c_n shape"]
        assert "two GRUs" in success.value
    assert figure(at)["layout"]["annotations"][0]["text"].startswith(
        "Forward GRU" if cell == "gru" else "Forward LSTM")
    assert dict(at.query_params)["cell"] == cell
    again = app_test("bidirectional", **dict(at.query_params)).run()
    assert again.radio(key="bidirectional.cell").value == cell
    assert figure(again) == figure(at)


def test_chinese_strings_use_chinese_punctuation_and_no_stray_english():
    allowed = {"RNN", "GRU", "LSTM", "PyTorch", "torch", "tanh", "out", "batch", "input", "H",
               "T", "t", "x", "h", "r", "z", "n", "i", "f", "g", "o", "W", "U"}
    assert chinese_problems(text.STRINGS, allowed) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_spec_shown_in_either_language(lang):
    at = app_test("bidirectional", lang=lang, cell="lstm", layers="2").run()
    assert not at.exception
    assert "SPEC" not in shown_text(at) + str(at.table[0].value) + str(at.dataframe[0].value)


def test_settings_survive_a_visit_to_another_page():
    at = app_test("app", lang="en").run().switch_page("views/6_bidirectional.py").run()
    at.slider(key="bidirectional.hidden").set_value(2).run()
    at.text_input(key="bidirectional.sequence").set_value("1 2").run()
    at.switch_page("views/home.py").run()
    at.query_params.clear()  # as the sidebar's links do: only the language goes along
    at.query_params["lang"] = "en"
    at.switch_page("views/6_bidirectional.py").run()
    assert not at.exception
    assert metric(at, "out shape") == "(2, 1, 4)"
