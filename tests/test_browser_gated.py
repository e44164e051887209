"""The gated-cells page in a real browser: both cells, the course example's numbers, Play,
screenshots."""

import time

import pytest
from conftest import plotly_data, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def unrolled_rows(tab) -> dict:
    """The unrolled picture's text rows by name (x, h, c), as the browser holds them."""
    charts = plotly_data(tab)
    unrolled = next(chart for chart in charts if any(t["name"] == "h" for t in chart))
    return {trace["name"]: trace["text"] for trace in unrolled if trace["name"] in "xhc"}


def t_value(tab) -> str:
    return tab.get_by_role("slider").first.input_value()  # the first slider is t


def play_walks_to_the_end(tab) -> None:
    """Play moves t on once a second (h_1 -> h_3 here) and turns back into Play at the end."""
    assert t_value(tab) == "1"
    tab.get_by_role("button", name="Play").click()
    tab.get_by_role("button", name="Pause").wait_for(timeout=10_000)
    deadline = time.monotonic() + 20
    while t_value(tab) != "3" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert t_value(tab) == "3"
    tab.get_by_role("button", name="Play").wait_for(timeout=10_000)
    assert unrolled_rows(tab)["h"][3].startswith("0.90772")  # h_3, the shaded column


def open_page(tab, url: str) -> None:
    tab.goto(url)
    tab.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    wait_for_app(tab)


@pytest.mark.parametrize("cell, lang, h1, shot", [
    ("lstm", "en", "0.36960", "gated"),
    ("gru", "zh", "0.09078", "gated_zh"),
])
def test_each_cell_shows_the_course_example(server_url, page, cell, lang, h1, shot):
    open_page(page, f"{server_url}/gated?lang={lang}&cell={cell}")
    charts = plotly_data(page)
    assert len(charts) == 4  # the cell diagram, the unrolled network, memory, gradient
    rows = unrolled_rows(page)
    assert rows["h"][1].startswith(h1)  # h_1 of the course example (hover has every digit)
    assert ("c" in rows) == (cell == "lstm")
    body = page.inner_text("body")
    assert "nn.LSTMCell" in body if cell == "lstm" else "nn.GRUCell" in body
    if lang == "zh":
        assert "按时间展开的网络" in body and "怎么看" in body
    page.mouse.move(0, 0)
    page.set_viewport_size({"width": 1400, "height": 6000})
    wait_for_app(page)
    assert screenshot(page, shot).stat().st_size > 50_000
    if lang == "en":
        play_walks_to_the_end(page)
