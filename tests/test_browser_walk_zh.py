"""Every page in Chinese, in Chromium, as a student revising alone opens them: no error, the
title and the text in Chinese, a screenshot of each (tests/artifacts/walk_zh/) to look at."""

import re
from pathlib import Path

import pytest
from conftest import ROOT, wait_for_app

from ui.catalog import available_pages

pytestmark = pytest.mark.browser
OUT = ROOT / "tests" / "artifacts" / "walk_zh"
CJK = re.compile(r"[\u4e00-\u9fff]")
NAMES = [""] + [Path(entry.path).stem.split("_", 1)[1] for entry in available_pages()]


@pytest.mark.parametrize("name", NAMES, ids=lambda n: n or "home")
def test_every_page_reads_in_chinese(server_url, page, name):
    page.goto(f"{server_url}/{name}?lang=zh")
    page.locator("h1").first.wait_for(timeout=90_000)
    wait_for_app(page, timeout=90)
    page.wait_for_function(  # the last elements drawn replace their grey placeholders
        "document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=60_000)
    assert page.locator("[data-testid='stException']").count() == 0
    title = page.locator("h1").first.inner_text()
    assert CJK.search(title), title
    main = page.locator("[data-testid='stMain']").inner_text()
    assert len(CJK.findall(main)) > 50  # the page's own text is Chinese, not just the title
    assert "SPEC" not in main
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"{name or 'home'}.png"), full_page=True)
