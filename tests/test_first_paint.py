"""First page at once: the home page is drawn without torch, which is imported after it.

The timing target (first content within 1 s of a cold server being ready) is measured by
``python bench/bench_lecture_hall.py --only first_paint``; these tests check the order.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest
from conftest import ROOT, free_port, stop_process, wait_for_app, wait_healthy

from ui.catalog import available_pages

WARMED_UP = "rnnviz: torch warmed up"  # what ui/page.py prints once torch is imported


def run_python(code: str, **env: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, **env})
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_home_page_is_drawn_without_torch_which_comes_after_it():
    out = run_python("""
        import sys, time
        from streamlit.testing.v1 import AppTest
        at = AppTest.from_file("app.py", default_timeout=60).run()
        print("exceptions", [e.value for e in at.exception])
        print("torch after the run", "torch" in sys.modules)
        print("cards", len(at.markdown))
        deadline = time.monotonic() + 120
        while "torch._dynamo" not in sys.modules and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(0.5)
        print("torch._dynamo later", "torch._dynamo" in sys.modules)
    """)
    assert "exceptions []" in out
    assert "torch after the run False" in out, out
    assert "torch._dynamo later True" in out, out


def test_no_warm_up_when_turned_off():
    out = run_python("""
        import sys, time
        from streamlit.testing.v1 import AppTest
        AppTest.from_file("app.py", default_timeout=60).run()
        time.sleep(2)
        print("torch", "torch" in sys.modules)
    """, RNNVIZ_WARM_UP="0")
    assert "torch False" in out, out


@pytest.mark.browser
def test_cold_server_shows_the_home_page_then_warms_up(browser):
    """`streamlit run app.py`, unchanged: Chromium opening it the moment it is ready gets
    the home page (title and every card); the server imports torch afterwards."""
    port = free_port()
    log_path = ROOT / "tests" / f".server-{port}.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        assert wait_healthy(url, process, 90, poll=0.05), "no server"
        ready = time.monotonic()
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        tab.goto(url + "/?lang=en")
        tab.wait_for_selector("h1", timeout=60_000)
        title = time.monotonic() - ready
        cards = len(available_pages())
        tab.wait_for_function(
            f"document.querySelectorAll('[data-testid=stPageLink]').length >= {cards}",
            timeout=60_000)
        wait_for_app(tab)
        print(f"cold server: title after {title:.2f} s (bench/bench_lecture_hall.py times it)")
        assert tab.locator("[data-testid='stException']").count() == 0
        context.close()
        deadline = time.monotonic() + 120
        while WARMED_UP not in log_path.read_text(errors="replace"):
            assert time.monotonic() < deadline, "the server did not import torch after the page"
            time.sleep(0.2)
    finally:
        stop_process(process)
        log.close()
        log_path.unlink(missing_ok=True)
