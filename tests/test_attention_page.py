"""The attention page in AppTest: train on the course pairs, read the matrix, refuse bad input."""

from __future__ import annotations

import json

import pytest
from conftest import app_test, run_until, shown_text

from rnnviz import attention as att

EDITOR = "attention.edit_pairs"


def charts(at) -> dict[str, dict]:
    """Every chart by the start of its title."""
    out = {}
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        out[spec["layout"]["title"]["text"]] = spec
    return out


def chart(at, title_start: str) -> dict:
    return next(spec for title, spec in charts(at).items() if title.startswith(title_start))


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def finished(at) -> bool:
    return any(title.startswith("Attention matrix") for title in charts(at))


def trained_page(**query):
    at = app_test("attention", **query).run()
    at.button(key="attention_train").click().run()
    return run_until(at, finished, timeout=60)


def test_first_load_has_no_errors_and_every_widget_a_key():
    at = app_test("attention").run()
    assert not at.exception and not at.error
    text = shown_text(at)
    assert "Press Train" in text and "about **40 seconds**" in text
    assert at.button(key="attention_train") and at.button(key="attention_compare_train")
    for kind in ("text_input", "number_input", "radio", "button", "slider", "toggle",
                 "selectbox"):
        assert all(widget.key for widget in getattr(at, kind)), kind


def test_training_with_defaults_gets_the_course_pairs_right_and_rows_sum_to_one():
    at = trained_page()
    assert not at.exception and not at.error
    assert metric(at, "Pairs right (greedy)") == "100.0%"
    assert "**hello** → **hola** (right)" in shown_text(at)
    matrix = chart(at, "Attention matrix for “hello”")["data"][0]
    z = matrix["z"]
    assert len(z) == len("hola") + 1  # one row per output step: h o l a ⟨E⟩
    assert len(z[0]) == len("hello") + 1  # one column per input step: h e l l o ⟨E⟩
    for row in z:
        assert sum(row) == pytest.approx(1.0, abs=1e-5)
    live = chart(at, "Attention for “hello”")["data"][0]["z"]
    assert all(sum(row) == pytest.approx(1.0, abs=1e-5) for row in live)
    curves = chart(at, "Loss and exact-match")["data"]
    losses = curves[0]["y"]
    assert losses[-1] < 0.2 * losses[0]
    assert chart(at, "Context vector")["data"][0]["z"]  # units x output steps
    assert chart(at, "Decoder: the 5 most")["data"][0]["z"]


def test_typed_input_is_translated_and_unknown_characters_are_named():
    at = trained_page()
    at.text_input(key="attention.text").set_value("cat").run()
    assert not at.exception and "**cat** → **gato** (right)" in shown_text(at)
    assert chart(at, "Attention matrix for “cat”")["data"][0]["x"] == [1, 2, 3, 4]
    at.text_input(key="attention.text").set_value("xyz").run()
    assert not at.exception
    assert "the model never saw “xyz”" in at.error[0].value


def test_bad_pairs_name_the_row_and_column_and_disable_train():
    at = app_test("attention").run()
    at.session_state[EDITOR] = {"edited_rows": {1: {"target": "gato\tx"},
                                                2: {"word": "hello", "target": "hola"}},
                                "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("Row 2, Translation" in e for e in errors), errors
    assert any("Row 3, Input word: “hello” is the same pair as row 1" in e for e in errors)
    assert at.button(key="attention_train").disabled


def test_pinyin_and_chinese_pairs_train():
    at = app_test("attention", pairs="nǐ hǎo:你好,xièxie:谢谢").run()
    assert not at.exception and not at.error
    at.button(key="attention_train").click().run()
    at = run_until(at, finished, timeout=60)
    assert "**nǐ hǎo** → **你好** (right)" in shown_text(at)


def test_a_bad_value_in_the_link_names_the_parameter_and_uses_the_default():
    at = app_test("attention", score="banana", lengths="9-2").run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "score" in errors
    assert at.radio(key="attention.score").value == "additive"


def test_link_round_trip_keeps_settings_and_figures():
    at = app_test("attention").run()
    at.radio(key="attention.score").set_value("dot")
    at.radio(key="attention.cell").set_value("rnn")
    at.number_input(key="attention.hidden").set_value(32)
    at.session_state[EDITOR] = {"edited_rows": {}, "added_rows": [{"word": "dog",
                                                                   "target": "perro"}],
                                "deleted_rows": []}
    at.run()
    at.button(key="attention_train").click().run()
    at = run_until(at, finished, timeout=60)
    params = {name: at.query_params[name] for name in at.query_params}
    assert params["score"] == ["dot"] or params["score"] == "dot"
    fresh = app_test("attention", **{k: v[0] if isinstance(v, list) else v
                                     for k, v in params.items()}).run()
    assert not fresh.error
    assert fresh.radio(key="attention.score").value == "dot"
    assert fresh.radio(key="attention.cell").value == "rnn"
    assert fresh.number_input(key="attention.hidden").value == 32
    assert len(fresh.dataframe[0].value) == 4  # the added pair came through the link
    fresh.button(key="attention_train").click().run()
    fresh = run_until(fresh, finished, timeout=60)
    assert chart(fresh, "Attention matrix")["data"] == chart(at, "Attention matrix")["data"]


def test_reverse_task_shows_the_length_slider_and_the_anti_diagonal_marks():
    at = app_test("attention", task="reverse", lengths="3-5").run()
    assert not at.exception and not at.error
    assert at.slider(key="attention.lengths").value == (3, 5)
    assert "backwards" in shown_text(at)


def test_request_rejects_a_bad_field_by_name_and_equal_requests_hash_equal():
    with pytest.raises(ValueError, match="score"):
        att.AttentionRequest(score="cosine")
    with pytest.raises(ValueError, match="max_len"):
        att.AttentionRequest(task="reverse", min_len=9, max_len=3)
    one = att.AttentionRequest(task="reverse", min_len=3, max_len=8, hidden=32)
    two = att.AttentionRequest(task="reverse", min_len=3, max_len=8, hidden=32)
    assert one == two and hash(one) == hash(two)
