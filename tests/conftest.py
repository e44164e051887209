"""Shared fixtures: AppTest runs of a page, a real server, and Debian Chromium."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("RNNVIZ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from stclient import stop_process, wait_healthy  # noqa: E402


def page_path(fragment: str) -> str:
    """The page file whose name contains `fragment` (pages are found by name)."""
    matches = sorted(p for p in (ROOT / "views").glob("*.py") if fragment in p.name)
    if len(matches) != 1:
        raise LookupError(f"expected one page containing {fragment!r}, found {matches}")
    return str(matches[0])


def app_test(fragment: str, **query: str) -> AppTest:
    """An AppTest of one page (or the home page for 'app'), not yet run."""
    path = str(ROOT / "app.py") if fragment == "app" else page_path(fragment)
    at = AppTest.from_file(path, default_timeout=30)
    for name, value in query.items():
        at.query_params[name] = value
    return at


def run_until(at: AppTest, done, *, timeout: float = 60.0, pause: float = 0.2) -> AppTest:
    """Rerun `at` until `done(at)` is true (a live job finishing), or fail."""
    deadline = time.monotonic() + timeout
    while True:
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        if done(at):
            return at
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not reached within {timeout} s")
        time.sleep(pause)


def assert_plain_chinese(table, names: set[str]) -> None:
    """Issue 19 for one page's string table: no "SPEC" in either language, Chinese
    punctuation next to Chinese characters, and no Latin word in a Chinese string but
    `names` (names, code and symbols), placeholders and code spans left out."""
    for key, (english, chinese) in table.STRINGS.items():
        assert "SPEC" not in english.upper() and "SPEC" not in chinese.upper(), key
        if key in table.SAME_IN_BOTH:
            continue
        text = re.sub(r"{[^}]*}|`[^`]*`", "", chinese)
        assert not re.search(r"[\u4e00-\u9fff][,:;()]|[,:;(][\u4e00-\u9fff]", text), key
        assert set(re.findall(r"[A-Za-z]+", text)) <= names, (key, text)


def shown_text(at: AppTest) -> str:
    """Every piece of text on the page, for 'is it shown' assertions."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "latex", "text",
                 "error", "warning", "info", "success"):
        parts.extend(str(element.value) for element in getattr(at, kind))
    for metric in at.metric:
        parts.append(f"{metric.label} {metric.value}")
    return "\n".join(parts)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """`streamlit run app.py` on a free loopback port, for the whole session."""
    port = free_port()
    log = open(ROOT / "tests" / f".server-{port}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    if not wait_healthy(url, process, 60, poll=0.3):
        process.kill()
        raise RuntimeError(f"streamlit did not start; see {log.name}")
    try:
        yield url
    finally:
        stop_process(process)
        log.close()
        Path(log.name).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def browser():
    """Debian Chromium driven by Playwright. In CI a missing browser fails."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        message = f"Debian chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh tab with a tall viewport, so one screenshot shows a whole page."""
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    tab = context.new_page()
    yield tab
    context.close()


def wait_for_app(tab, timeout: float = 60.0) -> None:
    """Wait until Streamlit has finished running the script and drawn it."""
    tab.wait_for_selector("[data-testid='stApp']", timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        running = tab.locator("[data-testid='stStatusWidget']").count() > 0
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 1.0:
            return
        time.sleep(0.2)
    raise AssertionError("the app did not finish running")


def plotly_data(tab) -> list:
    """The data of every plotly chart on the page, as the browser holds it."""
    return tab.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
               .map(el => (el.data || []).map(trace => ({
                   name: trace.name ?? null, type: trace.type ?? null,
                   x: trace.x ? Array.from(trace.x) : null,
                   y: trace.y ? Array.from(trace.y) : null,
                   z: trace.z ? Array.from(trace.z, r => Array.from(r)) : null,
                   text: trace.text ?? null })))"""
    )


def screenshot(tab, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path
