"""The encoder-decoder page in a real browser: the loss curve grows live, Stop works,
the default training translates every pair, and screenshots in both languages."""

import time
from urllib.parse import parse_qs, quote, urlparse

import pytest
from conftest import plotly_data, screenshot, wait_for_app

from rnnviz import seq2seq as s2s

pytestmark = pytest.mark.browser


def loss_points(page) -> int:
    charts = plotly_data(page)
    return len(charts[0][0]["y"] or []) if charts and charts[0] else 0


def wait_for_charts(page, count: int) -> None:
    """The section text can appear a moment before plotly has drawn the figures under it."""
    page.wait_for_function(
        f"(() => {{ const els = document.querySelectorAll('.js-plotly-plot');"
        f" return els.length === {count} && Array.from(els).every(el => el.data); }})()",
        timeout=60_000)


def test_seq2seq_trains_live_translates_and_saves_screenshots(server_url, page):
    page.goto(f"{server_url}/seq2seq?lang=en")
    page.set_viewport_size({"width": 1400, "height": 3800})
    page.get_by_text("Press Train: the model has not been trained yet.").wait_for(timeout=60_000)
    wait_for_app(page)

    # The course recipe runs for seconds: the curve grows while it trains, Stop ends it.
    page.get_by_text("Course material: Adam lr 0.001, 5000 epochs").click()
    wait_for_app(page)
    assert "recipe=spec" in page.url  # the setting is in the link
    page.get_by_role("button", name="Train", exact=True).click()
    page.wait_for_function(
        "(() => { const el = document.querySelector('.js-plotly-plot');"
        " return el && el.data && el.data[0].y && el.data[0].y.length > 0; })()",
        timeout=60_000)
    first = later = loss_points(page)
    deadline = time.monotonic() + 20
    while later <= first and time.monotonic() < deadline:
        time.sleep(0.3)
        later = loss_points(page)
    assert first < later, "the loss curve did not grow between two reads"
    page.get_by_role("button", name="Stop", exact=True).click()
    page.get_by_text("Stopped after").wait_for(timeout=60_000)
    wait_for_app(page)

    # The default recipe: every pair right by greedy decoding.
    page.get_by_text("Fast: Adam lr").click()
    wait_for_app(page)
    assert "recipe=" not in page.url  # the default is left out of the link
    page.get_by_role("button", name="Train", exact=True).click()
    page.get_by_text("Finished in").wait_for(timeout=60_000)
    page.get_by_text("Inside one translation").wait_for(timeout=60_000)
    wait_for_app(page)
    wait_for_charts(page, 4)
    metrics = page.locator("[data-testid='stMetricValue']")
    assert metrics.nth(2).inner_text().strip() == "3 / 3"  # pairs right by greedy decoding
    assert "hello → hola" in page.inner_text("body")  # the word box, by greedy decoding
    charts = plotly_data(page)
    assert len(charts) == 4  # loss, encoder states, decoder probabilities, context
    assert charts[1][0]["x"] == ["1: h", "2: e", "3: l", "4: l", "5: o", "6: E"]
    assert charts[2][1]["y"] == list("hola?E")
    assert screenshot(page, "seq2seq").stat().st_size > 50_000


def test_seq2seq_chinese_screenshot(server_url, page):
    page.goto(f"{server_url}/seq2seq?lang=zh")
    page.set_viewport_size({"width": 1400, "height": 3800})
    page.get_by_role("button", name="训练", exact=True).wait_for(timeout=60_000)
    wait_for_app(page)
    page.get_by_role("button", name="训练", exact=True).click()
    page.get_by_text("一次翻译的内部").wait_for(timeout=60_000)
    wait_for_app(page)
    wait_for_charts(page, 4)
    assert len(plotly_data(page)) == 4
    assert screenshot(page, "seq2seq_zh").stat().st_size > 50_000


def test_seq2seq_link_with_pairs_fills_the_editor(server_url, page):
    page.goto(f"{server_url}/seq2seq?lang=en&pairs=dog:perro,cat:gato&hidden=64")
    page.get_by_role("button", name="Train", exact=True).wait_for(timeout=60_000)
    wait_for_app(page)
    assert "nn.RNN(29, 64)" in page.inner_text("body")
    assert page.get_by_role("spinbutton", name="Hidden size").input_value() == "64"
    page.get_by_role("button", name="Train", exact=True).click()
    page.get_by_text("Inside one translation").wait_for(timeout=60_000)
    wait_for_app(page)
    # The tables are drawn on a canvas; the word box says hello is no training word now.
    assert "“hello” is not a training word" in page.inner_text("body")
    assert "pairs=dog" in page.url and "hidden=64" in page.url


def test_seq2seq_link_with_pinyin_and_chinese_pairs_round_trips(server_url, page):
    """Any character travels in the link: pinyin's spaces, Chinese, and the separators
    themselves (a hand-written link's lower-case escapes are rewritten in the page's form)."""
    pairs = (("ni hao", "hello"), ("你好", "hi, there"), ("50%", "a:b"))
    hand_written = "ni hao:hello,你好:hi%2c there,50%25:a%3ab"
    page.goto(f"{server_url}/seq2seq?lang=en&pairs={quote(hand_written)}")
    page.get_by_role("button", name="Train", exact=True).wait_for(timeout=60_000)
    wait_for_app(page)
    size = len(s2s.Pairs(pairs).alphabet)
    body = page.inner_text("body")
    assert f"Alphabet ({size} symbols, built from the pairs)" in body
    assert f"nn.RNN({size}, 128)" in body and "cannot be used" not in body
    page.wait_for_function("() => location.search.includes('%252C')", timeout=30_000)
    assert parse_qs(urlparse(page.url).query)["pairs"] == [s2s.pairs_code(pairs)]
    page.goto(page.url)  # a reload, or the link pasted elsewhere
    page.get_by_role("button", name="Train", exact=True).wait_for(timeout=60_000)
    wait_for_app(page)
    assert f"Alphabet ({size} symbols, built from the pairs)" in page.inner_text("body")
    assert parse_qs(urlparse(page.url).query)["pairs"] == [s2s.pairs_code(pairs)]
