"""The translation layer and the completeness of every string table."""

import importlib
import pkgutil
import re

import pytest

import ui.text
from ui.i18n import Translator, merge

CJK = re.compile(r"[\u4e00-\u9fff]")
TABLES = [
    importlib.import_module(f"ui.text.{info.name}")
    for info in pkgutil.iter_modules(ui.text.__path__)
]


def test_translator_picks_the_language_and_fills_placeholders():
    strings = {"greet": ("Hello {name}", "你好 {name}")}
    assert Translator(strings, "en")("greet", name="Ada") == "Hello Ada"
    assert Translator(strings, "zh")("greet", name="Ada") == "你好 Ada"


def test_unknown_language_names_the_choices():
    with pytest.raises(ValueError, match="en"):
        Translator({}, "fr")


def test_a_key_defined_twice_is_refused():
    with pytest.raises(KeyError):
        merge({"a": ("x", "y")}, {"a": ("x", "y")})


@pytest.mark.parametrize("table", TABLES, ids=lambda m: m.__name__)
def test_every_string_has_both_languages(table):
    for key, pair in table.STRINGS.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        english, chinese = pair
        assert english.strip() and chinese.strip(), key
        # Same placeholders in both, so neither language can crash on format().
        assert set(re.findall(r"{(\w+)", english)) == set(re.findall(r"{(\w+)", chinese)), key


@pytest.mark.parametrize("table", TABLES, ids=lambda m: m.__name__)
def test_chinese_is_actually_translated(table):
    untranslated = [
        key for key, (english, chinese) in table.STRINGS.items()
        if key not in getattr(table, "SAME_IN_BOTH", ())
        and english == chinese
        and re.search(r"[A-Za-z]{4,}", english)
        and not CJK.search(chinese)
        and " " in english
    ]
    assert not untranslated, f"Chinese equals English for {untranslated}"


def test_page_tables_do_not_clash_with_the_common_table():
    from ui.text import common

    for table in TABLES:
        if table is not common:
            merge(common.STRINGS, table.STRINGS)


def all_strings():
    """Every shown string of every table (the editors' table lives in ui/editors.py)."""
    import ui.editors
    for table in [*TABLES, ui.editors]:
        for key, pair in getattr(table, "STRINGS", {}).items():
            yield table.__name__, key, pair


def test_our_word_spec_is_never_shown():
    """"SPEC" is the developers' word: a page says what it is (the course material's example)."""
    shown = [(name, key) for name, key, pair in all_strings() for text in pair
             if re.search(r"\bSPEC\b", text)]
    assert not shown, shown


# ASCII punctuation right after a Chinese character (where Chinese uses ：，（）；！？).
ASCII_AFTER_CJK = re.compile(r"[\u4e00-\u9fff][:,;!?(]")


def test_chinese_strings_use_chinese_punctuation():
    bad = [(name, key, chinese) for name, key, (_, chinese) in all_strings()
           if ASCII_AFTER_CJK.search(chinese)]
    assert not bad, bad
