"""The encoder-decoder page in AppTest: train, translate, look inside, refuse bad input;
pairs of any characters (pinyin, Chinese) with the alphabet built from them."""

from __future__ import annotations

import json
import re

import pytest
from conftest import app_test, run_until, shown_text

from ui.text import common
from ui.text import seq2seq as strings

EDITOR = "seq2seq.edit_pairs"  # the pairs editor
PINYIN = (("ni hao", "hello"), ("xie xie", "thanks"), ("zai jian", "bye"))
STALE = common.STRINGS["status.settings_changed"]  # (English, Chinese)


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
    assert "Alphabet (29 symbols, the course material's): **S** = start, **E** = end" in text
    assert "the encoder reads `helloE`, the decoder is fed `Shola?` and must write `hola?E`" \
        in text
    assert at.code[0].value.startswith("encoder: nn.RNN(29, 128)")
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
    assert at.error[0].value == ("Word to translate: “Dog!” has characters the network's "
                                 "alphabet does not have: “D”, “!”.")
    at.text_input(key="seq2seq.word").set_value("helloworld").run()  # longer than any training word
    assert not at.error and "**helloworld** →" in shown_text(at)
    assert "more than the 5 of every training word" in shown_text(at)
    assert chart(at, "Encoder hidden state")["data"][0]["x"][-1] == "11: E"  # read unpadded
    at.text_input(key="seq2seq.word").set_value("abcdefghijk").run()
    assert "has 11 characters; at most 10 are allowed" in at.error[0].value
    assert "Translations of the training pairs" in shown_text(at)  # the rest still works


def test_bad_pairs_give_errors_naming_row_and_column():
    at = app_test("seq2seq").run()
    at.session_state[EDITOR] = {"edited_rows": {0: {"target": "ho\tla"}, 1: {"word": "c␃t"},
                                                2: {"target": "buenisimooo"}},
                                 "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert "Row 1, Translation: “ho\tla” contains a tab, a line break or another character " \
        "that cannot be shown." in errors
    assert "Row 2, Word: “c␃t” contains ␂, ␃ or ␀, which the network keeps for its start, " \
        "end and padding symbols." in errors
    assert "Row 3, Translation: “buenisimooo” has 11 characters; at most 10 are allowed." \
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
        "Row 3, Word: “cat” is already in row 2 with another translation; greedy "
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
    assert list(table["Word"]) == ["cat", "dog"]
    assert list(table["Greedy decoding"]) == ["gato", "perro"]


def test_chinese_page():
    at = trained_page(lang="zh")
    assert not at.exception
    assert at.title[0].value.startswith("编码器-解码器")
    assert metric(at, "最终损失")
    at.text_input(key="seq2seq.word").set_value("HI").run()
    assert at.error[0].value == "要翻译的单词：“HI”中有网络字母表里没有的字符：“H”、“I”。"


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
    at.switch_page("views/5_seq2seq.py").run()
    at.session_state[EDITOR] = {"edited_rows": {}, "added_rows": [{"word": "dog",
                                                                    "target": "perro"}],
                                "deleted_rows": []}
    at.run()
    at.number_input(key="seq2seq.hidden").set_value(64).run()
    at.switch_page("views/4_sine.py").run()
    assert not at.exception and EDITOR not in at.session_state
    at.switch_page("views/5_seq2seq.py").run()
    assert not at.exception
    assert list(at.dataframe[0].value["word"]) == ["hello", "cat", "good", "dog"]
    assert at.number_input(key="seq2seq.hidden").value == 64


# --- Issue 19: pairs of any characters, the run not stale after a language switch ---------

def set_pairs(at, pairs) -> None:
    """Type `pairs` over the table's three rows."""
    at.session_state[EDITOR] = {
        "edited_rows": {i: {"word": w, "target": t} for i, (w, t) in enumerate(pairs)},
        "added_rows": [], "deleted_rows": []}
    at.run()


def test_pinyin_pairs_get_their_own_alphabet_train_to_all_right_and_travel_in_a_link():
    at = trained_page()
    at.text_input(key="seq2seq.word").set_value("cat").run()
    set_pairs(at, PINYIN)
    assert not at.error
    text = shown_text(at)
    assert "Alphabet (19 symbols, built from the pairs): **S** = start, **E** = end, **?** = " \
        "padding, then the 16 characters of the pairs: `␣ a b e h i j k l n o s t x y z`." in text
    assert "For ni hao → hello the encoder reads `ni hao??E`, the decoder is fed `Shello???` " \
        "and must write `hello???E`." in text
    assert at.code[0].value.startswith("encoder: nn.RNN(19, 128)")
    at.button(key="seq2seq_train").click().run()
    at = run_until(at, lambda a: finished(a) and "ni hao" in a.dataframe[1].value["Word"].values,
                   timeout=60)
    assert not at.error
    assert metric(at, "Pairs right (greedy)") == "3 / 3"
    assert list(at.dataframe[1].value["Greedy decoding"]) == ["hello", "thanks", "bye"]
    # The word box held "cat", which this alphabet cannot read: Train put the first word in.
    assert at.text_input(key="seq2seq.word").value == "ni hao"
    assert "**ni hao** → **hello**" in shown_text(at)
    encoder = chart(at, "Encoder hidden state")["data"][0]
    assert encoder["x"] == ["1: n", "2: i", "3: ␣", "4: h", "5: a", "6: o", "7: ?", "8: ?",
                            "9: E"]
    decoder = chart(at, "Decoder: probability")["data"]
    assert len(decoder[0]["z"]) == 19 and decoder[1]["y"] == list("hello???E")
    at.text_input(key="seq2seq.word").set_value("你好 hao").run()
    assert [e.value for e in at.error] == [
        "Word to translate: “你好 hao” has characters the network's alphabet does not have: "
        "“你”, “好”."]
    at.text_input(key="seq2seq.word").set_value("xie xie").run()
    assert "**xie xie** → **thanks**" in shown_text(at)
    link = dict(at.query_params)
    assert link == {"lang": "en", "pairs": "ni hao:hello,xie xie:thanks,zai jian:bye",
                    "word": "xie xie"}
    fresh = app_test("seq2seq", **link).run()
    assert not fresh.error and fresh.markdown[0].value == at.markdown[0].value
    assert list(fresh.dataframe[0].value["word"]) == [w for w, _ in PINYIN]
    fresh.button(key="seq2seq_train").click().run()
    fresh = run_until(fresh, finished, timeout=60)
    assert fresh.text_input(key="seq2seq.word").value == "xie xie"
    assert [c.proto.spec for c in fresh.get("plotly_chart")] == \
        [c.proto.spec for c in at.get("plotly_chart")]


def test_chinese_characters_and_separators_travel_in_a_link():
    pairs = (("hello", "你好"), ("a,b", "c:d 50%"), ("%3A", "谢谢！"))
    at = app_test("seq2seq", lang="zh").run()
    set_pairs(at, pairs)
    assert not at.error
    link = dict(at.query_params)
    assert link["pairs"] == "hello:你好,a%2Cb:c%3Ad 50%25,%253A:谢谢！"
    fresh = app_test("seq2seq", **link).run()
    assert not fresh.error
    assert list(zip(fresh.dataframe[0].value["word"], fresh.dataframe[0].value["target"],
                    strict=True)) == list(pairs)
    assert "字母表（23 个符号，由词对生成）" in fresh.markdown[0].value
    assert fresh.markdown[0].value == at.markdown[0].value


def test_a_language_switch_does_not_mark_the_run_out_of_date():
    at = app_test("seq2seq").run()
    at.session_state[EDITOR] = {"edited_rows": {}, "added_rows": [{"word": "dog",
                                                                    "target": "perro"}],
                                "deleted_rows": []}
    at.run()
    at.number_input(key="seq2seq.hidden").set_value(64).run()
    at.button(key="seq2seq_train").click().run()
    at = run_until(at, finished, timeout=60)
    table = at.dataframe[1].value
    for lang, stale in (("zh", STALE[1]), ("en", STALE[0])):
        at.sidebar.selectbox(key="lang").set_value(lang).run()
        assert not at.exception and not at.error
        assert stale not in shown_text(at), lang
        assert list(at.dataframe[0].value["word"]) == ["hello", "cat", "good", "dog"]  # kept
        assert at.number_input(key="seq2seq.hidden").value == 64
        assert at.dataframe[1].value.shape == table.shape  # the run is still on show
        at.run()  # and stays so on the next rerun
        assert stale not in shown_text(at), lang
    at.number_input(key="seq2seq.hidden").set_value(32).run()  # a real change still says so
    assert STALE[0] in shown_text(at)


def test_while_a_run_trains_the_page_says_so():
    at = app_test("seq2seq").run()
    at.radio(key="seq2seq.recipe").set_value("spec").run()  # 5000 epochs: seconds
    at.button(key="seq2seq_train").click().run()
    assert "Training: the translations of the training pairs" in shown_text(at)
    assert "Press Train: the model has not been trained yet." not in shown_text(at)
    at.sidebar.selectbox(key="lang").set_value("zh").run()
    assert "正在训练" in shown_text(at) and "模型还没有训练" not in shown_text(at)
    assert STALE[1] not in shown_text(at)
    at.button(key="seq2seq_stop").click().run()
    at = run_until(at, finished, timeout=30)


def test_no_course_jargon_and_chinese_punctuation_in_chinese():
    """'SPEC' is the developers' word: never shown, in either language. Chinese strings use
    Chinese punctuation (placeholders, code and model code aside)."""
    for key, (english, chinese) in strings.STRINGS.items():
        assert "SPEC" not in english + chinese, key
        if key in strings.SAME_IN_BOTH:
            continue
        bare = re.sub(r"`[^`]*`|\{\w+\}", "", chinese)
        assert not re.search(r"[,;:!()]", bare), (key, chinese)
    for lang in ("en", "zh"):
        at = trained_page(lang=lang)
        shown = [shown_text(at), *(c.value for c in at.code)]
        for kind in ("radio", "number_input", "text_input", "button"):
            for widget in getattr(at, kind):
                shown += [str(widget.label), str(widget.help or "")]
        shown += [str(o) for o in at.radio(key="seq2seq.recipe").options]
        shown += [json.loads(c.proto.spec)["layout"]["title"]["text"]
                  for c in at.get("plotly_chart")]
        shown += [" ".join(map(str, d.value.columns)) for d in at.dataframe]
        assert not [text for text in shown if "SPEC" in text], lang


def test_pairs_that_use_s_e_or_question_marks_show_other_special_symbols():
    at = app_test("seq2seq").run()
    set_pairs(at, (("Shanghai", "上海"), ("Beijing", "北京"), ("what?", "什么？")))
    assert not at.error
    text = at.markdown[0].value
    assert "Starting from the start symbol **␂**" in text and "end symbol **␃**" in text
    assert "**␂** = start, **␃** = end, **␀** = padding" in text
    assert "For Shanghai → 上海 the encoder reads `Shanghai␃`, the decoder is fed " \
        "`␂上海␀␀␀␀␀␀` and must write `上海␀␀␀␀␀␀␃`." in text


def test_the_reading_guides_state_the_numbers_of_their_figures():
    """Issue 17: the loss curve's guide gives its last loss; the word's, its least sure letter."""
    at = trained_page()
    losses = chart(at, "Training loss")["data"][0]["y"]
    guide = next(c.value for c in at.caption if "pairs right" in c.value)
    assert f"loss {losses[-1]:.2e} at epoch {len(losses)}, 3 of 3 pairs right" in guide
    least = min(chart(at, "Decoder")["data"][1]["customdata"])  # of the symbols written
    guide = next(c.value for c in at.caption if "least sure" in c.value)
    assert f"p = {round(least, 2)}" in guide
