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


def chips(page) -> list[str]:
    """The labels of the chosen activations, as the multiselect's chips show them."""
    return page.locator("[data-testid='stMultiSelect'] .react-aria-ComboBox [data-tag]"
                        ).all_inner_texts()


def switch_language(page, name: str) -> None:
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").click()
    page.get_by_role("option", name=name).click()
    page.wait_for_timeout(500)
    wait_for_app(page)


def test_the_chips_follow_a_language_switch(server_url, page):
    """Issue 19: a chip kept its English label after the sidebar switched to Chinese."""
    page.goto(f"{server_url}/activation?lang=en")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    wait_for_app(page)
    assert chips(page) == ["identity (no activation)", "tanh", "ReLU", "sigmoid"]
    page.get_by_role("button", name="Remove ReLU").click()
    wait_for_app(page)
    switch_language(page, "简体中文")
    page.get_by_text("有无 tanh 的对比").first.wait_for(timeout=60_000)
    assert chips(page) == ["恒等（无激活函数）", "tanh", "sigmoid"]
    assert "activations=identity%2Ctanh%2Csigmoid" in page.url and "lang=zh" in page.url
    page.locator("[data-testid='stCheckbox']").first.click()  # any rerun keeps them
    wait_for_app(page)
    assert chips(page) == ["恒等（无激活函数）", "tanh", "sigmoid"]
    switch_language(page, "English")
    assert chips(page) == ["identity (no activation)", "tanh", "sigmoid"]


def test_no_tick_reads_infinity_at_length_200_scale_100(server_url, page):
    """Issue 19: a y tick read 'Infinity⁻ᴺᵃᴺ' (and one '0') on the log axes."""
    page.goto(f"{server_url}/activation?lang=en&length=200&scale=100.0")
    charts_with_steps(page, 200)
    wait_for_app(page)
    ticks = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el =>
               Array.from(el.querySelectorAll('.ytick text, .y2tick text'))
                    .map(t => t.textContent.replace(/\u200b/g, '')))""")
    assert len(ticks) == 2 and all(len(chart) >= 4 for chart in ticks)
    for text in (t for chart in ticks for t in chart):
        assert "Infinity" not in text and "NaN" not in text and text != "0", ticks
