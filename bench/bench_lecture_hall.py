"""Lecture hall (issue 18): the classroom load through HAProxy and two replicas, beside one
replica; 100 sessions; a replica killed in the middle of a run; and a cold server's first
page in Chromium. Everything in one run, printed side by side.

    python bench/bench_lecture_hall.py                  # all of it, ~6 minutes on 2 cores
    python bench/bench_lecture_hall.py --only first_paint kill
    python bench/bench_lecture_hall.py --quick          # 6 and 12 sessions, 3 pages: a smoke run

The load is bench/load.py's (every page, 5+ widget changes each, Train pressed on every
training page, the teacher's session first). Through the balancer every session behaves as
a browser (``sticky``: it loads the page and keeps the balancer's cookie) and reconnects when
its websocket drops. The replicas are deploy/serve.py's (one per core here, each with one
training worker and one torch thread); the single replica is plain ``streamlit run app.py``.

First paint: a fresh Chromium context opens the home page the moment a freshly started
server answers its health check; the figure is the time from then to the page's title
(first content) and to all its cards. Measured three ways on a cold server each time:
Streamlit's own one-line app (the floor: Chromium loading Streamlit's frontend), rnnviz
importing torch before the first page is drawn (``RNNVIZ_WARM_UP=first``: what it did before
issue 18), and rnnviz as it is (torch after the first page).

Targets: 2 replicas, 40 sessions: 0 errors and p95 <= 0.4 s on every page; 100 sessions:
0 errors and p95 <= 1 s; a replica killed mid-run: 0 errors on the other replica's sessions,
and the killed one's sessions reconnect and go through every page; cold server: first
content within 1 s of the server being ready.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "deploy"))

from load import percentile, print_report, replica_lines, run_load  # noqa: E402
from serve import Lecture  # noqa: E402
from stclient import Server, page_names, stop_process, wait_healthy  # noqa: E402

CHROMIUM = os.environ.get("RNNVIZ_CHROMIUM", "/usr/bin/chromium")
SESSION_OPTIONS = {"sticky": True, "reconnect_seconds": 90.0}
HELLO = 'import streamlit as st\n\nst.title("Hello")\n'


class Replicas:
    """A served class's processes (replicas and balancer) as one server for run_load's
    CPU and RSS figures; a replica that was killed keeps the CPU it had used."""

    def __init__(self, lecture: Lecture):
        self.lecture = lecture
        self._cpu: dict[int, float] = {}

    def _processes(self):
        import psutil

        pids = [r.process.pid for r in self.lecture.replicas if r.process is not None]
        if self.lecture.balancer is not None:
            pids.append(self.lecture.balancer.pid)
        for pid in pids:
            try:
                yield pid, psutil.Process(pid)
            except psutil.Error:
                continue

    def rss_mb(self) -> float:
        import psutil

        total = 0.0
        for _, process in self._processes():
            try:
                total += process.memory_info().rss / 2**20
            except psutil.Error:
                pass
        return total

    def cpu_seconds(self) -> float:
        import psutil

        for pid, process in self._processes():
            try:
                times = process.cpu_times()
                self._cpu[pid] = times.user + times.system
            except psutil.Error:
                pass
        return sum(self._cpu.values())

    def wait_warm(self) -> bool:
        return True  # deploy/serve.py warmed every replica before the balancer started


def served(replicas: int, sessions: int, pages: list[str] | None, *,
           kill_after: float | None = None, kill: str = "r1") -> dict:
    """The load through the balancer in front of `replicas` replicas; with `kill_after`,
    replica `kill` is killed (SIGKILL) that many seconds into the run and started again
    by the supervisor, as deploy/serve.py does."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="rnnviz-class-") as run_dir, \
            Lecture(replicas=replicas, port=port, run_dir=Path(run_dir)) as lecture:
        stop = threading.Event()
        killed: dict[str, float] = {}

        def supervise() -> None:
            began = time.monotonic()
            while not stop.wait(0.5):
                if kill_after is not None and not killed and \
                        time.monotonic() - began >= kill_after:
                    lecture.kill(kill)
                    killed["at"] = time.monotonic() - began
                lecture.check()

        supervisor = threading.Thread(target=supervise, daemon=True)
        supervisor.start()
        try:
            report = run_load(sessions, url=lecture.url, server=Replicas(lecture), pages=pages,
                              session_options=SESSION_OPTIONS)
        finally:
            stop.set()
            supervisor.join()
        report["killed_at"] = killed.get("at")
        report["killed"] = kill if killed else None
        report["replicas"] = replicas
        report["restarts"] = sum(r.restarts for r in lecture.replicas)
    return report


def direct(sessions: int, pages: list[str] | None) -> dict:
    """The same load against one `streamlit run app.py`, as in class without a balancer."""
    with Server() as server:
        report = run_load(sessions, server=server, pages=pages)
    report["replicas"] = 1
    return report


# -- first paint ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_paint_once(browser, script: str, env: dict[str, str], cards: int) -> dict:
    """Start a server on `script`, open its home page in a fresh Chromium context the
    moment the server answers its health check, and time what shows."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **env})
    try:
        started = time.monotonic()
        if not wait_healthy(url, process, 90, poll=0.02):
            raise RuntimeError(f"{script} did not start")
        ready = time.monotonic()
        torch_at: list[float] = []

        def watch_torch() -> None:  # when the server maps libtorch: its import has begun
            maps = Path(f"/proc/{process.pid}/maps")
            while not torch_at and process.poll() is None and time.monotonic() - ready < 30:
                try:
                    if "libtorch_cpu" in maps.read_text():
                        torch_at.append(time.monotonic() - ready)
                except OSError:
                    return
                time.sleep(0.01)

        watcher = threading.Thread(target=watch_torch, daemon=True)
        watcher.start()
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        tab.goto(url + "/", wait_until="commit")
        tab.wait_for_selector("h1", timeout=60_000)
        title = time.monotonic() - ready
        if cards:
            tab.wait_for_function(
                f"document.querySelectorAll('[data-testid=stPageLink]').length >= {cards}",
                timeout=60_000)
        whole = time.monotonic() - ready
        context.close()
        watcher.join(timeout=0 if torch_at else 8)
        return {"startup": ready - started, "title": title, "whole": whole,
                "torch": torch_at[0] if torch_at else None}
    finally:
        stop_process(process)
        log.close()


def first_paint(repeat: int) -> dict[str, list[dict]]:
    sys.path.insert(0, str(ROOT))
    from ui.catalog import available_pages

    cards = len(available_pages())
    with tempfile.TemporaryDirectory(prefix="rnnviz-hello-") as folder:
        (Path(folder) / "hello.py").write_text(HELLO)
        return _first_paint(repeat, Path(folder) / "hello.py", cards)


def _first_paint(repeat: int, hello: Path, cards: int) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright

    variants = [
        ("Streamlit's one-line app (the floor)", str(hello), {}, 0),
        ("rnnviz, torch before the first page (as before)", "app.py",
         {"RNNVIZ_WARM_UP": "first"}, cards),
        ("rnnviz, torch after the first page (now)", "app.py", {}, cards),
    ]
    results: dict[str, list[dict]] = {name: [] for name, *_ in variants}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--headless", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            for _ in range(repeat):  # interleaved, so that a busy minute hits all three
                for name, script, env, n in variants:
                    results[name].append(first_paint_once(browser, script, env, n))
        finally:
            browser.close()
    return results


# -- printing ------------------------------------------------------------------------


def worst_page(report: dict) -> tuple[str, float]:
    page, row = max(report["pages"].items(), key=lambda item: item[1]["p95"])
    return page, row["p95"]


def all_latencies(report: dict) -> list[float]:
    return [x for s in report.get("session_summaries", []) for x in s["latencies"]]


def errors_of(report: dict) -> int:
    return sum(len(row["errors"]) for row in report["pages"].values())


def print_side_by_side(reports: dict[str, dict]) -> None:
    names = list(reports)
    pages = list(next(iter(reports.values()))["pages"])
    width = max(24, *(len(n) + 2 for n in names))  # "0.788 (language_model)" fits
    print("\np95 s from a widget change to its rerun finishing, per page (errors in brackets)")
    print(f"{'page':<16}" + "".join(f"{n:>{width}}" for n in names))
    for page in pages:
        cells = []
        for name in names:
            row = reports[name]["pages"].get(page)
            cells.append("-" if row is None else f"{row['p95']:.3f} ({len(row['errors'])})")
        print(f"{page:<16}" + "".join(f"{c:>{width}}" for c in cells))
    lines = {
        "sessions": lambda r: str(r["sessions"]),
        "errors": lambda r: str(errors_of(r)),
        "p95, all changes": lambda r: f"{percentile(all_latencies(r), 0.95):.3f}",
        "worst page p95": lambda r: "{1:.3f} ({0})".format(*worst_page(r)),
        "train p95 (worst)": lambda r: f"{max(row['train_p95'] for row in r['pages'].values() if row['trained']):.2f}"  # noqa: E501
        if any(row["trained"] for row in r["pages"].values()) else "-",
        "wall s": lambda r: f"{r['wall']:.1f}",
        "server CPU s": lambda r: f"{r['server_cpu']:.0f}",
        "server RSS MB": lambda r: f"{r['peak_rss_mb']:.0f}",
    }
    for label, value in lines.items():
        print(f"{label:<16}" + "".join(f"{value(reports[n]):>{width}}" for n in names))


def print_errors(name: str, report: dict, first: int = 5) -> None:
    errors = [e for row in report["pages"].values() for e in row["errors"]]
    for error in errors[:first]:
        print(f"  {name} error: {error.strip().splitlines()[0][:300]}")
    if len(errors) > first:
        print(f"  {name}: {len(errors) - first} more errors")


def print_kill(report: dict) -> None:
    print(f"\nreplica {report['killed']} killed (SIGKILL) {report['killed_at']:.1f} s into a "
          f"run of {report['wall']:.1f} s, started again by the supervisor")
    for line in replica_lines(report):
        print("  " + line)


def print_first_paint(results: dict[str, list[dict]]) -> None:
    print("\nCold server, first content in Chromium (s after the health check first answers; "
          "median [min-max] of", len(next(iter(results.values()))), "starts)")
    def spread(runs: list[dict], key: str) -> str:
        values = [r[key] for r in runs if r[key] is not None]
        if not values:
            return "-"
        return f"{statistics.median(values):.2f} [{min(values):.2f}-{max(values):.2f}]"

    for name, runs in results.items():
        print(f"  {name:<50} title {spread(runs, 'title'):<18} all cards "
              f"{spread(runs, 'whole'):<18} torch mapped at {spread(runs, 'torch')}")


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=["one", "two", "hundred", "kill",
                                                      "first_paint"],
                        help="run only these parts (default: all)")
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--many", type=int, default=100)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="cold starts per first-paint way")
    parser.add_argument("--kill-after", type=float,
                        help="seconds into the kill run (default: half the 2-replica run)")
    parser.add_argument("--quick", action="store_true",
                        help="6 and 12 sessions on three pages, one cold start each")
    parser.add_argument("--steps", action="store_true", help="also print every run's report")
    args = parser.parse_args()
    parts = set(args.only or ["one", "two", "hundred", "kill", "first_paint"])
    pages = None
    if args.quick:
        args.sessions, args.many, args.repeat = 6, 12, 1
        pages = ["", "srn", "ohlol"]
    pages = pages if pages is not None else page_names()
    print(f"lecture hall bench: {os.cpu_count()} cores, pages {[p or 'home' for p in pages]}, "
          f"load average at start {os.getloadavg()[0]:.1f}", flush=True)

    reports: dict[str, dict] = {}
    kill_report = paint = None
    if "first_paint" in parts:
        paint = first_paint(args.repeat)
        print_first_paint(paint)
    if "one" in parts:
        reports[f"1 replica, {args.sessions}"] = report = direct(args.sessions, pages)
        print(f"\n== one replica (streamlit run app.py), {args.sessions} sessions", flush=True)
        if args.steps:
            print_report(report)
    for part, sessions in (("two", args.sessions), ("hundred", args.many)):
        if part in parts:
            name = f"{args.replicas} replicas, {sessions}"
            reports[name] = report = served(args.replicas, sessions, pages)
            print(f"\n== balancer, {name} sessions", flush=True)
            if args.steps:
                print_report(report)
    if "kill" in parts:
        two = reports.get(f"{args.replicas} replicas, {args.sessions}")
        after = args.kill_after or (two["wall"] / 2 if two else 15.0)
        kill_report = served(args.replicas, args.sessions, pages, kill_after=after)
        reports[f"{args.replicas}, r1 killed"] = kill_report
        print(f"\n== balancer, {args.sessions} sessions, r1 killed after {after:.0f} s",
              flush=True)
        if args.steps:
            print_report(kill_report)

    print("\n" + "=" * 100)
    print(f"Lecture hall, {os.cpu_count()} cores shared with other developers "
          f"(load average now {os.getloadavg()[0]:.1f})")
    if reports:
        print_side_by_side(reports)
        for name, report in reports.items():
            print_errors(name, report)
        for name, report in reports.items():
            lines = replica_lines(report)
            if lines:
                print(f"\n{name}:")
                for line in lines:
                    print("  " + line)
    if kill_report is not None and kill_report["killed"]:
        print_kill(kill_report)
    if paint is not None:
        print_first_paint(paint)

    print("\nTargets")
    two = reports.get(f"{args.replicas} replicas, {args.sessions}")
    if two:
        page, p95 = worst_page(two)
        print(f"  {args.replicas} replicas, {args.sessions} sessions: errors {errors_of(two)}, "
              f"worst page p95 {p95:.3f} s ({page}); target 0 and 0.4 s: "
              f"{verdict(errors_of(two) == 0 and p95 <= 0.4)}")
    many = reports.get(f"{args.replicas} replicas, {args.many}")
    if many:
        page, p95 = worst_page(many)
        print(f"  {args.replicas} replicas, {args.many} sessions: errors {errors_of(many)}, "
              f"worst page p95 {p95:.3f} s ({page}); target 0 and 1 s: "
              f"{verdict(errors_of(many) == 0 and p95 <= 1.0)}")
    if kill_report is not None and kill_report["killed"]:
        summaries = kill_report["session_summaries"]
        killed = [s for s in summaries if s["replica"] == kill_report["killed"]]
        others = [s for s in summaries if s["replica"] != kill_report["killed"]]
        other_errors = sum(s["errors"] for s in others)
        finished = sum(1 for s in killed if not s["errors"] and s["pages_done"] == len(pages))
        reconnected = sum(1 for s in killed if s["reconnects"])
        print(f"  kill: errors on the other replica's {len(others)} sessions {other_errors}; "
              f"of the killed replica's {len(killed)}, {reconnected} reconnected and "
              f"{finished} went through every page without an error: "
              f"{verdict(other_errors == 0 and finished == len(killed))}")
    if paint is not None:
        now = [r["title"] for r in paint["rnnviz, torch after the first page (now)"]]
        print(f"  cold server, first content: median {statistics.median(now):.2f} s; target 1 s: "
              f"{verdict(statistics.median(now) <= 1.0)}")


if __name__ == "__main__":
    main()
