"""Classroom load: N students open every page at once and play with it.

Starts the real server (``streamlit run app.py`` on a free loopback port) and
drives it with N concurrent sessions over Streamlit's own websocket protocol
(``bench/stclient.py``). Each session opens every page, makes at least five
widget changes on it (the same changes in every session, so their training
requests are identical) and presses Train where the page has one, then waits
until its run is finished. Prints, per page: sessions, interactions, errors,
p50/p95 seconds from a widget change to the rerun finishing, the wait for
training, how many distinct jobs the sessions saw (identical requests should
share one) and the server's peak RSS.

    python bench/load.py --sessions 40
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stclient import Server, StreamlitSession, Widget, page_names  # noqa: E402

SKIPPED_KINDS = {"download_button", "file_uploader"}
SKIPPED_KEYS = {"lang", "train", "stop"}
DONE_MARKERS = ("Finished in", "Stopped after", "Training failed")
BUSY_MARKERS = ("Training…", "Waiting for a free trainer")


def gentle_change(widget: Widget) -> object | None:
    """A small, valid, deterministic change of a widget (None: leave it alone)."""
    proto = widget.proto
    kind = widget.kind
    if kind == "slider":
        if len(proto.default) != 1 or proto.options:
            return None
        value, step = proto.default[0], proto.step or 1
        return value - step if value - step >= proto.min else min(proto.max, value + step)
    if kind == "number_input":
        value, step = proto.default, proto.step or 1
        if not proto.has_min or value - step >= proto.min:
            return value - step
        return value + step
    if kind in ("selectbox", "radio"):
        options = list(proto.options)
        if len(options) < 2:
            return None
        default = proto.default
        current = default if isinstance(default, int) else (default[0] if len(default) else 0)
        return 1 if current == 0 else 0
    if kind == "checkbox":
        return not proto.default
    if kind in ("text_input", "text_area"):
        return (proto.default or "") + "a"
    return None


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class PageStats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sessions = 0
        self.interactions = 0
        self.errors: list[str] = []
        self.latencies: list[float] = []
        self.train_waits: list[float] = []
        self.finished_lines: set[str] = set()
        self.trained = 0


def drive_page(session: StreamlitSession, page: str, stats: PageStats, *,
               changes: int, train_timeout: float) -> None:
    def record(result, what: str, *, timed: bool = True) -> None:
        with stats.lock:
            stats.interactions += 1
            if timed:  # a widget change; opening a page and pressing Train are not timed here
                stats.latencies.append(result.seconds)
            if not result.ok:
                stats.errors.append(f"{page or 'home'} {what}: status {result.status} "
                                    f"{result.exceptions[:1]}")

    result = session.open(page)
    record(result, "open", timed=False)
    with stats.lock:
        stats.sessions += 1
    made = 0
    for key in list(result.widgets):
        if made >= changes:
            break
        widget = session.widgets.get(key)
        if widget is None or key in SKIPPED_KEYS or widget.kind in SKIPPED_KINDS:
            continue
        value = gentle_change(widget)
        if value is None:
            continue
        record(session.set(key, value), f"set {key}={value!r}")
        made += 1
    # The language switch is a widget on every page: toggle it to fill up to `changes`.
    flips = 0
    while made < changes:
        flips += 1
        record(session.set("lang", flips % 2), "set lang")
        made += 1
    if flips % 2:
        record(session.set("lang", 0), "set lang back")
    if "train" not in session.widgets:
        return
    started = time.monotonic()
    result = session.set("train", True)
    record(result, "train", timed=False)
    deadline = started + train_timeout
    while True:
        text = result.text
        done = [line for line in text.splitlines() if line.startswith(DONE_MARKERS)]
        if done and not any(marker in text for marker in BUSY_MARKERS):
            with stats.lock:
                stats.train_waits.append(time.monotonic() - started)
                stats.finished_lines.update(done)
                stats.trained += 1
            return
        if time.monotonic() > deadline:
            with stats.lock:
                stats.errors.append(f"{page}: training not finished within {train_timeout} s")
            return
        time.sleep(0.5)
        result = session.rerun()  # what the polling fragment's final full rerun shows


def student(url: str, pages: list[str], stats: dict[str, PageStats], *, changes: int,
            train_timeout: float, start_delay: float) -> None:
    time.sleep(start_delay)
    try:
        session = StreamlitSession(url, query="lang=en", timeout=120)
    except Exception as exc:  # noqa: BLE001 - a refused connection is a reported error
        with stats[pages[0]].lock:
            stats[pages[0]].errors.append(f"connect: {exc!r}")
        return
    with session:
        for page in pages:
            try:
                drive_page(session, page, stats[page], changes=changes,
                           train_timeout=train_timeout)
            except Exception as exc:  # noqa: BLE001 - counted, the session goes on
                with stats[page].lock:
                    stats[page].errors.append(f"{page}: {exc!r}\n{traceback.format_exc(limit=2)}")


def watch_rss(server: Server, stop: threading.Event, peak: list[float]) -> None:
    while not stop.is_set():
        try:
            peak[0] = max(peak[0], server.rss_mb())
        except Exception:  # noqa: BLE001 - the server is gone at the very end
            return
        stop.wait(0.2)


def run_load(sessions: int, *, changes: int = 5, train_timeout: float = 180.0,
             ramp: float = 2.0, url: str | None = None, server: Server | None = None,
             pages: list[str] | None = None) -> dict:
    """Run the load against `url` (a fresh server is started when it is None)."""
    own_server = server is None and url is None
    if own_server:
        server = Server()
    url = url or server.url
    pages = pages if pages is not None else page_names()
    stats = {page: PageStats() for page in pages}
    peak = [server.rss_mb() if server else 0.0]
    stop = threading.Event()
    watcher = None
    if server is not None:
        watcher = threading.Thread(target=watch_rss, args=(server, stop, peak), daemon=True)
        watcher.start()
    started = time.monotonic()
    threads = [
        threading.Thread(target=student, args=(url, pages, stats),
                         kwargs={"changes": changes, "train_timeout": train_timeout,
                                 "start_delay": ramp * i / max(1, sessions)}, daemon=True)
        for i in range(sessions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    stop.set()
    if watcher is not None:
        watcher.join()
    report = {"sessions": sessions, "wall": wall, "peak_rss_mb": peak[0], "pages": {}}
    for page, page_stats in stats.items():
        report["pages"][page or "home"] = {
            "sessions": page_stats.sessions,
            "interactions": page_stats.interactions,
            "errors": page_stats.errors,
            "p50": percentile(page_stats.latencies, 0.50),
            "p95": percentile(page_stats.latencies, 0.95),
            "trained": page_stats.trained,
            "train_p95": percentile(page_stats.train_waits, 0.95),
            "jobs": len(page_stats.finished_lines),
        }
    if own_server:
        server.stop()
    return report


def print_report(report: dict) -> None:
    print(f"\nN = {report['sessions']} sessions, wall {report['wall']:.1f} s, "
          f"server peak RSS {report['peak_rss_mb']:.0f} MB")
    header = (f"{'page':<18}{'sessions':>9}{'interact':>9}{'errors':>7}{'p50 s':>8}{'p95 s':>8}"
              f"{'trained':>8}{'train p95 s':>12}{'jobs':>6}")
    print(header)
    print("-" * len(header))
    total_errors = 0
    for page, row in report["pages"].items():
        total_errors += len(row["errors"])
        train = f"{row['train_p95']:.2f}" if row["trained"] else "-"
        print(f"{page:<18}{row['sessions']:>9}{row['interactions']:>9}{len(row['errors']):>7}"
              f"{row['p50']:>8.3f}{row['p95']:>8.3f}{row['trained']:>8}{train:>12}"
              f"{row['jobs'] if row['trained'] else '-':>6}")
    print(f"total errors: {total_errors}")
    for row in report["pages"].values():
        for error in row["errors"][:3]:
            print("  error:", error.strip().splitlines()[0])
    print("jobs = distinct 'Finished in … s' lines the sessions saw: 1 means every session "
          "shared one training run")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--changes", type=int, default=5, help="widget changes per page (>= 5)")
    parser.add_argument("--train-timeout", type=float, default=300.0)
    parser.add_argument("--url", help="an already running server (RSS is then not measured)")
    args = parser.parse_args()
    report = run_load(args.sessions, changes=max(5, args.changes),
                      train_timeout=args.train_timeout, url=args.url)
    print_report(report)


if __name__ == "__main__":
    main()
