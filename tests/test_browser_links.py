"""Links in a real browser: a link opens the exact view, and a language switch or a visit
to another page changes no setting (AppTest never runs the browser, which keeps a choice
by the label it last showed)."""

import pytest
from conftest import wait_for_app

pytestmark = pytest.mark.browser


def chosen(page, label: str) -> str:
    """The shown value of the select box labelled `label`."""
    return page.get_by_role("combobox", name=label).input_value().strip()


def test_a_link_survives_a_language_switch_a_visit_and_a_fresh_browser(server_url, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    tab = context.new_page()
    tab.goto(f"{server_url}/sine?lang=zh&cell=lstm&seed=3")
    tab.get_by_text("正弦波预测").first.wait_for(timeout=60_000)
    wait_for_app(tab)
    assert chosen(tab, "循环单元") == "LSTM"
    sidebar = tab.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("combobox").click()
    tab.get_by_role("option", name="English").click()
    tab.get_by_text("Sine-wave forecast").first.wait_for(timeout=60_000)
    wait_for_app(tab)
    seed = tab.get_by_label("Random seed", exact=True)
    seed.fill("4")
    seed.press("Enter")
    wait_for_app(tab)
    assert chosen(tab, "Recurrent cell") == "LSTM"  # not back to the first option after the switch
    sidebar.get_by_role("link", name="Layer APIs and shapes").click()
    tab.get_by_text("Layer APIs and shapes").first.wait_for(timeout=60_000)
    wait_for_app(tab)
    assert "lang=en" in tab.url
    sidebar.get_by_role("link", name="Sine-wave forecast").click()
    tab.get_by_label("Random seed", exact=True).wait_for(timeout=60_000)
    wait_for_app(tab)
    assert chosen(tab, "Recurrent cell") == "LSTM"
    assert tab.get_by_label("Random seed", exact=True).input_value() == "4"
    link = tab.url
    assert "cell=lstm" in link and "seed=4" in link and "lang=en" in link
    context.close()

    fresh = browser.new_context(viewport={"width": 1400, "height": 1800})
    other = fresh.new_page()
    other.goto(link)
    other.get_by_label("Random seed", exact=True).wait_for(timeout=60_000)
    wait_for_app(other)
    assert chosen(other, "Recurrent cell") == "LSTM"
    assert other.get_by_label("Random seed", exact=True).input_value() == "4"
    fresh.close()


def test_home_in_chinese_opens_a_page_in_chinese(server_url, page):
    page.goto(f"{server_url}/?lang=zh")
    wait_for_app(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("link", name="门控单元：LSTM 与 GRU").click()
    page.get_by_text("门控单元").first.wait_for(timeout=60_000)
    wait_for_app(page)
    assert "lang=zh" in page.url
    assert "门控单元" in page.locator("h1").first.inner_text()
