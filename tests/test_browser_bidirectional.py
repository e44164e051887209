"""The bidirectional page in a real browser: the three panels, the proof, screenshots."""

import pytest
from conftest import plotly_data, screenshot, wait_for_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("lang", "name", "proof"), [
    ("en", "bidirectional", "Equal to within"), ("zh", "bidirectional_zh", "误差都在"),
])
def test_bidirectional_page_draws_both_directions(server_url, page, lang, name, proof):
    page.goto(f"{server_url}/bidirectional?lang={lang}")
    page.set_viewport_size({"width": 1400, "height": 2600})
    page.get_by_text(proof).wait_for(timeout=60_000)
    page.wait_for_function(
        "(() => { const el = document.querySelector('.js-plotly-plot');"
        " return el && el.data && el.data.length === 3; })()", timeout=60_000)
    wait_for_app(page)
    (traces,) = plotly_data(page)
    assert [len(t["z"]) for t in traces] == [3, 3, 6]  # forward, backward, concatenation
    assert traces[0]["x"] == ["1: 0.5", "2: -1", "3: 2", "4: 0", "5: 1.5"]
    assert "(5, 1, 6)" in page.inner_text("body")
    assert screenshot(page, name).stat().st_size > 50_000


def test_the_numbers_table_is_not_cut_off(server_url, page):
    """Issue 19: 'the details table cut off on the right' (at H = 8 the vectors are long)."""
    numbers = "%20".join(["1", "-2", "3", "4", "5", "6", "7", "8", "9", "10", "-1", "-2"])
    page.goto(f"{server_url}/bidirectional?lang=en&hidden=8&layers=3&cell=lstm"
              f"&sequence={numbers}")
    page.get_by_text("Equal to within").wait_for(timeout=60_000)
    wait_for_app(page)
    # One table once the page has settled (a rerun may briefly keep the stale one).
    page.wait_for_function(
        "() => document.querySelectorAll(\"[data-testid='stTable']\").length === 1",
        timeout=60_000)
    fits = page.locator("[data-testid='stTable']").evaluate(
        """el => { const main = document.querySelector('[data-testid="stMainBlockContainer"]');
                   const t = el.querySelector('table'), a = t.getBoundingClientRect(),
                         m = main.getBoundingClientRect();
                   return {right: a.right <= m.right + 1,
                           scroll: el.scrollWidth <= el.clientWidth + 1,
                           rows: t.querySelectorAll('tbody tr').length,
                           head: Array.from(t.querySelectorAll('thead th'))
                                      .map(h => h.innerText)}; }""")
    assert fits["right"] and fits["scroll"] and fits["rows"] == 12, fits
    assert fits["head"][-2:] == ["nn.LSTM out[t]", "largest |difference|"], fits
