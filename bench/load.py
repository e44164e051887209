"""Classroom load: N students open every page at once and play with it.

Starts the real server (``streamlit run app.py`` on a free loopback port) and
drives it with N concurrent sessions over Streamlit's own websocket protocol
(``bench/stclient.py``). Each session opens every page and makes the changes
in ``PLANS`` (at least five per page, read off the pages; the language switch
fills up), presses Train where the page has one, waits for the shared run as a
browser does (rerunning the polling fragment on its timer, not the whole page)
and then makes the ``AFTER_TRAINING`` changes. All sessions make the same
changes, so their training requests are identical and must share one run.
A widget inside a fragment reruns only that fragment, as in the browser.

Prints, per page: sessions, interactions, errors, p50/p95 seconds from a
widget change to its rerun finishing, the wait for training, how many distinct
jobs the sessions saw (identical requests should share one), the server's peak
RSS and CPU, and the client's CPU. The sessions run in up to four client
processes (one per ten sessions) so that the client's own GIL does not add to
the latencies it measures.

    python bench/load.py --sessions 40
    python bench/load.py --sessions 4 --pages srn language_model
"""

from __future__ import annotations

import argparse
import multiprocessing
import queue
import resource
import sys
import threading
import time
import traceback
from pathlib import Path
from urllib.parse import parse_qs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stclient import Server, StreamlitSession, Widget, page_names  # noqa: E402

SKIPPED_KINDS = {"download_button", "file_uploader"}
SESSIONS = "__sessions__"  # a client process's per-session summaries, beside its pages
# What a student does on each page, read off the pages: (widget key, value) in order,
# before pressing Train, and ("after") once the run is finished. A value for a selectbox,
# radio or select_slider is an option index or the option's text; a multiselect takes a
# list of indices. A key the page does not show at that moment is skipped, and the
# language switch fills up to the required number of changes.
PLANS: dict[str, list[tuple[str, object]]] = {
    "": [],
    "srn": [("srn.t", 2), ("srn.t", 3), ("srn.act", 1), ("srn.edit", True),
            ("srn.act", 0), ("srn.t", 1)],
    "activation": [("activation.length", 40), ("activation.scale", 3),
                   ("activation.log", False), ("activation.activations", [0, 1]),
                   ("preset_fade", True), ("activation.length", 20)],
    "bptt": [("bptt.t", 2), ("bptt.loss", 1), ("bptt.t", 1), ("bptt.k", 2),
             ("bptt.theta", 2.0), ("bptt.loss", 0)],
    "gated": [("gated.t", 2), ("gated.cell", 1), ("gated.t", 3), ("gated.bias", 2),
              ("gated.steps", 150), ("gated.cell", 0)],
    "ohlol": [("ohlol.variant", 1), ("ohlol.hidden", 5), ("ohlol.variant", 0),
              ("ohlol.epochs", 20), ("ohlol.animation", 1)],
    "sine": [("sine.cell", 1), ("sine.seed", 1), ("sine.cell", 0), ("sine.seed", 0),
             ("sine.hidden", "12"), ("sine.hidden", "16")],
    "seq2seq": [("seq2seq.hidden", 132), ("seq2seq.seed", 1), ("seq2seq.hidden", 128),
                ("seq2seq.seed", 0), ("seq2seq.recipe", 1), ("seq2seq.recipe", 0)],
    "attention": [("attention.score", 1), ("attention.hidden", 32), ("attention.score", 0),
                  ("attention.hidden", 64), ("attention.seed", 1)],
    "bidirectional": [("bidirectional.hidden", 4), ("bidirectional.layers", 2),
                      ("bidirectional.seed", 1), ("bidirectional.kind", 1),
                      ("bidirectional.sequence", "hallo")],
    "shapes": [("shapes.cell", 2), ("shapes.bidirectional", True), ("shapes.num_layers", 2),
               ("shapes.hidden_size", 30), ("shapes.batch_first", True), ("shapes.cell", 3)],
    "language_model": [("language.top_n", 60), ("language.gen_length", 150),
                       ("language.decoding", 1), ("language.temperature", 1.2),
                       ("language.top_n", 30)],
}
AFTER_TRAINING: dict[str, list[tuple[str, object]]] = {
    "ohlol": [("ohlol.epoch", 5), ("ohlol.epoch", 10)],
    "sine": [("sine.horizon", 60), ("sine.carried", True)],
    "seq2seq": [("seq2seq.word", "halo")],
    "attention": [("attention.text", "cat")],
    "language_model": [("language.gen_length", 80), ("language.decoding", 0)],
}
SKIPPED_KEYS = {"lang"}  # and every training panel's Train and Stop (see is_skipped)
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


def is_skipped(key: str) -> bool:
    return key in SKIPPED_KEYS or key.endswith(("_train", "_stop"))


def train_key(session: StreamlitSession) -> str | None:
    """The Train button of the page's training panel (ui.live: "<panel>_train")."""
    trains = [key for key in session.widgets if key.endswith("_train")]
    # the page's main run (the attention page's 40-second comparison is not a student's click)
    return min(trains, key=len) if trains else None


def follow_plan(session: StreamlitSession, plan: list[tuple[str, object]] | None, record,
                changes: int | None) -> int:
    """Make the planned changes (or, with no plan, gentle ones); returns how many."""
    made = 0
    if plan is None:  # a page this script does not know yet: small changes of its widgets
        plan = []
        for key, widget in list(session.widgets.items()):
            value = gentle_change(widget)
            if not is_skipped(key) and widget.kind not in SKIPPED_KINDS and value is not None:
                plan.append((key, value))
        plan = plan[:changes]
    for key, value in plan:
        if key not in session.widgets:
            continue  # not shown in this state of the page
        record(session.set(key, value), f"set {key}={value!r}")
        made += 1
    return made


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class PageStats:
    FIELDS = ("sessions", "interactions", "errors", "latencies", "train_waits",
              "finished_lines", "trained", "steps")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sessions = 0
        self.interactions = 0
        self.errors: list[str] = []
        self.latencies: list[float] = []
        self.train_waits: list[float] = []
        self.finished_lines: set[str] = set()
        self.trained = 0
        self.steps: dict[str, list[float]] = {}  # what was done -> its latencies

    def add(self, other: PageStats) -> None:
        """Add one session's figures (`other`) to these."""
        with self.lock:
            self.sessions += other.sessions
            self.interactions += other.interactions
            self.errors.extend(other.errors)
            self.latencies.extend(other.latencies)
            self.train_waits.extend(other.train_waits)
            self.finished_lines |= other.finished_lines
            self.trained += other.trained
            for what, seconds in other.steps.items():
                self.steps.setdefault(what, []).extend(seconds)


def drive_page(session: StreamlitSession, page: str, stats: PageStats, *,
               changes: int, train_timeout: float) -> None:
    def record(result, what: str, *, timed: bool = True) -> None:
        with stats.lock:
            stats.interactions += 1
            stats.steps.setdefault(what, []).append(result.seconds)
            if timed:  # a widget change; opening a page and pressing Train are not timed here
                stats.latencies.append(result.seconds)
            if not result.ok:
                stats.errors.append(f"{page or 'home'} {what}: status {result.status} "
                                    f"{result.exceptions[:1]}")
        after_reconnecting(result)

    def after_reconnecting(result):
        """A page reloaded on another replica (its own died) shows what its link says,
        in the link's language: a change in flight is lost. The student switches back."""
        if result.reconnected and parse_qs(session.query).get("lang", ["en"])[-1] != "en":
            result = session.set("lang", 0)
            record(result, "set lang after reconnecting")
        return result

    result = session.open(page)
    record(result, "open", timed=False)
    with stats.lock:
        stats.sessions += 1
    made = follow_plan(session, PLANS.get(page), record, changes)
    # The language switch is a widget on every page: toggle it to fill up to `changes`.
    flips = 0
    while made < changes:
        flips += 1
        record(session.set("lang", flips % 2), "set lang")
        made += 1
    if flips % 2:
        record(session.set("lang", 0), "set lang back")
    train = train_key(session)
    if train is None:
        return
    started = time.monotonic()
    result = session.set(train, True)
    record(result, "train", timed=False)
    reloaded = result.reconnected  # on another replica, where no run of ours exists
    deadline = started + train_timeout
    while True:
        text = result.text
        done = [line for line in text.splitlines() if line.startswith(DONE_MARKERS)]
        busy = any(marker in text for marker in BUSY_MARKERS)
        if done and not busy and not session.auto_reruns:  # the page has stopped polling
            with stats.lock:
                stats.train_waits.append(time.monotonic() - started)
                stats.finished_lines.update(done)
                stats.trained += 1
            follow_plan(session, AFTER_TRAINING.get(page, []), record, None)
            return
        if time.monotonic() > deadline:
            with stats.lock:
                stats.errors.append(f"{page}: training not finished within {train_timeout} s")
            return
        if reloaded and not done and not busy:
            # The run was on a replica that stopped; on the page reloaded on another one
            # the student presses Train again.
            result = session.set(train, True)
            record(result, "train again", timed=False)
            reloaded = result.reconnected
            continue
        # As the browser does: rerun the polling fragment on its timer; the fragment's
        # last run (the job done) calls st.rerun(), and that full run is what is read.
        polled = session.poll()
        reloaded = reloaded or polled.reconnected
        result = after_reconnecting(polled)


def student(url: str, pages: list[str], stats: dict[str, PageStats], *, changes: int,
            train_timeout: float, start_delay: float, session_options: dict | None = None,
            summaries: list[dict] | None = None) -> None:
    """One student. `session_options` go to StreamlitSession (sticky, reconnect_seconds);
    `summaries` gets this session's replica, reconnections, errors and latencies."""
    time.sleep(start_delay)
    mine = {page: PageStats() for page in pages}  # this session's, added to `stats` at the end
    summary = {"replica": None, "replicas": [], "reconnects": 0, "errors": 0,
               "pages_done": 0, "latencies": []}
    try:
        try:
            session = StreamlitSession(url, query="lang=en", timeout=120,
                                       **(session_options or {}))
        except Exception as exc:  # noqa: BLE001 - a refused connection is a reported error
            mine[pages[0]].errors.append(f"connect: {exc!r}")
            return
        summary["replica"] = session.replica
        with session:
            for page in pages:
                try:
                    drive_page(session, page, mine[page], changes=changes,
                               train_timeout=train_timeout)
                    summary["pages_done"] += 1
                except Exception as exc:  # noqa: BLE001 - counted, the session goes on
                    mine[page].errors.append(f"{page}: {exc!r}\n"
                                             f"{traceback.format_exc(limit=2)}")
        summary.update(replicas=session.replicas, reconnects=session.reconnects)
    finally:
        for page in pages:
            stats[page].add(mine[page])
        summary["errors"] = sum(len(row.errors) for row in mine.values())
        summary["latencies"] = [x for row in mine.values() for x in row.latencies]
        if summaries is not None:
            summaries.append(summary)


def students(url: str, pages: list[str], delays: list[float], options: dict, results) -> None:
    """One client process: a thread per session; its figures go back through `results`."""
    stats = {page: PageStats() for page in pages}
    summaries: list[dict] = []
    threads = [threading.Thread(target=student, args=(url, pages, stats),
                                kwargs={**options, "start_delay": delay, "summaries": summaries},
                                daemon=True)
               for delay in delays]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    part = {page: {name: getattr(page_stats, name) for name in PageStats.FIELDS}
            for page, page_stats in stats.items()}
    part[SESSIONS] = summaries
    results.put(part)


def watch_rss(server: Server, stop: threading.Event, peak: list[float]) -> None:
    while not stop.is_set():
        try:
            peak[0] = max(peak[0], server.rss_mb())
        except Exception:  # noqa: BLE001 - the server is gone at the very end
            return
        stop.wait(0.2)


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_load(sessions: int, *, changes: int = 5, train_timeout: float = 180.0,
             ramp: float = 2.0, url: str | None = None, server: Server | None = None,
             pages: list[str] | None = None, processes: int | None = None,
             teacher: bool = True, session_options: dict | None = None) -> dict:
    """Run the load against `url` (a fresh server is started when it is None).

    The sessions are spread over `processes` client processes (default: one per 10
    sessions, at most 4) so that the client's own GIL does not add to the latencies.
    With `teacher`, one session opens the home page first and stays connected, as the
    teacher's projected one does in class. The students then meet a server that has
    imported torch (~2.5 s). Without it they all wait for that import, are released at
    the same moment, and go through every page in lockstep.

    `session_options` go to every StreamlitSession: through a balancer, ``sticky``
    (cookies, as a browser) and ``reconnect_seconds`` (a dropped websocket is opened
    again). The report's "session_summaries" say which replica each session was on.
    """
    own_server = server is None and url is None
    if own_server:
        server = Server()
    url = url or server.url
    pages = pages if pages is not None else page_names()
    processes = processes or min(4, max(1, round(sessions / 10)))
    delays = [ramp * i / max(1, sessions) for i in range(sessions)]
    options = {"changes": changes, "train_timeout": train_timeout,
               "session_options": session_options}
    projector = None
    if teacher:
        projector = StreamlitSession(url, query="lang=en", timeout=120,
                                     **(session_options or {}))
        projector.open("")
        if server is not None:
            server.wait_warm()  # torch is imported after the first page, in the background
    client_cpu = cpu_seconds(resource.RUSAGE_CHILDREN) + cpu_seconds(resource.RUSAGE_SELF)
    server_cpu = server.cpu_seconds() if server is not None else 0.0
    started = time.monotonic()
    if processes == 1:  # in this process: no fork (a caller may run browsers in threads)
        results = queue.Queue()
        workers = [threading.Thread(target=students, args=(url, pages, delays, options, results),
                                    daemon=True)]
    else:
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        workers = [context.Process(target=students, args=(url, pages, delays[i::processes],
                                                          options, results), daemon=True)
                   for i in range(processes)]
    for worker in workers:
        worker.start()
    peak = [server.rss_mb() if server else 0.0]
    stop = threading.Event()
    watcher = None
    if server is not None:
        watcher = threading.Thread(target=watch_rss, args=(server, stop, peak), daemon=True)
        watcher.start()
    parts = [results.get() for _ in workers]  # before join: a full pipe would block the child
    for worker in workers:
        worker.join()
    wall = time.monotonic() - started
    client_cpu = cpu_seconds(resource.RUSAGE_CHILDREN) + cpu_seconds(resource.RUSAGE_SELF) \
        - client_cpu
    server_cpu = server.cpu_seconds() - server_cpu if server is not None else float("nan")
    stop.set()
    if watcher is not None:
        watcher.join()
    if projector is not None:
        projector.close()
    report = {"sessions": sessions, "teacher": teacher, "wall": wall, "peak_rss_mb": peak[0],
              "pages": {}, "processes": processes, "client_cpu": client_cpu,
              "server_cpu": server_cpu,
              "session_summaries": [s for part in parts for s in part.get(SESSIONS, [])]}
    for page in pages:
        merged = {name: [] for name in ("errors", "latencies", "train_waits")}
        merged.update(sessions=0, interactions=0, trained=0, finished_lines=set(), steps={})
        for part in parts:
            row = part[page]
            for name in ("errors", "latencies", "train_waits"):
                merged[name].extend(row[name])
            for name in ("sessions", "interactions", "trained"):
                merged[name] += row[name]
            merged["finished_lines"] |= row["finished_lines"]
            for what, seconds in row["steps"].items():
                merged["steps"].setdefault(what, []).extend(seconds)
        report["pages"][page or "home"] = {
            "sessions": merged["sessions"],
            "interactions": merged["interactions"],
            "errors": merged["errors"],
            "p50": percentile(merged["latencies"], 0.50),
            "p95": percentile(merged["latencies"], 0.95),
            "trained": merged["trained"],
            "train_p95": percentile(merged["train_waits"], 0.95),
            "jobs": len(merged["finished_lines"]),
            "steps": {what: (percentile(seconds, 0.5), percentile(seconds, 0.95), len(seconds))
                      for what, seconds in merged["steps"].items()},
        }
    if own_server:
        server.stop()
    return report


def print_steps(report: dict) -> None:
    """p50/p95 of every step of every page, in the order the sessions made them."""
    for page, row in report["pages"].items():
        print(f"\n{page}")
        for what, (p50, p95, count) in row["steps"].items():
            print(f"  {what:<40}{count:>5}{p50:>8.3f}{p95:>8.3f}")


def print_report(report: dict) -> None:
    wall = report["wall"]
    start = "after the teacher's session" if report.get("teacher") else "on a cold server"
    print(f"\nN = {report['sessions']} sessions ({start}), wall {wall:.1f} s, "
          f"server peak RSS {report['peak_rss_mb']:.0f} MB")
    print(f"server CPU {report['server_cpu']:.0f} s ({100 * report['server_cpu'] / wall:.0f}% "
          f"of one core); client CPU {report['client_cpu']:.0f} s "
          f"({100 * report['client_cpu'] / wall:.0f}%) in {report['processes']} processes")
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
    for line in replica_lines(report):
        print(line)


def replica_lines(report: dict) -> list[str]:
    """Per replica the sessions started on (behind a balancer): sessions, errors, p95 of
    their widget changes, how many reconnected and were on another replica at the end."""
    groups: dict[str, list[dict]] = {}
    for summary in report.get("session_summaries", []):
        if summary["replica"] is not None:
            groups.setdefault(summary["replica"], []).append(summary)
    lines = []
    for replica, group in sorted(groups.items()):
        latencies = [x for s in group for x in s["latencies"]]
        moved = sum(1 for s in group if s["replicas"] and s["replicas"][-1] != replica)
        lines.append(
            f"replica {replica}: {len(group)} sessions, errors {sum(s['errors'] for s in group)}"
            f", p95 {percentile(latencies, 0.95):.3f} s, reconnected "
            f"{sum(1 for s in group if s['reconnects'])}, ended on another replica {moved}, "
            f"went through every page {sum(1 for s in group if not s['errors'])}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--changes", type=int, default=5, help="widget changes per page (>= 5)")
    parser.add_argument("--train-timeout", type=float, default=300.0)
    parser.add_argument("--url", help="an already running server (RSS is then not measured)")
    parser.add_argument("--pages", nargs="*", help="url names ('' is home); default: all")
    parser.add_argument("--processes", type=int, help="client processes (default N/10, <= 4)")
    parser.add_argument("--steps", action="store_true",
                        help="also print p50/p95 of each step (open, each change, train)")
    parser.add_argument("--cold", action="store_true",
                        help="no teacher's session first: the students meet a cold server")
    parser.add_argument("--sticky", action="store_true",
                        help="behind a balancer (--url): load the page first and keep its "
                             "cookies, as a browser does")
    parser.add_argument("--reconnect", type=float, default=0.0, metavar="SECONDS",
                        help="open a dropped websocket again for up to SECONDS (a replica "
                             "that died)")
    args = parser.parse_args()
    session_options = {"sticky": True} if args.sticky else {}
    if args.reconnect:
        session_options["reconnect_seconds"] = args.reconnect
    report = run_load(args.sessions, changes=max(5, args.changes),
                      train_timeout=args.train_timeout, url=args.url, pages=args.pages,
                      processes=args.processes, teacher=not args.cold,
                      session_options=session_options or None)
    if args.steps:
        print_steps(report)
    print_report(report)


if __name__ == "__main__":
    main()
