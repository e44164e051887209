"""The attention page in a real browser: reversal trains, the anti-diagonal appears, the
course pairs train in Chinese, screenshots in both languages."""

import pytest
from conftest import plotly_data, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def wait_for_charts(page, count: int) -> None:
    page.wait_for_function(
        f"(() => {{ const els = document.querySelectorAll('.js-plotly-plot');"
        f" return els.length === {count} && Array.from(els).every(el => el.data); }})()",
        timeout=90_000)


def test_reversal_attention_finds_the_anti_diagonal_and_saves_screenshots(server_url, page):
    page.goto(f"{server_url}/attention?lang=en&task=reverse&lengths=3-8&example_len=8")
    page.set_viewport_size({"width": 1400, "height": 4200})
    page.get_by_text("Press Train:").first.wait_for(timeout=60_000)
    wait_for_app(page)
    page.get_by_role("button", name="Train", exact=True).first.click()
    page.get_by_text("Finished in").wait_for(timeout=90_000)
    page.get_by_text("4 · Translate any input").wait_for(timeout=60_000)
    wait_for_app(page)
    wait_for_charts(page, 5)  # curves, live matrix, matrix, context, top-5
    charts = plotly_data(page)
    matrix = charts[2][0]["z"]  # the typed input's matrix: the held-out example of length 8
    assert len(matrix) == 9 and len(matrix[0]) == 9
    for s, row in enumerate(matrix):
        assert sum(row) == pytest.approx(1.0, abs=1e-4)
        if s < 8:  # output step s reads input step 7 - s
            assert row.index(max(row)) == 7 - s
    body = page.inner_text("body")
    assert "Held-out exact-match" in body and "(right)" in body
    page.mouse.move(0, 0)
    assert screenshot(page, "attention").stat().st_size > 50_000

    page.goto(f"{server_url}/attention?lang=zh")
    page.get_by_text("按“训练”").first.wait_for(timeout=60_000)
    wait_for_app(page)
    page.get_by_role("button", name="训练", exact=True).first.click()
    page.get_by_text("训练完成").first.wait_for(timeout=60_000)
    page.get_by_text("4 · 翻译任意输入").wait_for(timeout=60_000)
    wait_for_app(page)
    wait_for_charts(page, 5)
    body = page.inner_text("body")
    assert "hello → hola（正确）" in body.replace("\n", " ") or "（正确）" in body
    assert "100.0%" in body
    page.mouse.move(0, 0)
    assert screenshot(page, "attention_zh").stat().st_size > 50_000
