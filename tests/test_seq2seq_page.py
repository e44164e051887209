"""The encoder-decoder page in AppTest: train, translate, look inside, refuse bad input."""

from __future__ import annotations

import json

import pytest
from conftest import app_test, run_until, shown_text

EDITOR = "seq2seq.edit_pairs"  # the pairs editor


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def chart(at, title_start: str) -> dict:
    return next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                if json.loads(c.proto.spec)["layout"]["title"]["text"].startswith(title_start))


def finished(at) -> bool:
    """The run is over and the page below it drawn (the pairs editor is dataframe 0, the
    translations of the training pairs dataframe 1)."""
    return len(at.dataframe) >= 2


def trained_page(**query):
    at = app_test("seq2seq", **query).run()
    at.button(key="seq2seq_train").click().run()
    return run_until(at, finished, timeout=60)


def test_first_load_explains_the_task_without_errors():
    at = app_test("seq2seq").run()
    assert not at.exception and not at.error
    text = shown_text(at)
    assert "the encoder reads `helloE`, the decoder is fed `Shola?` and must write `hola?E`" \
        in text
    assert "Press Train:" in text and not at.get("plotly_chart")
    assert at.button(key="seq2seq_train") and at.button(key="seq2seq_stop")
    for kind in ("text_input", "number_input", "radio", "button"):
        assert all(widget.key for widget in getattr(at, kind)), kind


def test_training_translates_all_pairs_and_shows_the_inside_of_a_translation():
    at = trained_page()
    assert not at.exception and not at.error
    assert metric(at, "Pairs right (greedy)") == "3 / 3"
    final = float(metric(at, "Final loss"))
    losses = chart(at, "Training loss")["data"][0]["y"]
    assert losses[-1] == pytest.approx(final, rel=1e-2)
    assert losses[-1] < 0.2 * losses[0]
    table = at.dataframe[1].value  # the translations of the training pairs
    assert list(table["Greedy decoding"]) == ["hola", "gato", "bueno"]
    assert list(table["Correct"]) == ["✓"] * 3
    assert "**hello** → **hola**" in shown_text(at)
    encoder = chart(at, "Encoder hidden state")["data"][0]
    assert len(encoder["z"]) == 128 and len(encoder["z"][0]) == 6  # units x "helloE"
    assert encoder["x"] == ["1: h", "2: e", "3: l", "4: l", "5: o", "6: E"]  # both l's kept
    decoder = chart(at, "Decoder: probability")["data"]
    assert len(decoder[0]["z"]) == 29 and len(decoder[0]["z"][0]) == 6  # symbols x "hola?E"
    assert decoder[1]["y"] == list("hola?E")  # the rings mark what greedy decoding wrote
    context = chart(at, "Context vector")["data"][0]
    assert context["y"] == pytest.approx([row[-1] for row in encoder["z"]], abs=1e-6)


def test_word_box_translates_another_word_and_refuses_bad_words():
    at = trained_page()
    at.text_input(key="seq2seq.word").set_value("cat").run()
    assert "**cat** → **gato**" in shown_text(at)
    assert chart(at, "Encoder hidden state")["data"][0]["x"] == [
        "1: c", "2: a", "3: t", "4: ?", "5: ?", "6: E"]
    at.text_input(key="seq2seq.word").set_value("dog").run()
    assert not at.exception and "**dog** →" in shown_text(at)
    assert "not a training word" in shown_text(at)
    at.text_input(key="seq2seq.word").set_value("Dog!").run()
    assert not at.exception
    assert "Word to translate: “Dog!” may contain only lowercase letters a–z." in \
        at.error[0].value
    at.text_input(key="seq2seq.word").set_value("helloworld").run()  # longer than any training word
    assert not at.error and "**helloworld** →" in shown_text(at)
    assert "more than the 5 of every training word" in shown_text(at)
    assert chart(at, "Encoder hidden state")["data"][0]["x"][-1] == "11: E"  # read unpadded
    at.text_input(key="seq2seq.word").set_value("abcdefghijk").run()
    assert "has 11 letters; at most 10 are allowed" in at.error[0].value
    assert "Translations of the training pairs" in shown_text(at)  # the rest still works


def test_bad_pairs_give_errors_naming_row_and_column():
    at = app_test("seq2seq").run()
    at.session_state[EDITOR] = {"edited_rows": {1: {"word": "Cat"}, 2: {"target": "buenisimooo"}},
                                 "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert "Row 2, English word: “Cat” may contain only lowercase letters a–z." in errors
    assert "Row 3, Translation: “buenisimooo” has 11 letters; at most 10 are allowed." \
        in errors
    assert at.button(key="seq2seq_train").disabled


def test_too_many_pairs_or_a_half_filled_row_are_refused():
    at = app_test("seq2seq").run()
    extra = [{"word": letter, "target": letter} for letter in "abcdefghijklmnopqr"]  # 3 + 18
    at.session_state[EDITOR] = {"edited_rows": {}, "added_rows": extra, "deleted_rows": []}
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Training pairs: 21 pairs is too many; at most 20 are allowed."]
    assert at.button(key="seq2seq_train").disabled
    at.session_state[EDITOR] = {"edited_rows": {}, "added_rows": [{"word": "dog"}],
                                 "deleted_rows": []}
    at.run()
    assert [e.value for e in at.error] == ["Row 4, Translation: the cell is empty."]
    assert at.button(key="seq2seq_train").disabled
    at.session_state[EDITOR] = {"edited_rows": {2: {"word": "cat"}}, "added_rows": [],
                                 "deleted_rows": []}
    at.run()
    assert [e.value for e in at.error] == [
        "Row 3, English word: “cat” is already in row 2 with another translation; greedy "
        "decoding writes one word per input, so it could never get both right."]


def test_edited_pairs_are_learned():
    at = app_test("seq2seq").run()
    at.session_state[EDITOR] = {"edited_rows": {}, "added_rows": [{"word": "dog",
                                                                    "target": "perro"}],
                                 "deleted_rows": [0, 2]}
    at.run()
    assert not at.error
    at.button(key="seq2seq_train").click().run()
    at = run_until(at, finished, timeout=60)
    table = at.dataframe[1].value
    assert list(table["English word"]) == ["cat", "dog"]
    assert list(table["Greedy decoding"]) == ["gato", "perro"]


def test_chinese_page():
    at = trained_page(lang="zh")
    assert not at.exception
    assert at.title[0].value.startswith("编码器-解码器")
    assert metric(at, "最终损失")
    at.text_input(key="seq2seq.word").set_value("HI").run()
    assert "只能包含小写字母" in at.error[0].value


def test_stop_keeps_the_model_as_last_saved():
    at = app_test("seq2seq").run()
    at.radio(key="seq2seq.recipe").set_value("spec").run()
    assert "5000 epochs, no early stop" in shown_text(at)
    at.button(key="seq2seq_train").click().run()
    at = run_until(at, lambda a: any(m.label == "Epochs trained" and int(m.value) > 60
                                     for m in a.metric), timeout=60)
    at.button(key="seq2seq_stop").click().run()
    at = run_until(at, lambda a: "Stopped after" in shown_text(a), timeout=30)
    at = run_until(at, finished, timeout=30)
    trained = int(metric(at, "Epochs trained"))
    assert 60 < trained < 5000
    assert "Training was stopped: below is the model as saved at epoch" in shown_text(at)
    assert at.dataframe[1].value.shape == (3, 5) and "**hello** →" in shown_text(at)


def test_a_link_reopens_the_same_pairs_settings_and_figures():
    at = app_test("seq2seq").run()
    at.session_state[EDITOR] = {"edited_rows": {0: {"target": "ola"}},
                                "added_rows": [{"word": "dog", "target": "perro"}],
                                "deleted_rows": [2]}
    at.run()
    at.number_input(key="seq2seq.hidden").set_value(64).run()
    at.number_input(key="seq2seq.seed").set_value(2).run()
    at.button(key="seq2seq_train").click().run()
    at = run_until(at, finished, timeout=60)
    at.text_input(key="seq2seq.word").set_value("dog").run()
    link = dict(at.query_params)
    assert link == {"lang": "en", "pairs": "hello:ola,cat:gato,dog:perro", "hidden": "64",
                    "seed": "2", "word": "dog"}
    fresh = app_test("seq2seq", **link).run()
    assert not fresh.error
    assert list(fresh.dataframe[0].value["word"]) == ["hello", "cat", "dog"]
    assert list(fresh.dataframe[0].value["target"]) == ["ola", "gato", "perro"]
    assert fresh.number_input(key="seq2seq.hidden").value == 64
    assert fresh.number_input(key="seq2seq.seed").value == 2
    assert fresh.radio(key="seq2seq.recipe").value == "fast"
    fresh.button(key="seq2seq_train").click().run()
    fresh = run_until(fresh, finished, timeout=60)
    assert fresh.text_input(key="seq2seq.word").value == "dog"
    assert [c.proto.spec for c in fresh.get("plotly_chart")] == \
        [c.proto.spec for c in at.get("plotly_chart")]
    assert fresh.dataframe[1].value.equals(at.dataframe[1].value)


def test_a_bad_value_in_a_link_is_named_and_the_default_used():
    at = app_test("seq2seq", pairs="banana", hidden="banana", recipe="slow").run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    for name in ("pairs", "hidden", "recipe"):
        assert f"for {name} (" in errors, (name, errors)
    assert list(at.dataframe[0].value["word"]) == ["hello", "cat", "good"]
    assert at.number_input(key="seq2seq.hidden").value == 128
    assert at.radio(key="seq2seq.recipe").value == "fast"
    assert not at.button(key="seq2seq_train").disabled
    # The word box appears with the trained model: its link value is read (and refused) then.
    at = app_test("seq2seq", word="Dog!").run()
    errors = []

    def done(at) -> bool:
        errors.extend(e.value for e in at.error)
        return finished(at)

    if not done(at.button(key="seq2seq_train").click().run()):
        at = run_until(at, done, timeout=60)
    assert any("for word (Word to translate)" in e for e in errors), errors
    assert at.text_input(key="seq2seq.word").value == "hello"
    assert "**hello** → **hola**" in shown_text(at)


def test_edited_pairs_outlive_a_visit_to_another_page():
    at = app_test("app").run()
    at.switch_page("pages/5_seq2seq.py").run()
    at.session_state[EDITOR] = {"edited_rows": {}, "added_rows": [{"word": "dog",
                                                                    "target": "perro"}],
                                "deleted_rows": []}
    at.run()
    at.number_input(key="seq2seq.hidden").set_value(64).run()
    at.switch_page("pages/4_sine.py").run()
    assert not at.exception and EDITOR not in at.session_state
    at.switch_page("pages/5_seq2seq.py").run()
    assert not at.exception
    assert list(at.dataframe[0].value["word"]) == ["hello", "cat", "good", "dog"]
    assert at.number_input(key="seq2seq.hidden").value == 64
