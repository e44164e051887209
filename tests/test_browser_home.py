"""The home page in a real browser: it renders, and the language sticks in the URL."""

import pytest
from conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser


def test_home_renders_in_chromium(server_url, page):
    page.goto(f"{server_url}/?lang=zh")
    wait_for_app(page)
    assert "循环神经网络" in page.locator("h1").first.inner_text()
    assert "lang=zh" in page.url
    screenshot(page, "home")
