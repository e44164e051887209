"""Three students' browsers in one Chromium context keep working while a load runs."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, plotly_data  # noqa: F401 - CHROMIUM_ARGS documents the launch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from load import run_load  # noqa: E402
from stclient import page_names  # noqa: E402

pytestmark = pytest.mark.browser


# Pages that draw a chart at first load, before anyone presses Train.
CHARTED_AT_FIRST_LOAD = ("srn", "activation", "shapes", "language")


def first_page_with_a_chart() -> str:
    present = page_names()
    return next(name for want in CHARTED_AT_FIRST_LOAD for name in present
                if name.startswith(want))


def test_three_tabs_render_charts_while_a_load_runs(server_url, browser):
    reports = []
    load = threading.Thread(target=lambda: reports.append(run_load(4, url=server_url)),
                            daemon=True)
    load.start()
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    try:
        tabs = [context.new_page() for _ in range(3)]
        target = first_page_with_a_chart()
        for index, tab in enumerate(tabs):
            tab.goto(f"{server_url}/{target}?lang={'zh' if index == 1 else 'en'}")
        for tab in tabs:
            tab.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 1",
                                  timeout=120_000)
            charts = plotly_data(tab)
            assert charts and any(trace["x"] or trace["y"] or trace["z"]
                                  for chart in charts for trace in chart)
            assert tab.locator("[data-testid='stException']").count() == 0
    finally:
        context.close()
    load.join(timeout=600)
    assert reports, "the load run did not finish"
    errors = [e for row in reports[0]["pages"].values() for e in row["errors"]]
    assert errors == []
