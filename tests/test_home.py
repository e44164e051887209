"""The home page in both languages."""

from conftest import app_test, shown_text

from ui.catalog import PAGES
from ui.i18n import Translator
from ui.text import common


def test_home_runs_and_lists_a_card_per_page():
    at = app_test("app").run()
    assert not at.exception
    assert at.title[0].value.startswith("rnnviz")
    tr = Translator(common.STRINGS, "en")
    cards = [m.value for m in at.markdown if m.value.startswith("### ")]
    assert sorted(card.splitlines()[0] for card in cards) == sorted(
        f"### {tr(f'nav.{p.slug}')}" for p in PAGES)


def test_home_in_chinese_from_the_url():
    at = app_test("app", lang="zh").run()
    assert not at.exception
    assert "循环神经网络" in at.title[0].value
    assert "怎么看" in shown_text(at)
    assert at.query_params["lang"] == "zh"


def test_choosing_a_language_is_written_to_the_url():
    at = app_test("app").run()
    at.selectbox(key="lang").set_value("zh").run()
    assert "循环神经网络" in at.title[0].value
    assert at.query_params["lang"] == "zh"
