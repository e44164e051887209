"""The SRN page in a real browser: move t, see the unrolled picture follow, screenshot."""

import time

import pytest
from conftest import plotly_data, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def current_step(tab) -> list:
    """The x of the 'current step' marker in the unrolled picture (its last trace)."""
    charts = plotly_data(tab)
    assert len(charts) == 1, "the page has one chart: the unrolled network"
    return charts[0][-1]["x"]


def test_moving_t_moves_the_highlight_and_saves_screenshots(server_url, page):
    page.goto(f"{server_url}/srn?lang=en")
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    wait_for_app(page)
    charts = plotly_data(page)
    h_nodes = next(trace for trace in charts[0] if trace["name"] == "h")
    assert h_nodes["x"] == [0, 1, 2, 3]
    assert h_nodes["text"][1] == "0.964028<br>0.964028"  # SPEC 1, tanh, h_1
    assert current_step(page) == [1]

    thumb = page.locator("[data-testid='stSlider'] input[type='range']").first
    thumb.focus()
    thumb.press("ArrowRight")
    thumb.press("ArrowRight")
    page.wait_for_function(
        "(() => { const el = document.querySelector('.js-plotly-plot');"
        " return el && el.data && el.data[el.data.length - 1].x[0] === 3; })()",
        timeout=30_000)
    wait_for_app(page)
    assert current_step(page) == [3]
    assert "t=3" in page.url.replace("%3D", "=") or "&t=3" in page.url
    body = page.inner_text("body")
    assert "0.999988" in body  # h_3 in the metrics

    # Play starts over from t = 1 and walks to the end by itself, one step a second.
    page.get_by_role("button", name="Play").click()
    page.get_by_role("button", name="Pause").wait_for(timeout=10_000)
    seen = set()
    deadline = time.monotonic() + 30
    while 3 not in seen or len(seen) < 2:
        assert time.monotonic() < deadline, f"Play only showed steps {seen}"
        step = page.evaluate("(() => { const el = document.querySelector('.js-plotly-plot');"
                             " return el && el.data ? el.data[el.data.length - 1].x[0] : null;"
                             " })()")
        if step is not None and (seen or step < 3):
            seen.add(step)
        time.sleep(0.1)
    wait_for_app(page)
    page.get_by_role("button", name="Play").wait_for(timeout=10_000)  # at the end Play stops
    assert "play" not in page.url
    assert current_step(page) == [3] and seen >= {2, 3}
    page.mouse.move(0, 0)
    page.set_viewport_size({"width": 1400, "height": 3900})  # the whole page in one picture
    wait_for_app(page)
    assert screenshot(page, "srn").stat().st_size > 50_000

    page.goto(f"{server_url}/srn?lang=zh&t=2&act=identity")
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    wait_for_app(page)
    assert current_step(page) == [2]
    h_nodes = next(trace for trace in plotly_data(page)[0] if trace["name"] == "h")
    assert h_nodes["text"][1:] == ["2<br>2", "6<br>6", "16<br>16"]  # SPEC 1, identity
    assert "按时间展开的网络" in page.inner_text("body")
    assert screenshot(page, "srn_zh").stat().st_size > 50_000


def test_thirty_steps_draw_without_overlap_or_clipping(server_url, page):
    """Issue 19: at 30 steps the numbers overlapped and "now = 30" was cut off."""
    page.set_viewport_size({"width": 1280, "height": 2000})
    x = ";".join(["1,1"] * 30)
    page.goto(f"{server_url}/srn?lang=zh&x={x}&t=30")
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    wait_for_app(page)
    assert current_step(page) == [30]
    boxes = page.evaluate(
        """() => {
            const plot = document.querySelector('.js-plotly-plot');
            const frame = plot.getBoundingClientRect();
            const texts = Array.from(plot.querySelectorAll('g.textpoint text, g.text text'))
                .map(el => { const r = el.getBoundingClientRect();
                             return {t: el.textContent, l: r.left, r: r.right, top: r.top,
                                     b: r.bottom}; })
                .filter(b => b.r > b.l);
            return {frame: {l: frame.left, r: frame.right}, texts};
        }""")
    texts = boxes["texts"]
    now = [b for b in texts if b["t"].startswith("当前")]
    assert len(now) == 1 and boxes["frame"]["l"] <= now[0]["l"] \
        and now[0]["r"] <= boxes["frame"]["r"], now
    clip = page.evaluate(  # the plotting area: texts outside it are clipped away
        """() => { const r = document.querySelector('.js-plotly-plot .bglayer rect')
                   .getBoundingClientRect(); return [r.left, r.right]; }""")
    shown = [b for b in texts if clip[0] <= b["l"] and b["r"] <= clip[1] and b is not now[0]]
    assert len(shown) > 20
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            apart = a["r"] <= b["l"] or b["r"] <= a["l"] or a["b"] <= b["top"] \
                or b["b"] <= a["top"]
            assert apart, (a, b)
    assert "图中显示 t 附近的第 22 到第 30 步" in page.inner_text("body")
    page.screenshot(path="/tmp/srn_30_steps.png", full_page=False)


def editor_count(tab) -> int:
    return tab.locator("[data-testid='stDataFrame']").count()


def switch_language(tab, name: str) -> None:
    tab.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").click()
    tab.get_by_role("option", name=name).click()
    tab.wait_for_timeout(500)
    wait_for_app(tab)


@pytest.mark.parametrize("slug, tables, label, label_zh", [
    ("srn", 6, "Edit the weights and the inputs", "编辑权重与输入"),
    ("bptt", 7, "Edit the weights, inputs and targets", "编辑权重、输入与目标"),
])
def test_the_editors_toggle_keeps_its_tables_across_a_language_switch(
        server_url, page, slug, tables, label, label_zh):
    """The tables open behind a toggle whose label is translated: a language switch must
    not close them, nor drop an edit made in them."""
    page.goto(f"{server_url}/{slug}?lang=en")
    page.locator(".katex").first.wait_for(timeout=60_000)
    wait_for_app(page)
    shown = editor_count(page)  # the page's read-only tables (the trace, the agreement)
    assert page.locator(".katex-display", has_text="W").count() >= 1  # the formula
    page.get_by_text(label, exact=True).click()
    wait_for_app(page)
    assert editor_count(page) == shown + tables
    assert "edit=true" in page.url
    switch_language(page, "简体中文")
    page.get_by_text(label_zh, exact=True).wait_for(timeout=60_000)
    assert editor_count(page) == shown + tables and "edit=true" in page.url
    page.get_by_text(label_zh, exact=True).click()  # closed again: the formula is back
    wait_for_app(page)
    assert editor_count(page) == shown and "edit=true" not in page.url
    screenshot(page, f"{slug}_formula_zh")
