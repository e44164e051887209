"""The bidirectional page in AppTest: the proof, the shapes, the widgets, bad input."""

from __future__ import annotations

import json

import pytest
from conftest import app_test, shown_text


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
    slices = at.dataframe[1].value
    assert list(slices["Slice of out"]) == ["out[-1, :, :3]", "out[0, :, 3:]"]
    assert list(slices["Row of h_n"]) == ["h_n[0]", "h_n[1]"]
    fig = figure(at)
    forward, backward, both = fig["data"]
    assert forward["x"] == ["1: 0.5", "2: -1", "3: 2", "4: 0", "5: 1.5"]
    assert len(forward["z"]) == 3 and len(both["z"]) == 6  # H rows, 2H rows
    assert both["z"][:3] == forward["z"] and both["z"][3:] == backward["z"]
    orders = [a["text"] for a in fig["layout"]["annotations"] if a["text"].startswith("#")]
    assert orders == ["#1", "#2", "#3", "#4", "#5", "#5", "#4", "#3", "#2", "#1"]
    for kind in ("text_input", "number_input", "slider", "radio"):
        assert all(widget.key for widget in getattr(at, kind)), kind


def test_widgets_change_what_is_shown():
    at = app_test("bidirectional").run()
    at.slider(key="bidirectional.hidden").set_value(2).run()
    at.slider(key="bidirectional.layers").set_value(2).run()
    assert metric(at, "out shape") == "(5, 1, 4)" and metric(at, "h_n shape") == "(4, 1, 2)"
    slices = at.dataframe[1].value
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
    ("sequence", "1" * 201),
])
def test_a_bad_link_value_is_named_and_the_default_is_used(name, value):
    at = app_test("bidirectional", lang="en", **{name: value}).run()
    assert not at.exception
    (error,) = at.error
    assert f"“{value}” for {name}" in error.value
    assert metric(at, "out shape") == "(5, 1, 6)" and metric(at, "h_n shape") == "(2, 1, 3)"
    assert at.text_input(key="bidirectional.sequence").value == "0.5, -1, 2, 0, 1.5"


def test_settings_survive_a_visit_to_another_page():
    at = app_test("app", lang="en").run().switch_page("pages/6_bidirectional.py").run()
    at.slider(key="bidirectional.hidden").set_value(2).run()
    at.text_input(key="bidirectional.sequence").set_value("1 2").run()
    at.switch_page("app.py").run()
    at.query_params.clear()  # as the sidebar's links do: only the language goes along
    at.query_params["lang"] = "en"
    at.switch_page("pages/6_bidirectional.py").run()
    assert not at.exception
    assert metric(at, "out shape") == "(2, 1, 4)"
