"""The sine-wave page in a real browser: train, press Play, see the forecast advance, screenshot."""

import time

import pytest
from conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser

# The free-running forecast is trace 3 of the chart that holds a heatmap.
FORECAST_POINTS = """() => {
    const plot = Array.from(document.querySelectorAll('.js-plotly-plot'))
        .find(el => el.data && el.data.some(t => t.type === 'heatmap'));
    return plot ? plot.data[3].x.length : -1;
}"""
FRAME_COUNT = """() => {
    const plot = Array.from(document.querySelectorAll('.js-plotly-plot'))
        .find(el => el.data && el.data.some(t => t.type === 'heatmap'));
    return plot && plot._transitionData ? plot._transitionData._frames.length : -1;
}"""

# The hidden-state heatmap is drawn as an <image> in plotly's heatmap layer.
HEATMAP_IMAGES = "() => document.querySelectorAll('.js-plotly-plot g.hm image').length"

TRAIN = {"en": "Train", "zh": "训练"}


def train_and_wait(page, server_url: str, lang: str) -> None:
    page.goto(f"{server_url}/sine?lang={lang}")
    page.set_viewport_size({"width": 1400, "height": 2600})
    train = page.get_by_role("button", name=TRAIN[lang], exact=True)
    train.wait_for(timeout=60_000)
    wait_for_app(page)
    train.click()
    page.wait_for_function(f"({FORECAST_POINTS})() > 0", timeout=90_000)
    wait_for_app(page)


def test_play_advances_the_forecast_and_saves_screenshots(server_url, page):
    train_and_wait(page, server_url, "en")
    assert "Forecast MSE, window [1, 11]" in page.inner_text("body")
    assert page.evaluate(FRAME_COUNT) == 49
    assert page.evaluate(FORECAST_POINTS) == 49  # it opens on the finished forecast
    assert page.evaluate(HEATMAP_IMAGES) == 1

    page.locator(".updatemenu-button").first.click()  # ▶ restarts from step 1
    page.wait_for_function(f"({FORECAST_POINTS})() < 49", timeout=10_000)
    early = page.evaluate(FORECAST_POINTS)
    deadline = time.monotonic() + 15
    later = early
    while later <= early and time.monotonic() < deadline:
        time.sleep(0.2)
        later = page.evaluate(FORECAST_POINTS)
    assert early < later, "the forecast did not advance after Play"
    page.wait_for_function(f"({FORECAST_POINTS})() === 49", timeout=20_000)
    assert page.evaluate(HEATMAP_IMAGES) == 1, "the hidden-state heatmap vanished during Play"
    assert screenshot(page, "sine").stat().st_size > 50_000

    # The horizon is a number within its limits (no text box with a character counter),
    # lives in the forecast's own fragment, and in the link too.
    assert page.get_by_role("textbox", name="Forecast horizon (steps)").count() == 0
    horizon = page.get_by_role("spinbutton", name="Forecast horizon (steps)")
    assert (horizon.get_attribute("min"), horizon.get_attribute("max")) == ("1", "300")
    horizon.fill("60")
    horizon.press("Enter")
    page.wait_for_function("() => window.location.search.includes('horizon=60')",
                           timeout=30_000)
    page.wait_for_function(f"({FORECAST_POINTS})() === 60", timeout=30_000)


def test_chinese_page_screenshot(server_url, page):
    train_and_wait(page, server_url, "zh")
    body = page.inner_text("body")
    assert "预测 MSE（窗口 [1, 11]）" in body and "SPEC" not in body
    assert screenshot(page, "sine_zh").stat().st_size > 50_000


def test_a_link_opens_its_settings_and_changes_go_into_the_link(server_url, page):
    page.goto(f"{server_url}/sine?lang=en&cell=gru&hidden=12&recipe=reference")
    page.get_by_role("button", name="Train", exact=True).wait_for(timeout=60_000)
    wait_for_app(page)
    body = page.inner_text("body")
    assert "GRU(input_size=1, hidden_size=12" in body and "6000 iterations" in body
    hidden = page.get_by_role("textbox", name="Hidden size")
    assert hidden.input_value() == "12"
    # Not in the link: the recipe's own value.
    assert page.get_by_role("textbox", name="Iterations").input_value() == "6000"
    hidden.fill("20")
    hidden.press("Enter")
    page.wait_for_function("() => window.location.search.includes('hidden=20')",
                           timeout=30_000)
    assert "cell=gru" in page.url and "recipe=reference" in page.url


# The warm-up points: the trace of that name in the chart that holds a heatmap.
WARM_UP_POINTS = """() => {
    const plot = Array.from(document.querySelectorAll('.js-plotly-plot'))
        .find(el => el.data && el.data.some(t => t.type === 'heatmap'));
    const read = plot && plot.data.find(t => (t.name || '').startsWith('Warm-up'));
    return read ? read.x.length : -1;
}"""


def test_a_forecast_from_another_phase_after_a_warm_up(server_url, page):
    """Issue 19: from t = 6 the network first reads 10 true points, shaded on the figure."""
    page.goto(f"{server_url}/sine?lang=en&start=6&warm_up=10")
    page.set_viewport_size({"width": 1400, "height": 2600})
    train = page.get_by_role("button", name="Train", exact=True)
    train.wait_for(timeout=60_000)
    wait_for_app(page)
    train.click()
    page.wait_for_function(f"({WARM_UP_POINTS})() === 10", timeout=90_000)
    wait_for_app(page)
    body = page.inner_text("body")
    assert "Forecast from t = 6 and the hidden state" in body
    assert "from a zero state, after reading 10 true points" in body
    assert page.evaluate(FORECAST_POINTS) == 49 and page.evaluate(HEATMAP_IMAGES) == 1
    assert screenshot(page, "sine_warm_up").stat().st_size > 50_000
