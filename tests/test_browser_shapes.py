"""The shapes page in a real browser: change a size, see the shapes follow, screenshot."""

import pytest
from conftest import plotly_data, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def diagram_text(page) -> str:
    return page.evaluate("() => document.querySelector('.js-plotly-plot').textContent")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_shapes_page_follows_the_controls_and_saves_a_screenshot(server_url, page, lang):
    page.goto(f"{server_url}/shapes?lang={lang}")
    page.set_viewport_size({"width": 1400, "height": 3300})  # the whole page in one picture
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    wait_for_app(page)
    assert len(plotly_data(page)) == 2  # the tensor diagram and the layer grid
    text = diagram_text(page)
    assert "(10, 3, 100)" in text and "(1, 3, 20)" in text

    layers = page.locator("[data-testid='stNumberInput'] input").nth(2)  # num_layers
    layers.fill("2")
    layers.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot').textContent.includes('(2, 3, 20)')",
        timeout=60_000)
    wait_for_app(page)
    grid = plotly_data(page)[1][0]
    assert len(grid["y"]) == 2  # one row per layer

    page.locator("label").filter(has_text="bidirectional").first.click()
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot').textContent.includes('(10, 3, 40)')",
        timeout=60_000)
    wait_for_app(page)
    text = diagram_text(page)
    assert "(4, 3, 20)" in text  # h_n: 2 layers x 2 directions
    grid = plotly_data(page)[1][0]
    assert len(grid["y"]) == 2 and len(grid["x"]) == 2  # layers x directions
    name = "shapes" if lang == "en" else "shapes_zh"
    assert screenshot(page, name).stat().st_size > 50_000


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_size_inputs_stay_in_one_line(server_url, page, lang):
    """Issue 19: labels that wrapped pushed their inputs down, out of line with the others."""
    for width in (1400, 1000):
        page.set_viewport_size({"width": width, "height": 1200})
        page.goto(f"{server_url}/shapes?lang={lang}")
        page.wait_for_selector(".js-plotly-plot", timeout=60_000)
        wait_for_app(page)
        boxes = [page.locator("[data-testid='stNumberInput'] input").nth(i).bounding_box()
                 for i in range(5)]
        tops = {round(box["y"]) for box in boxes}
        assert max(tops) - min(tops) <= 1, (width, tops)
