"""The activation comparison page in a real browser: move a slider, see the curves change."""

import pytest
from conftest import plotly_data, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def charts_with_steps(page, steps: int) -> list:
    """The page's charts once the h_t chart has `steps` points per line."""
    page.wait_for_function(
        "(n) => { const el = document.querySelector('.js-plotly-plot');"
        " return el && el.data && el.data[0].y && el.data[0].y.length === n; }",
        arg=steps, timeout=60_000)
    return plotly_data(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_activation_slider_changes_the_curves_and_saves_a_screenshot(server_url, page, lang):
    page.goto(f"{server_url}/activation?lang={lang}")
    page.set_viewport_size({"width": 1400, "height": 3000})
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    wait_for_app(page)
    states, gradient = charts_with_steps(page, 20)[:2]
    names = [trace["name"] for trace in states]
    assert len(states) == 8 and len(gradient) == 4  # h and y per activation; one norm each
    identity_y = states[1]["y"]
    assert identity_y[:3] == [4, 12, 32]
    assert states[3]["y"][0] == pytest.approx(1.9280551601516338)
    assert any("tanh" in name for name in names)

    # Move the sequence-length slider five steps to the right with the keyboard.
    thumb = page.locator("[data-testid='stSlider'] input[type='range']").first
    thumb.focus()
    for _ in range(5):
        thumb.press("ArrowRight")
    states_after = charts_with_steps(page, 25)[0]
    wait_for_app(page)
    assert len(states_after[1]["y"]) == 25
    assert states_after[1]["y"][-1] > identity_y[-1]  # identity keeps growing
    name = "activation" if lang == "en" else "activation_zh"
    assert screenshot(page, name).stat().st_size > 50_000
