"""The character language model page in a real browser: train, generate, screenshot."""

import pytest
from conftest import plotly_data, screenshot, wait_for_app

pytestmark = pytest.mark.browser
POEM = "床前明月光，疑是地上霜。举头望明月，低头思故乡。\n" * 60


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


def checked_options(page) -> list[str]:
    """The label of the chosen option of every radio group of the page (not the sidebar's
    lesson questions), in page order."""
    return [group.locator("label:has(input:checked)").inner_text()
            for group in page.locator("[data-testid='stMain'] [data-testid='stRadio']").all()]


def chosen_corpus(page) -> str:
    """The checked option of the corpus radio (waited for: it is drawn after the sidebar)."""
    choice = page.locator(".st-key-language-source label:has(input:checked)")
    choice.wait_for(timeout=60_000)
    return choice.inner_text()


def vocabulary_size(page) -> str:
    labels = page.locator("[data-testid='stMetricLabel']").all_inner_texts()
    values = page.locator("[data-testid='stMetricValue']").all_inner_texts()
    return dict(zip(labels, values, strict=True))["词表大小"]


def test_the_chosen_corpus_survives_a_language_switch_a_slider_and_a_visit(server_url, page):
    """The browser keeps a radio's choice as the label it shows; after a language switch a
    stale label would send every choice back to the first option (Hamlet, random sampling)."""
    page.goto(f"{server_url}/language_model?lang=en")
    page.get_by_text("Before training (random weights)").wait_for(timeout=60_000)
    wait_for_app(page)
    page.get_by_text("My own .txt file").click()
    wait_for_app(page)
    page.locator("input[type=file]").set_input_files(files=[{
        "name": "poem.txt", "mimeType": "text/plain", "buffer": POEM.encode("utf-8")}])
    page.get_by_text("Vocabulary size").wait_for(timeout=60_000)
    wait_for_app(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.locator("[data-testid='stSelectbox']").click()
    page.get_by_role("option", name="简体中文").click()
    wait_for_app(page)
    for slider in (page.get_by_role("slider").nth(2), page.get_by_role("slider").first):
        slider.focus()  # the epochs (a full rerun), then the chart's characters (a fragment)
        page.keyboard.press("ArrowLeft")
        wait_for_app(page)
    assert vocabulary_size(page) == "21"
    sidebar.get_by_role("link").first.click()  # home, and back
    wait_for_app(page)
    sidebar.get_by_role("link", name="字符级语言模型", exact=True).click()
    page.locator("[data-testid='stMain']").get_by_text("词表大小").wait_for(timeout=60_000)
    wait_for_app(page)
    assert vocabulary_size(page) == "21"
    assert checked_options(page) == ["上传自己的 .txt 文件", "顺序分区", "贪心"]
    assert "source=upload" in page.url and "epochs=29" in page.url


def test_the_chinese_page_opens_on_song_ci_and_explains_the_uploader(server_url, page):
    page.goto(f"{server_url}/language_model?lang=zh")
    page.get_by_text("训练前（随机权重）").wait_for(timeout=60_000)
    wait_for_app(page)
    assert chosen_corpus(page) == "宋词"
    prefix = page.get_by_label("前缀")
    for _ in range(50):  # the box is drawn before the run that fills it has reached it
        if prefix.input_value() == "明月":
            break
        page.wait_for_timeout(200)
    assert prefix.input_value() == "明月"
    page.get_by_text("上传自己的 .txt 文件").click()
    wait_for_app(page)
    caption = page.get_by_text("点击下方框中的“上传”按钮")
    assert caption.count() == 1
    # Streamlit draws the uploader's own words in English; the page's style sheet shows
    # them in Chinese in their place (ui.page.uploader_words).
    shown = page.evaluate("""() => {
        const zone = document.querySelector("[data-testid='stFileUploaderDropzone']");
        const after = (el) => getComputedStyle(el, '::after').content;
        const limit = "[data-testid='stFileUploaderDropzoneInstructions'] span";
        return [after(zone.querySelector('button p')), after(zone.querySelector(limit))];
    }""")
    assert shown == ['"上传"', '"每个文件不超过 2 MB · TXT"'], shown
    screenshot(page, "language_upload_zh")
