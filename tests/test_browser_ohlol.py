"""The hello -> ohlol page in a real browser: press Train, see the curve grow, screenshot."""

import time

import pytest
from conftest import plotly_data, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def loss_points(page) -> int:
    """How many epochs the loss curve (the first chart) shows now."""
    charts = plotly_data(page)
    return len(charts[0][0]["y"] or []) if charts and charts[0] else 0


def test_ohlol_curve_grows_while_training_and_saves_a_screenshot(server_url, page):
    page.goto(f"{server_url}/ohlol?lang=en")
    page.set_viewport_size({"width": 1400, "height": 3300})  # the whole page in one picture
    page.get_by_text("Press Train to start.").wait_for(timeout=60_000)
    wait_for_app(page)
    assert page.locator(".js-plotly-plot").count() == 0

    page.get_by_role("button", name="Train", exact=True).click()
    page.wait_for_function(
        "(() => { const el = document.querySelector('.js-plotly-plot');"
        " return el && el.data && el.data[0].y && el.data[0].y.length > 0; })()",
        timeout=60_000)
    first = loss_points(page)
    deadline = time.monotonic() + 20
    later = first
    while later <= first and time.monotonic() < deadline:
        time.sleep(0.3)
        later = loss_points(page)
    assert first < later, "the loss curve did not grow between two reads"

    page.get_by_text("Finished in").wait_for(timeout=60_000)
    page.get_by_text("At the start of epoch 15").wait_for(timeout=60_000)
    wait_for_app(page)
    charts = plotly_data(page)
    assert len(charts) == 3  # loss curve, softmax heatmap, hidden-state heatmap
    losses = charts[0][0]["y"]
    assert len(losses) == 15 and losses[-1] < 0.5 * losses[0]
    assert charts[0][0]["text"] is None and "ohlol" in page.inner_text("body")
    body = page.inner_text("body")
    assert "SPEC" not in body and "−4.1021" in body  # the loss change: its sign once,
    assert page.locator("[data-testid^='stMetricDeltaIcon']").count() == 0  # no arrow
    assert screenshot(page, "ohlol").stat().st_size > 50_000

    # Issue 19: the model's name was cut to "…RNN / LSTM / GR" in its select box.
    model = page.get_by_role("combobox", name="Model", exact=True)
    assert model.input_value() == "A: one-hot → RNNCell"
    model.click()
    page.get_by_role("option", name="B: embedding → RNN, LSTM or GRU").click()
    page.get_by_text("Recurrent cell").wait_for(timeout=30_000)
    wait_for_app(page)
    assert page.evaluate(CUT_SHORT, "B: embedding") == []


# Elements of the model's select box showing `text` whose content does not fit (cut short).
CUT_SHORT = """(text) => {
    const box = Array.from(document.querySelectorAll('[data-testid="stSelectbox"]'))
        .find(el => el.innerText.includes('Model'));
    const shown = Array.from(box.querySelectorAll('*')).filter(el =>
        (el.value || el.textContent || '').includes(text));
    if (!shown.length) return ['nothing shows ' + text];
    return shown.filter(el => el.scrollWidth > el.clientWidth + 1)
        .map(el => `${el.tagName}: ${el.scrollWidth} > ${el.clientWidth}`);
}"""
