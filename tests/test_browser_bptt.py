"""The BPTT page in a real browser: SPEC 9's numbers, the stacked contributions, the walk
moved by its slider and by Play, screenshots in English and Chinese."""

import time

import pytest
from conftest import plotly_data, screenshot, wait_for_app

pytestmark = pytest.mark.browser

SPEC_U = 0.0030300187051967905  # SPEC 9: every entry of dL/dU


def open_page(tab, url: str) -> None:
    tab.goto(url)
    tab.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    wait_for_app(tab)


def t_value(tab) -> str:
    return tab.get_by_role("slider").first.input_value()  # the first slider is the walk's t


def play_walks_back(tab) -> None:
    """Play at t = 1 starts again at T = 3 and walks back to 1, one step a second."""
    assert t_value(tab) == "1"
    tab.get_by_role("button", name="Play").click()
    tab.get_by_role("button", name="Pause").wait_for(timeout=10_000)
    seen, deadline = set(), time.monotonic() + 20
    while not tab.get_by_role("button", name="Play").is_visible():
        assert time.monotonic() < deadline, f"Play only showed steps {seen}"
        seen.add(t_value(tab))
        time.sleep(0.1)
    wait_for_app(tab)
    assert {"3", "2"} <= seen and t_value(tab) == "1"
    assert "are the gradients" in tab.inner_text("body")


def test_the_walk_and_the_figures_in_both_languages(server_url, page):
    open_page(page, f"{server_url}/bptt?lang=en")
    charts = plotly_data(page)
    assert len(charts) == 4  # contributions, Jacobians, clipping, truncation
    totals = next(trace for trace in charts[0] if trace["name"] == "Σ")
    assert totals["x"] == ["U[1,1]", "U[1,2]", "U[2,1]", "U[2,2]"]
    assert totals["y"] == pytest.approx([SPEC_U] * 4, abs=1e-15)
    steps = [trace["name"] for trace in charts[0] if trace["type"] == "bar"]
    assert steps == ["t = 3", "t = 2", "t = 1"]  # stacked in the order BPTT adds them
    body = page.inner_text("body")
    assert "2.8581416523835323" in body  # L at full precision
    assert "2204.7" in body and "888.809" in body  # clipping on the exploding example

    thumb = page.locator("[data-testid='stSlider'] input[type='range']").first
    thumb.focus()
    thumb.press("ArrowLeft")
    thumb.press("ArrowLeft")
    page.wait_for_function("location.search.includes('t=1')", timeout=30_000)
    wait_for_app(page)
    assert "are the gradients" in page.inner_text("body")
    page.mouse.move(0, 0)
    page.set_viewport_size({"width": 1400, "height": 9000})
    wait_for_app(page)
    assert screenshot(page, "bptt").stat().st_size > 50_000
    play_walks_back(page)

    open_page(page, f"{server_url}/bptt?lang=zh&t=2&theta=5")
    body = page.inner_text("body")
    assert "反向传播" in body and "怎么看" in body
    page.set_viewport_size({"width": 1400, "height": 9000})
    wait_for_app(page)
    clip = plotly_data(page)[2]
    norms = next(trace for trace in clip if trace["type"] == "bar")
    assert norms["y"][1] == pytest.approx(5.0)  # clipped to θ = 5
    page.mouse.move(0, 0)
    assert screenshot(page, "bptt_zh").stat().st_size > 50_000
