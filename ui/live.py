"""Live training on a page: start a job, stop it, and redraw it while it runs.

The job runs on a worker thread of the server-wide `JobPool` and never calls
``st.*``; the page keeps the `Job` in session state and draws it from a
fragment that reruns every `every` seconds while the job is unfinished and
stops polling once it is done.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Hashable

import streamlit as st

from rnnviz.jobs import (
    DONE,
    FAILED,
    QUEUED,
    RUNNING,
    STOPPED,
    JobPool,
    JobSnapshot,
    TrainingGenerator,
)
from ui.i18n import Translator

_SESSION_ID = "_rnnviz_session_id"


@st.cache_resource
def job_pool() -> JobPool:
    """One pool per server process, shared by every session."""
    workers = int(os.environ.get("RNNVIZ_TRAIN_WORKERS", max(1, (os.cpu_count() or 2))))
    return JobPool(max_workers=workers)


def session_id() -> str:
    """A random id for this browser session, the holder of its jobs."""
    if _SESSION_ID not in st.session_state:
        st.session_state[_SESSION_ID] = uuid.uuid4().hex
    return st.session_state[_SESSION_ID]


def start(
    job_key: str,
    request: Hashable,
    make_generator: Callable[[], TrainingGenerator],
    *,
    total_steps: int | None = None,
    share: bool = True,
) -> None:
    """Start (or join) the job for `request` and remember it under `job_key`.

    `request` must capture every setting the result depends on: identical
    requests from different sessions share one run.
    """
    stop(job_key)
    job = job_pool().submit(
        request, make_generator, holder=session_id(), total_steps=total_steps, share=share
    )
    st.session_state[job_key] = job


def stop(job_key: str) -> None:
    """Stop this session's job; a run other sessions share goes on for them only."""
    job = st.session_state.get(job_key)
    if job is not None and not job.finished:
        st.session_state[job_key] = job.detach(session_id())


def snapshot(job_key: str) -> JobSnapshot | None:
    job = st.session_state.get(job_key)
    return None if job is None else job.snapshot()


def status_line(tr: Translator, snap: JobSnapshot | None) -> None:
    """Progress bar and one line of status for a job."""
    if snap is None:
        st.caption(tr("status.idle"))
        return
    if snap.status == QUEUED:
        st.info(tr("status.queued", position=snap.queue_position), icon=":material/hourglass:")
    elif snap.status == RUNNING:
        percent = round(100 * snap.progress)
        st.progress(snap.progress, text=tr("status.running", percent=percent))
    elif snap.status == DONE:
        st.success(tr("status.done", seconds=snap.elapsed), icon=":material/check:")
    elif snap.status == STOPPED:
        st.warning(tr("status.stopped", seconds=snap.elapsed), icon=":material/stop:")
    elif snap.status == FAILED:
        st.error(tr("status.failed", error=snap.error))
    if snap.shared_by > 1:
        st.caption(tr("status.shared", n=snap.shared_by))


# Redraws of training progress per second for the whole server. Each one is a fragment
# run (5-10 ms of the one core the server's Python code gets): forty students watching
# one shared run at 2 redraws a second would spend most of it on progress bars, and
# every other click would wait behind them.
REDRAWS_PER_SECOND = 20


def refresh_every(seconds: float) -> float:
    """`seconds`, or longer when so many sessions watch a job that the server-wide redraw
    rate would pass `REDRAWS_PER_SECOND` (40 watchers: every 2 s)."""
    return max(seconds, job_pool().watchers() / REDRAWS_PER_SECOND)


def panel(job_key: str, draw: Callable[[JobSnapshot | None], None], *, every: float = 0.5) -> None:
    """Draw `draw(snapshot)` now, and again every `every` s while the job runs (less
    often when many sessions watch a job: see `refresh_every`).

    When the job finishes the fragment triggers one full rerun so that the
    rest of the page (metrics, tables, sliders over epochs) sees the result
    and the fragment is redefined without a timer.
    """
    job = st.session_state.get(job_key)
    polling = job is not None and not job.finished

    @st.fragment(run_every=refresh_every(every) if polling else None, key=f"panel_{job_key}")
    def _panel() -> None:
        job = st.session_state.get(job_key)
        draw(None if job is None else job.snapshot())
        if polling and job is not None and job.finished:
            st.rerun()

    _panel()
