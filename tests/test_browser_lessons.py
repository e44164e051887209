"""Three lessons followed as a student would, in a real browser, with screenshots."""

import pytest
from conftest import plotly_data, screenshot, wait_for_app

from ui import lessons

pytestmark = pytest.mark.browser


def sidebar(page):
    return page.locator("[data-testid='stSidebar']")


def shows(where, text: str) -> None:
    """Wait until `text` is shown in `where` (a rerun under load may still be drawing)."""
    where.get_by_text(text).first.wait_for(timeout=60_000)


def predict(page, question: str, answer: str) -> None:
    """Pick an answer in the sidebar's radio of the lesson asking `question`."""
    group = sidebar(page).locator("[data-testid='stRadio']").filter(has_text=question)
    group.get_by_text(answer, exact=True).click()
    wait_for_app(page)


def test_three_lessons_as_a_student(server_url, page):
    # 1. From the lessons index, open the activation lesson in the same session.
    page.goto(f"{server_url}/lessons?lang=en")
    wait_for_app(page)
    page.get_by_text("Recurrent weight scale 1 (every entry of U is 1").first.wait_for()
    codes = page.locator("[data-testid='stCode']")
    codes.first.get_by_text("srn?lang=en").wait_for(timeout=30_000)
    page.wait_for_function(  # the index is drawn row by row
        "n => document.querySelectorAll(\"[data-testid='stCode']\").length >= n",
        arg=len(lessons.LESSONS), timeout=60_000)
    assert codes.count() == len(lessons.LESSONS)
    assert "activation?lang=en&length=100" in codes.nth(2).inner_text()
    assert screenshot(page, "lessons").stat().st_size > 30_000
    page.locator("[data-testid='stPageLink']").filter(has_text="Open the lesson").nth(2).click()
    page.wait_for_url("**/activation?**lesson=activation-grow**", timeout=60_000)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    wait_for_app(page)
    predict(page, "what does the identity network's output do", "fades to zero")
    states = plotly_data(page)[0]
    identity_y = [v for v in states[1]["y"] if v is not None]
    assert len(identity_y) == 100 and identity_y[-1] > 1e30  # it grows: the answer shown
    shows(sidebar(page), "Answer: grows without bound")
    shows(sidebar(page), "You predicted “fades to zero”.")
    screenshot(page, "lesson_activation")

    # 2. The SRN page: predict, then set the lesson up from the sidebar.
    page.goto(f"{server_url}/srn?lang=en&act=relu")
    wait_for_app(page)
    predict(page, "no activation (identity): what is y₃", "8")
    assert not sidebar(page).locator("[data-testid='stAlertContentSuccess']").count()
    sidebar(page).get_by_role("button", name="Set up this lesson").first.click()
    page.wait_for_url("**lesson=srn-identity**", timeout=60_000)
    wait_for_app(page)
    page.locator("[data-testid='stMetricValue']", has_text="[32, 32]").first.wait_for(
        timeout=60_000)
    assert "act=identity" in page.url
    shows(sidebar(page), "Answer: 32")
    screenshot(page, "lesson_srn")

    # 3. A teacher's link, in the projector view: the answer waits for the reveal.
    page.goto(f"{server_url}/gated?lang=en&bias=4&steps=51&lesson=gated-forget&teacher=1"
              "&projector=true")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    wait_for_app(page)
    shows(sidebar(page), "The answer is hidden until the teacher reveals it.")
    assert not sidebar(page).locator("[data-testid='stAlertContentSuccess']").count()
    sidebar(page).get_by_role("button", name="Reveal the answer").click()
    wait_for_app(page)
    shows(sidebar(page), "Answer: LSTM about 40%, SRN almost nothing")
    memory = [chart for chart in plotly_data(page)
              if any(trace["name"] == "LSTM (c)" for trace in chart)]
    lstm = next(trace for trace in memory[0] if trace["name"] == "LSTM (c)")
    assert lstm["y"][-1] == pytest.approx(0.4035, abs=1e-3)
    assert "projector=true" in page.url
    page.locator("[data-testid='stPlotlyChart']").filter(
        has=page.locator(".js-plotly-plot")).last.scroll_into_view_if_needed()
    screenshot(page, "lesson_gated_teacher")
