"""The character language model page in a real browser: train, generate, screenshot."""

import pytest
from conftest import plotly_data, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def plotly_charts(page, count: int) -> list:
    """The data of the page's plotly charts once `count` of them have been drawn."""
    page.wait_for_function(
        f"document.querySelectorAll('.js-plotly-plot').length >= {count}", timeout=60_000)
    charts = plotly_data(page)
    assert len(charts) == count
    return charts


def test_language_page_trains_and_saves_a_screenshot(server_url, page):
    page.goto(f"{server_url}/language_model?lang=en")
    page.set_viewport_size({"width": 1400, "height": 5200})  # the whole page in one picture
    page.get_by_text("Before training (random weights)").wait_for(timeout=60_000)
    wait_for_app(page)
    charts = plotly_charts(page, 5)
    bars = charts[0][0]
    assert bars["type"] == "bar" and bars["y"] == sorted(bars["y"], reverse=True)

    page.get_by_role("button", name="Train", exact=True).click()
    page.get_by_text("Finished in").wait_for(timeout=180_000)
    wait_for_app(page)
    assert page.get_by_text("After 30 epochs of training").count() == 1
    charts = plotly_charts(page, 7)
    perplexity = next(trace for chart in charts for trace in chart
                      if trace["type"] == "scatter" and trace["name"] == "Perplexity")
    assert perplexity["y"][-1] < 0.2 * perplexity["y"][0]
    assert screenshot(page, "language").stat().st_size > 50_000
