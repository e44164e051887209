"""Background training jobs that a page can watch, share and stop.

A training loop in rnnviz is a generator: it yields one record (a dict) per
epoch or per logging step and returns its final result. A `Job` runs such a
generator on a worker thread of a `JobPool`, appends every record to a list
the page reads, and checks a stop flag between records. Nothing here knows
about Streamlit: a page keeps the `Job` in its session state and redraws from
`job.snapshot()`.

Identical requests share one job: `JobPool.submit(key, ...)` with a key that
is already queued, running or recently finished returns that same job, so
forty students pressing Train with the same settings cost one training run.
A shared job stops only when every session that asked for it has let go.
"""

from __future__ import annotations

import collections
import dataclasses
import gc
import json
import os
import sys
import threading
import time
import traceback
import weakref
from collections.abc import Callable, Generator, Hashable
from dataclasses import dataclass, field
from typing import Any

import torch

QUEUED, RUNNING, DONE, STOPPED, FAILED = "queued", "running", "done", "stopped", "failed"
FINISHED = frozenset({DONE, STOPPED, FAILED})

TrainingGenerator = Generator[dict[str, Any], None, Any]

# Every Job ever made, weakly: the soak run checks that finished jobs are let go.
_ALL_JOBS: weakref.WeakSet = weakref.WeakSet()
REPORT_ENV = "RNNVIZ_JOB_REPORT_SECONDS"
# How much lower than the server's other threads the training workers run (Linux nice,
# 0 to 19): a core shared between a training and a page's rerun goes to the rerun first,
# so a class clicking through a page is not slowed down by the runs it started.
NICE_ENV = "RNNVIZ_TRAINING_NICE"
DEFAULT_NICE = 10
REPORT_PREFIX = "rnnviz-jobs "


def run_to_end(generator: Generator[dict[str, Any], None, Any]) -> tuple[list[dict[str, Any]], Any]:
    """Every record of a training generator and its return value, on this thread.

    For tests, benchmarks and notebooks; a page runs its generators in a `JobPool`.
    """
    records = []
    while True:
        try:
            records.append(next(generator))
        except StopIteration as finished:
            return records, finished.value


def live_job_count() -> int:
    """Jobs still referenced anywhere (by the pool, a session, a worker)."""
    gc.collect()
    return len(_ALL_JOBS)


@dataclass(frozen=True)
class JobSnapshot:
    """A consistent copy of a job's state, safe to read while the job runs."""

    status: str
    records: list[dict[str, Any]]
    progress: float
    result: Any
    error: str | None
    queue_position: int
    elapsed: float
    shared_by: int

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def last(self) -> dict[str, Any] | None:
        return self.records[-1] if self.records else None


@dataclass(eq=False)
class Job:
    key: Hashable
    make_generator: Callable[[], TrainingGenerator]
    total_steps: int | None = None
    status: str = QUEUED
    records: list[dict[str, Any]] = field(default_factory=list)
    result: Any = None
    error: str | None = None
    created: float = field(default_factory=time.monotonic)
    started: float | None = None
    ended: float | None = None
    _holders: set[Hashable] = field(default_factory=set)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _pool: JobPool | None = None

    def __post_init__(self) -> None:
        _ALL_JOBS.add(self)

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def hold(self, holder: Hashable) -> None:
        with self._lock:
            self._holders.add(holder)

    def release(self, holder: Hashable) -> None:
        """Let go of the job; it is stopped once nobody holds it any more."""
        with self._lock:
            self._holders.discard(holder)
            orphaned = not self._holders
        if orphaned:
            self._stop.set()
            if self._pool is not None:
                self._pool._cancel_if_queued(self)

    def detach(self, holder: Hashable) -> Job | DetachedJob:
        """Stop for `holder` and return what that holder should keep showing.

        A job that other sessions still hold keeps running for them; the
        session that pressed Stop gets a frozen copy marked stopped, so its
        page does not go on showing someone else's run as its own.
        """
        self.release(holder)
        if self.finished or self.stop_requested:
            return self  # nobody else holds it: it stops for real, keeping its last record
        frozen = self.snapshot()
        end = frozen.elapsed
        return DetachedJob(dataclasses.replace(
            frozen, status=STOPPED, queue_position=0, elapsed=end, shared_by=1), self.key)

    def stop(self, holder: Hashable | None = None) -> None:
        """Stop for `holder` (or for everybody when no holder is given)."""
        if holder is None:
            self._stop.set()
        else:
            self.release(holder)

    def progress(self) -> float:
        if self.status == DONE:
            return 1.0
        if not self.total_steps or not self.records:
            return 0.0
        step = self.records[-1].get("step", len(self.records))
        return max(0.0, min(1.0, step / self.total_steps))

    def snapshot(self) -> JobSnapshot:
        with self._lock:
            records = list(self.records)
            holders = len(self._holders)
        now = time.monotonic()
        elapsed = 0.0 if self.started is None else (self.ended or now) - self.started
        position = self._pool.queue_position(self) if self._pool is not None else 0
        return JobSnapshot(
            status=self.status,
            records=records,
            progress=self.progress(),
            result=self.result,
            error=self.error,
            queue_position=position,
            elapsed=elapsed,
            shared_by=holders,
        )

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job has finished (for tests, benchmarks and notebooks)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.finished:
            if deadline is not None and time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def run(self) -> None:
        """Drive the generator to the end, or until a stop is requested."""
        if self._stop.is_set():
            self._mark_cancelled()
            return
        self.started = time.monotonic()
        self.status = RUNNING
        # One intra-op thread per job: many jobs share two cores on a class server.
        torch.set_num_threads(1)
        generator = self.make_generator()
        try:
            while True:
                if self._stop.is_set():
                    generator.close()
                    self.status = STOPPED
                    break
                try:
                    record = next(generator)
                except StopIteration as finished:
                    self.result = finished.value
                    self.status = DONE
                    break
                with self._lock:
                    self.records.append(record)
        except Exception as exc:  # noqa: BLE001 - a failed job reports, it must not kill the pool
            self.error = f"{type(exc).__name__}: {exc}"
            self.traceback = traceback.format_exc()
            self.status = FAILED
        finally:
            self.ended = time.monotonic()

    def _mark_cancelled(self) -> None:
        """Stopped before it ever started."""
        self.status = STOPPED
        self.ended = time.monotonic()
        if self.started is None:
            self.started = self.ended


@dataclass(frozen=True)
class DetachedJob:
    """A stopped session's view of a shared job that goes on for others."""

    frozen: JobSnapshot
    key: Hashable = None  # the request it was started for, as on the job
    finished = True
    status = STOPPED

    def snapshot(self) -> JobSnapshot:
        return self.frozen

    def stop(self, holder: Hashable | None = None) -> None:
        pass

    def release(self, holder: Hashable) -> None:
        pass

    def wait(self, timeout: float | None = None) -> bool:
        return True


def lower_priority(nice: int | None = None) -> int:
    """Make the calling thread yield the CPU to the process's other threads (Linux: a
    thread has its own nice value); the niceness it has afterwards, 0 where unsupported."""
    nice = int(os.environ.get(NICE_ENV, DEFAULT_NICE)) if nice is None else nice
    if nice <= 0 or not hasattr(os, "setpriority"):
        return 0
    thread = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, thread, min(19, nice))
        return os.getpriority(os.PRIO_PROCESS, thread)
    except OSError:  # not allowed here (a container's policy): run as is
        return 0


class JobPool:
    """A bounded, server-wide pool of training workers with request sharing.

    At most `max_workers` jobs train at once; the rest wait in arrival order
    and can report their place in the queue. Finished jobs are kept (for
    sharing identical requests) up to `keep_finished`, oldest dropped first.
    """

    def __init__(self, max_workers: int = 2, keep_finished: int = 64):
        if max_workers < 1:
            raise ValueError(f"max_workers must be at least 1, got {max_workers}")
        self.max_workers = max_workers
        self.keep_finished = keep_finished
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._queue: collections.deque[Job] = collections.deque()
        self._by_key: collections.OrderedDict[Hashable, Job] = collections.OrderedDict()
        self._submitted: weakref.WeakSet[Job] = weakref.WeakSet()  # shared or not
        # For load tests and the server log: how many runs were asked for, joined, trained.
        self.counts: collections.Counter[str] = collections.Counter()
        self._workers = [
            threading.Thread(target=self._work, name=f"rnnviz-job-{i}", daemon=True)
            for i in range(max_workers)
        ]
        for worker in self._workers:
            worker.start()
        every = float(os.environ.get(REPORT_ENV, "0") or 0)
        if every > 0:  # diagnostics for bench/soak.py, which reads them from the server log
            threading.Thread(target=self._report, args=(every,), name="rnnviz-job-report",
                             daemon=True).start()

    def _report(self, every: float) -> None:
        while True:
            time.sleep(every)
            stats = {**self.stats(), "alive": live_job_count()}
            print(REPORT_PREFIX + json.dumps(stats), file=sys.stderr, flush=True)

    def submit(
        self,
        key: Hashable,
        make_generator: Callable[[], TrainingGenerator],
        *,
        holder: Hashable,
        total_steps: int | None = None,
        share: bool = True,
    ) -> Job:
        """Queue a job, or join the live or finished one with the same key."""
        with self._lock:
            job = self._by_key.get(key) if share else None
            if job is not None and job.status not in (STOPPED, FAILED) and not job.stop_requested:
                job.hold(holder)
                self._by_key.move_to_end(key)
                self.counts["joined"] += 1
                return job
            self.counts["submitted"] += 1
            job = Job(key=key, make_generator=make_generator, total_steps=total_steps)
            job._pool = self
            job.hold(holder)
            self._submitted.add(job)
            if share:
                self._by_key[key] = job
                self._forget_old_finished()
            self._queue.append(job)
            self._wake.notify()
            return job

    def queue_position(self, job: Job) -> int:
        """1 for the next job to start, 0 if the job is not waiting."""
        with self._lock:
            for position, waiting in enumerate(self._queue, start=1):
                if waiting is job:
                    return position
        return 0

    def watchers(self) -> int:
        """Holders of the jobs not finished yet: the sessions redrawing one while it trains."""
        with self._lock:
            jobs = list(self._submitted)
        return sum(len(job._holders) for job in jobs if not job.finished)

    def stats(self) -> dict[str, int]:
        with self._lock:
            running = sum(1 for j in self._by_key.values() if j.status == RUNNING)
            return {
                "queued": len(self._queue),
                "running": running,
                "kept": len(self._by_key),
                "workers": len(self._workers),
                **self.counts,
            }

    def _cancel_if_queued(self, job: Job) -> None:
        """A queued job nobody wants any more leaves the queue now, not when a worker frees up."""
        with self._lock:
            try:
                self._queue.remove(job)
            except ValueError:
                return
            self.counts["cancelled"] += 1
        job._mark_cancelled()

    def _forget_old_finished(self) -> None:
        finished = [k for k, j in self._by_key.items() if j.finished]
        for key in finished[: max(0, len(finished) - self.keep_finished)]:
            del self._by_key[key]

    def _work(self) -> None:
        lower_priority()
        while True:
            with self._lock:
                while not self._queue:
                    self._wake.wait()
                job = self._queue.popleft()
                self.counts["started"] += 1
            job.run()
            del job  # a finished job belongs to its sessions and the share cache, not the worker
