"""Rerun cost of each page's script, and where it goes.

Runs a page in AppTest (no server, no websocket), reruns it with no widget
change and prints the median rerun time; with ``--profile`` it also prints a
cProfile of the script thread only (``exec_func_with_error_handling``), so
the figures are the page's own cost rather than the test harness's.

    python bench/profile_page.py                 # every page, median ms
    python bench/profile_page.py srn --profile   # one page, with its profile
    python bench/profile_page.py --server        # the load's changes on a real server
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from ui.catalog import available_pages  # noqa: E402

PAGES = ["app"] + [Path(entry.path).stem for entry in available_pages()]


def rerun_ms(fragment: str, *, runs: int = 9, lang: str = "en") -> tuple[float, float]:
    """(first run ms, median rerun ms) of the page whose file name contains `fragment`."""
    from conftest import app_test

    at = app_test(fragment, lang=lang)
    started = time.perf_counter()
    at.run()
    first = (time.perf_counter() - started) * 1000
    if at.exception:
        raise RuntimeError(f"{fragment}: {at.exception[0].value}")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - started) * 1000)
    return first, statistics.median(times)


def profile(fragment: str, *, runs: int = 5, sort: str = "cumulative", lines: int = 45) -> None:
    import streamlit.runtime.scriptrunner.script_runner as script_runner
    from conftest import app_test

    profiler = cProfile.Profile()
    original = script_runner.exec_func_with_error_handling

    def profiled(func, ctx):
        def run():
            profiler.enable()
            try:
                return func()
            finally:
                profiler.disable()
        return original(run, ctx)

    at = app_test(fragment)
    at.run()
    at.run()
    script_runner.exec_func_with_error_handling = profiled
    try:
        for _ in range(runs):
            at.run()
    finally:
        script_runner.exec_func_with_error_handling = original
    pstats.Stats(profiler).sort_stats(sort).print_stats(lines)


def server_costs(pages: list[str], repeats: int = 4) -> None:
    """Each page's planned widget changes (bench/load.py) on a real, otherwise idle server:
    median wall ms from a change to the rerun finishing, and the server's CPU ms per change."""
    sys.path.insert(0, str(ROOT / "bench"))
    from load import PLANS as plans
    from stclient import Server, StreamlitSession

    print(f"{'page':<18}{'changes':>8}{'wall ms':>9}{'cpu ms':>8}")
    with Server() as server:
        for page in pages:
            # A fresh session per page, as if each page were the first one opened.
            with StreamlitSession(server.url, timeout=120) as session:
                walls, cpu = page_cost(server, session, page, plans.get(page, []), repeats)
            print(f"{page or 'home':<18}{len(walls):>8}{statistics.median(walls):>9.0f}"
                  f"{1000 * cpu / len(walls):>8.0f}", flush=True)


def page_cost(server, session, page: str, plan: list, repeats: int) -> tuple[list[float], float]:
    """(wall ms of every timed change, server CPU s over them); the first pass is not timed."""
    walls, cpu = [], 0.0
    for repeat in range(repeats + 1):  # the first pass fills the server's caches
        session.open(page)
        session.rerun()  # the first run of a page in a session builds its state
        changes = [(k, v) for k, v in plan if k in session.widgets]
        changes = changes or [("lang", 1), ("lang", 0)]
        before = server.cpu_seconds()
        for key, value in changes:
            if key in session.widgets:
                seconds = session.set(key, value).seconds
                if repeat:
                    walls.append(seconds * 1000)
        if repeat:
            cpu += server.cpu_seconds() - before
    return walls, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=PAGES)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--server", action="store_true",
                        help="time the load's planned changes on a real server instead")
    args = parser.parse_args()
    if args.server:
        sys.path.insert(0, str(ROOT / "bench"))
        from stclient import page_names

        server_costs(args.pages if args.pages != PAGES else page_names())
        return
    print(f"{'page':<20}{'first ms':>10}{'rerun ms':>10}")
    for fragment in args.pages:
        first, median = rerun_ms(fragment, lang=args.lang)
        print(f"{fragment:<20}{first:>10.0f}{median:>10.0f}", flush=True)
        if args.profile:
            profile(fragment, sort=args.sort)


if __name__ == "__main__":
    main()
