"""A lesson's worth of use: sessions come and go and train again and again.

Starts the real server and keeps `--concurrent` websocket sessions busy for
`--minutes` (10 by default). Each session opens a random page, changes a few
widgets to random values between their minimum and default (so requests
differ and go through the bounded pool, and stay cheap), presses Train, and
half of the time presses Stop a moment later; then it disconnects and a new
session takes its place. Prints the server's RSS and thread count after
warm-up and at the end (and after the sessions have gone), the number of
trainings and stops, and errors.

Targets: RSS at the end within 20% of after warm-up, thread count not growing,
every Stop honoured, zero errors, and all finished jobs released: once the
sessions have gone no job is queued or running, and no job object is alive
beyond the few the pool keeps for sharing identical requests (the server
reports its job pool to its log every two seconds, `RNNVIZ_JOB_REPORT_SECONDS`).

    python bench/soak.py --minutes 10
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import DONE_MARKERS, is_skipped, train_key  # noqa: E402
from stclient import Server, StreamlitSession, page_names  # noqa: E402

SKIPPED_KEYS = {"lang"}  # and the training panels' buttons: see load.is_skipped


DISCONNECTED_TTL = 10  # seconds


def cheap_random_value(widget, rng: random.Random):
    proto = widget.proto
    if widget.kind == "slider" and len(proto.default) == 1 and not proto.options:
        low, default = proto.min, proto.default[0]
        step = proto.step or 1
        return low + step * rng.randint(0, int((default - low) / step))
    if widget.kind == "number_input" and proto.has_min:
        low, default = proto.min, proto.default
        step = proto.step or 1
        return low + step * rng.randint(0, max(0, int((default - low) / step)))
    if widget.kind == "checkbox":
        return rng.random() < 0.5
    return None


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sessions = self.interactions = self.trainings = self.stops = self.refused = 0
        self.errors: list[str] = []

    def add(self, **counts) -> None:
        with self.lock:
            for name, value in counts.items():
                setattr(self, name, getattr(self, name) + value)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


STATUS_MARKERS = DONE_MARKERS + ("Training…", "Waiting for a free trainer", "sessions asked")


def status_of(result) -> str:
    return " | ".join(line for line in result.text.splitlines()
                      if line.startswith(STATUS_MARKERS) or "sessions asked" in line)


def wait_finished(session: StreamlitSession, timeout: float, *, leave_at: float = math.inf):
    """The finished run's result, or the status last shown if it did not finish in time.

    Polls as the browser does (the page's timed fragment). At `leave_at` (the end of
    the lesson) the student presses Stop and waits only for that to be honoured.
    """
    deadline = time.monotonic() + timeout
    result = session.rerun()
    while True:
        if any(line.startswith(DONE_MARKERS) for line in result.text.splitlines()) \
                and not session.auto_reruns:
            return result
        if time.monotonic() > leave_at:
            session.set(train_key(session).replace("_train", "_stop"), True)
            return wait_finished(session, 15.0)
        if time.monotonic() > deadline:
            return status_of(result) or result.text[-300:].replace("\n", " | ")
        result = session.poll()


def one_visit(url: str, pages: list[str], rng: random.Random, tally: Tally,
              until: float = math.inf) -> None:
    page = rng.choice(pages)
    with StreamlitSession(url, timeout=120) as session:
        tally.add(sessions=1)
        result = session.open(page)
        tally.add(interactions=1)
        if not result.ok:
            tally.error(f"{page} open: {result.exceptions[:1]}")
        keys = [k for k in result.widgets if k not in SKIPPED_KEYS and not is_skipped(k)]
        for key in rng.sample(keys, min(3, len(keys))):
            widget = session.widgets.get(key)
            value = None if widget is None else cheap_random_value(widget, rng)
            if value is None:
                continue
            result = session.set(key, value)
            tally.add(interactions=1)
            if not result.ok:
                tally.error(f"{page} set {key}={value}: {result.exceptions[:1]}")
        train = train_key(session)
        if train is None:
            return
        result = session.set(train, True)
        tally.add(interactions=1, trainings=1)
        if not status_of(result) and not session.auto_reruns:
            # No run started: the settings were refused (Train disabled); the page must say why.
            if not result.of_kind("alert"):
                tally.error(f"{page}: Train did nothing and showed no message")
            tally.add(refused=1)
            return
        if rng.random() < 0.5:
            time.sleep(rng.uniform(0.0, 2.0))
            session.set(train.replace("_train", "_stop"), True)
            tally.add(interactions=1, stops=1)
            outcome = wait_finished(session, 15.0)
            if isinstance(outcome, str):
                tally.error(f"{page}: Stop not honoured within 15 s; shown: {outcome}")
        else:
            outcome = wait_finished(session, 300.0, leave_at=until)
            if isinstance(outcome, str):
                tally.error(f"{page}: training not finished within 300 s; shown: {outcome}")


def visitor(url: str, pages: list[str], seed: int, until: float, tally: Tally) -> None:
    rng = random.Random(seed)
    while time.monotonic() < until:
        try:
            one_visit(url, pages, rng, tally, until)
        except Exception as exc:  # noqa: BLE001 - counted, a new student comes
            tally.error(repr(exc))
        time.sleep(rng.uniform(0.0, 1.0))


def job_report(server: Server) -> dict:
    """The server's latest report of its job pool (see rnnviz.jobs.REPORT_ENV)."""
    lines = [line for line in server.log_path.read_text().splitlines()
             if line.startswith("rnnviz-jobs ")]
    return json.loads(lines[-1].split(" ", 1)[1]) if lines else {}


def soak(minutes: float, concurrent: int, *, seed: int = 0,
         pages: list[str] | None = None) -> dict:
    pages = pages or page_names()
    # Streamlit keeps a disconnected session (and its state, jobs included) for
    # server.disconnectedSessionTTL seconds in case the tab reconnects: 120 by default.
    # A short TTL lets the run check, soon after the last student leaves, that nothing
    # else holds on to a finished job.
    env = {"RNNVIZ_JOB_REPORT_SECONDS": "2",
           "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(DISCONNECTED_TTL)}
    with Server(env=env) as server:
        started = time.monotonic()
        until = started + minutes * 60
        warm_at = started + min(60.0, minutes * 60 * 0.2)
        tally = Tally()
        threads = [threading.Thread(target=visitor, args=(server.url, pages, seed + i, until,
                                                          tally), daemon=True)
                   for i in range(concurrent)]
        for thread in threads:
            thread.start()
        time.sleep(max(0.0, warm_at - time.monotonic()))
        warm = {"rss_mb": server.rss_mb(), "threads": server.threads()}
        print(f"after warm-up ({warm_at - started:.0f} s): RSS {warm['rss_mb']:.0f} MB, "
              f"{warm['threads']} threads", flush=True)
        peak_threads = warm["threads"]
        while any(t.is_alive() for t in threads):
            peak_threads = max(peak_threads, server.threads())
            time.sleep(1.0)
        end = {"rss_mb": server.rss_mb(), "threads": server.threads()}
        # The sessions have gone: once their TTL is over, the next connection makes
        # Streamlit drop them, and their jobs and state should be let go.
        time.sleep(DISCONNECTED_TTL + 2.0)
        with StreamlitSession(server.url, timeout=120) as last:
            last.open("")
        time.sleep(5.0)
        idle = {"rss_mb": server.rss_mb(), "threads": server.threads(),
                "jobs": job_report(server)}
    report = {"minutes": minutes, "concurrent": concurrent, "warm": warm, "end": end,
              "idle": idle, "peak_threads": peak_threads, "sessions": tally.sessions,
              "interactions": tally.interactions, "trainings": tally.trainings,
              "stops": tally.stops, "refused": tally.refused, "errors": tally.errors}
    return report


def print_report(report: dict) -> None:
    warm, end, idle = report["warm"], report["end"], report["idle"]
    growth = 100 * (end["rss_mb"] / warm["rss_mb"] - 1)
    print(f"soak {report['minutes']:g} min, {report['concurrent']} concurrent sessions: "
          f"{report['sessions']} sessions, {report['interactions']} interactions, "
          f"{report['trainings']} trainings, {report['stops']} stops, "
          f"{report.get('refused', 0)} refused with a message")
    print(f"RSS after warm-up {warm['rss_mb']:.0f} MB, at the end {end['rss_mb']:.0f} MB "
          f"({growth:+.1f}%), idle after the sessions left {idle['rss_mb']:.0f} MB")
    print(f"threads after warm-up {warm['threads']}, peak {report['peak_threads']}, "
          f"at the end {end['threads']}, idle {idle['threads']}")
    jobs = idle.get("jobs", {})
    if jobs:
        print(f"jobs after the sessions left: {jobs.get('queued')} queued, "
              f"{jobs.get('running')} running, {jobs.get('alive')} alive "
              f"(the pool keeps up to {jobs.get('kept')} finished for sharing); "
              f"{jobs.get('submitted', 0)} submitted, {jobs.get('joined', 0)} joined, "
              f"{jobs.get('cancelled', 0)} cancelled in the queue")
    print(f"errors: {len(report['errors'])}")
    for error in report["errors"][:5]:
        print("  error:", error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--concurrent", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print_report(soak(args.minutes, args.concurrent, seed=args.seed))


if __name__ == "__main__":
    main()
