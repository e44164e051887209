"""The character language model page in AppTest: corpus, training, generation, bad input."""

import json

from conftest import app_test, run_until, shown_text

from rnnviz import corpus

POEM = "床前明月光，疑是地上霜。举头望明月，低头思故乡。\n" * 60  # 1,500 characters


def language_page(**query):
    return app_test("language", **query).run(timeout=60)


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def small_configuration(at):
    """A slice and a model small enough to train in a few seconds on a loaded machine."""
    at.number_input(key="language.max_tokens").set_value(2000).run()
    at.number_input(key="language.batch_size").set_value(8).run()
    at.number_input(key="language.num_steps").set_value(20).run()
    at.select_slider(key="language.hidden").set_value(64).run()
    at.slider(key="language.epochs").set_value(4).run()
    return at


def button_keys(at) -> list[str]:
    return [button.key for button in at.button]


def upload(at, name: str, data: bytes):
    at.radio(key="language.source").set_value("upload").run()
    at.file_uploader(key="language.upload").set_value((name, data, "text/plain"))
    return at.run()


def test_first_load_shows_every_stage_without_errors():
    at = language_page()
    assert not at.exception and not at.error
    text = shown_text(at)
    for header in ("The corpus", "Tokens and vocabulary", "Minibatches", "Training",
                   "Generating text", "Before training (random weights)"):
        assert header in text
    assert metric(at, "Vocabulary size") == "62"  # the first 10,000 characters of Hamlet
    assert metric(at, "Tokens (characters)") == "10,000"
    assert at.button(key="language_train") and at.button(key="language_stop")
    assert at.text_input(key="language.prefix")
    assert len(at.get("plotly_chart")) == 5  # frequencies, 2 batch layouts, labels, top-5


def test_chinese_interface():
    at = language_page(lang="zh")
    assert not at.exception
    assert at.title[0].value == "字符级语言模型"
    at.radio(key="language.source").set_value("shakespeare").run()
    assert "词表大小 62" in shown_text(at)


def test_the_chinese_interface_opens_on_chinese_text_with_a_prefix_it_holds():
    at = language_page(lang="zh")
    assert not at.exception and not at.error and not at.warning  # no <unk> in the prefix
    assert at.radio(key="language.source").value == "songci"
    assert at.selectbox(key="language.poet").value == corpus.DEFAULT_POET
    prefix = at.text_input(key="language.prefix").value
    text, _ = corpus.poet_corpus(corpus.DEFAULT_POET)
    used = text[:at.number_input(key="language.max_tokens").value]
    assert prefix == "明月" and prefix in used
    assert "明月几时有" in used  # 水调歌头, the best known ci
    assert at.text[0].value.startswith("水龙吟\n")  # the preview: tune name, then lines
    assert metric(at, "词元数（字符数）") == "10,000"
    assert int(metric(at, "词表大小").replace(",", "")) > 1000  # one token per character
    assert dict(at.query_params) == {"lang": "zh"}  # the default: a short link
    assert "点击下方框中的“上传”按钮" not in shown_text(at)  # only with the uploader
    assert at.radio(key="language.source").set_value("upload").run()
    assert "点击下方框中的“上传”按钮" in shown_text(at) and "2 MB" in shown_text(at)
    # The English interface keeps Shakespeare.
    english = language_page(lang="en")
    assert english.radio(key="language.source").value == "shakespeare"
    assert english.text_input(key="language.prefix").value == "The king "


def test_changing_the_corpus_adapts_the_prefix():
    at = language_page(lang="en")
    at.radio(key="language.source").set_value("songci").run()
    assert not at.exception and not at.warning
    assert at.text_input(key="language.prefix").value == "明月"
    assert at.query_params["prefix"] == "明月" and at.query_params["source"] == "songci"
    # A typed prefix the next text also has is kept.
    at.text_input(key="language.prefix").input("人间").run()
    at.selectbox(key="language.poet").set_value("辛弃疾").run()
    assert at.text_input(key="language.prefix").value == "人间" and not at.warning
    # One it lacks is replaced by one of its own words.
    at.radio(key="language.source").set_value("shakespeare").run()
    prefix = at.text_input(key="language.prefix").value
    assert prefix == "BERNARDO:" and prefix in corpus.play_corpus(corpus.DEFAULT_PLAY)[0]
    assert not at.warning
    at.selectbox(key="language.play").set_value("comedies/twelfth-night").run()
    prefix = at.text_input(key="language.prefix").value  # its first word: "DUKE "
    assert prefix != "BERNARDO:" and prefix in at.text[0].value and not at.warning
    # An uploaded text brings its own first word.
    upload(at, "静夜思.txt", POEM.encode("utf-8"))
    assert at.text_input(key="language.prefix").value == "床前" and not at.warning


def test_train_until_done_lowers_perplexity():
    at = small_configuration(language_page())
    at.button(key="language_train").click().run()
    run_until(at, lambda at: "Finished" in shown_text(at), timeout=120)
    start = float(metric(at, "Perplexity before training"))
    final = float(metric(at, "Perplexity"))
    assert final < 0.6 * start
    assert float(metric(at, "Tokens/s").replace(",", "")) > 0
    text = shown_text(at)
    assert "After 4 epochs of training" in text
    assert "Press Train above" not in text
    assert len(at.get("plotly_chart")) == 7  # plus the perplexity and gradient-norm curves
    assert "greedily after the prefix “The king ”" in text
    assert "[epoch   4] 'The king " in at.code[0].value
    # What is generated is no training setting: the samples and the text follow the prefix.
    at.text_input(key="language.prefix").input("HAMLET").run()
    at.slider(key="language.gen_length").set_value(30).run()
    text = shown_text(at)
    assert "The settings have changed" not in text and "After 4 epochs of training" in text
    assert "greedily after the prefix “HAMLET”" in text
    assert "[epoch   4] 'HAMLET" in at.code[0].value
    assert len(at.code[-1].value) == len("HAMLET") + 30
    assert "These results come from training on" not in text
    # Another slice of text has other indices: the trained model no longer applies to it,
    # and what is still shown of its run says which text it learned.
    at.number_input(key="language.max_tokens").set_value(3000).run()
    text = shown_text(at)
    assert "Press Train above" in text and "The settings have changed" in text
    assert ("These results come from training on the play Hamlet (its first 2,000 characters)"
            in text)
    at.radio(key="language.source").set_value("songci").run()
    text = shown_text(at)
    assert "Press Train above" in text
    assert "These results come from training on the play Hamlet" in text
    assert at.text_input(key="language.prefix").value == "明月"


def test_stop_keeps_the_model_of_the_last_whole_epoch():
    at = small_configuration(language_page())
    at.slider(key="language.epochs").set_value(200).run()
    at.button(key="language_train").click().run()
    run_until(at, lambda at: any(m.label == "Epoch" and m.value not in ("0", "–")
                                 for m in at.metric), timeout=60)
    at.button(key="language_stop").click().run()
    run_until(at, lambda at: "Stopped after" in shown_text(at), timeout=60)
    epoch = int(metric(at, "Epoch"))
    assert epoch < 200
    assert f"After {epoch} epochs of training" in shown_text(at)


def test_switching_to_sgd_suggests_the_textbook_learning_rate():
    at = language_page()
    assert at.number_input(key="language.lr").value == 0.01
    at.selectbox(key="language.optimizer").set_value("sgd").run()
    assert not at.exception
    assert at.number_input(key="language.lr").value == 1.0
    at.selectbox(key="language.optimizer").set_value("adam").run()
    assert at.number_input(key="language.lr").value == 0.01


def test_the_other_corpora_load():
    at = language_page()
    at.radio(key="language.source").set_value("pydocs").run()
    assert not at.exception and not at.error
    at.radio(key="language.source").set_value("shakespeare").run()
    at.selectbox(key="language.play").set_value("comedies/twelfth-night").run()
    assert not at.exception and not at.error
    assert "ORSINO:" in at.text[0].value


def test_a_chinese_upload_builds_its_vocabulary_and_flags_an_unknown_prefix():
    at = upload(language_page(), "静夜思.txt", POEM.encode("utf-8"))
    assert not at.exception and not at.error
    # 20 distinct characters (明, 月 and 头 repeat; ， 。 and the line break count) + <unk>
    assert metric(at, "Vocabulary size") == "21"
    assert metric(at, "Tokens (characters)") == "1,500"
    at.text_input(key="language.prefix").input("The 明月").run()
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "<unk>" in warning and "'T'" in warning


def test_bad_uploads_give_clear_messages():
    cases = {
        "empty.txt": (b"", "is empty"),
        "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8, "binary"),
        "latin1.txt": ("café crème brûlée ".encode("latin-1") * 30, "not UTF-8"),
        "big.txt": (b"a" * (2 * 1024 * 1024 + 10), "the limit is 2 MB"),
        "short.txt": (b"hello", "too short"),
    }
    at = language_page()
    for name, (data, message) in cases.items():
        upload(at, name, data)
        assert not at.exception, name
        errors = " ".join(e.value for e in at.error)
        assert message in errors and name in errors, (name, errors)
        assert "language_train" not in button_keys(at)  # nothing to train on


def test_a_corpus_shorter_than_one_batch_is_explained():
    at = language_page()
    at.number_input(key="language.max_tokens").set_value(500).run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "needs 1155" in errors and "500" in errors
    assert "language_train" not in button_keys(at)


def test_empty_prefix_is_explained():
    at = language_page()
    at.text_input(key="language.prefix").input("").run()
    assert not at.exception
    assert "Prefix:" in " ".join(e.value for e in at.error)


def widget_values(at) -> dict:
    widgets = ("number_input", "slider", "select_slider", "selectbox", "radio", "toggle",
               "text_input")
    return {w.key: w.value for kind in widgets for w in getattr(at, kind)
            if w.key and w.key.startswith("language.")}


def chart_specs(at) -> list:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_a_link_reopens_the_same_view():
    at = language_page()
    changes = [("selectbox", "language.play", "comedies/twelfth-night"),
               ("number_input", "language.max_tokens", 3000),
               ("slider", "language.top_n", 20),
               ("number_input", "language.batch_size", 8),
               ("number_input", "language.num_steps", 20),
               ("selectbox", "language.cell", "gru"),
               ("select_slider", "language.hidden", 64),
               ("selectbox", "language.optimizer", "sgd"),
               ("toggle", "language.clip_on", False),
               ("radio", "language.sampler", "random"),
               ("slider", "language.gen_length", 50),
               ("radio", "language.decoding", "sample"),
               ("slider", "language.temperature", 1.2)]
    for kind, key, value in changes:
        getattr(at, kind)(key=key).set_value(value).run()
    at.text_input(key="language.prefix").input("ORSINO: ").run()
    assert not at.exception and not at.error
    shown = widget_values(at)
    assert shown["language.lr"] == 1.0  # suggested for SGD
    link = dict(at.query_params)
    assert link["play"] == "comedies/twelfth-night" and link["prefix"] == "ORSINO: "
    fresh = language_page(**link)
    assert not fresh.exception and not fresh.error
    assert widget_values(fresh) == shown
    assert chart_specs(fresh) == chart_specs(at)
    assert shown_text(fresh) == shown_text(at)


def test_a_bad_value_in_a_link_is_named_and_the_default_used():
    at = language_page(hidden="banana", epochs="999", source="pydocs")
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "hidden" in errors and "banana" in errors and "epochs" in errors
    assert at.select_slider(key="language.hidden").value == 256
    assert at.slider(key="language.epochs").value == 30
    assert at.radio(key="language.source").value == "pydocs"  # the good values still count


def test_the_chosen_corpus_survives_a_language_switch_and_a_slider_move():
    at = upload(language_page(), "静夜思.txt", POEM.encode("utf-8"))
    assert metric(at, "Vocabulary size") == "21"
    assert "A link to this page keeps every setting but not your file" in shown_text(at)
    at.sidebar.selectbox(key="lang").set_value("zh").run()
    assert not at.exception and not at.error
    assert "词表大小 21" in shown_text(at)
    at.slider(key="language.top_n").set_value(10).run()
    at.slider(key="language.epochs").set_value(5).run()
    assert "词表大小 21" in shown_text(at)
    assert at.radio(key="language.source").value == "upload"
    # The file's widget may lose it (a visit to another page): the kept copy still counts.
    del at.session_state["language.upload"]
    at.run()
    assert "词表大小 21" in shown_text(at) and "静夜思.txt" in shown_text(at)
    # Removing the file forgets it.
    upload(at, "静夜思.txt", POEM.encode("utf-8"))
    at.file_uploader(key="language.upload").set_value(None).run()
    assert "language.uploaded" not in at.session_state
    at.radio(key="language.source").set_value("pydocs").run()
    at.sidebar.selectbox(key="lang").set_value("en").run()
    at.number_input(key="language.batch_size").set_value(16).run()
    assert at.radio(key="language.source").value == "pydocs"
    assert "Python" in shown_text(at) and not at.error


def test_the_curve_guide_states_the_perplexity_it_shows():
    """Issue 17: the line under the curves gives the perplexity before and after."""
    at = small_configuration(language_page())
    at.button(key="language_train").click().run()
    run_until(at, lambda at: "Finished" in shown_text(at), timeout=120)
    curve = next(spec for spec in chart_specs(at)
                 if spec["layout"].get("title", {}).get("text") == "Perplexity per epoch"
                 )["data"][-1]["y"]
    guide = next(c.value for c in at.caption if "here from" in c.value)
    assert f"here from {curve[0]:,.1f} to {curve[-1]:,.2f} at epoch 4" in guide
