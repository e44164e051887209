"""Live training on a page: start a job, stop it, and redraw it while it runs.

A page describes a run by a `TrainingRequest` (rnnviz.training) and hands it to
`training_panel` with a function that draws one snapshot. The run goes on a worker
thread of the server-wide `JobPool` and never calls ``st.*``; the session keeps the
`Job` in session state (so it survives a visit to another page) and the panel draws
it from a fragment that reruns while the job is unfinished and stops polling once it
is done. Identical requests share one run.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from rnnviz.jobs import (
    DONE,
    FAILED,
    QUEUED,
    RUNNING,
    STOPPED,
    JobPool,
    JobSnapshot,
)
from rnnviz.training import TrainingRequest
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


@dataclass(frozen=True)
class Run:
    """This session's training run: what was asked for, and how far it has got."""

    request: TrainingRequest
    snapshot: JobSnapshot
    since: float  # seconds since this session pressed Train (a joined run may be older)

    @property
    def records(self) -> list[dict]:
        return self.snapshot.records

    @property
    def result(self) -> Any:
        return self.snapshot.result

    @property
    def finished(self) -> bool:
        return self.snapshot.finished


def _job_key(key: str) -> str:
    return f"_{key}_job"


def _pressed_key(key: str) -> str:
    return f"_{key}_pressed"


def current_run(key: str) -> Run | None:
    """This session's run on the panel `key`, or None before its first Train."""
    job = st.session_state.get(_job_key(key))
    if job is None:
        return None
    pressed = st.session_state.get(_pressed_key(key), time.monotonic())
    return Run(job.key, job.snapshot(), time.monotonic() - pressed)


def start(key: str, request: TrainingRequest, *, share: bool = True) -> None:
    """Start (or join) the run of `request`; identical requests share one run."""
    stop(key)
    st.session_state[_pressed_key(key)] = time.monotonic()
    st.session_state[_job_key(key)] = job_pool().submit(
        request, request.start, holder=session_id(), total_steps=request.total_steps,
        share=share)


def stop(key: str) -> None:
    """Stop this session's run; a run other sessions share goes on for them only."""
    job = st.session_state.get(_job_key(key))
    if job is not None and not job.finished:
        st.session_state[_job_key(key)] = job.detach(session_id())


def training_panel(
    tr: Translator,
    request: TrainingRequest | None,
    draw: Callable[[Run], bool | None],
    *,
    key: str,
    every: float = 0.5,
    share: bool = True,
    on_train: Callable[[], None] | None = None,
) -> Run | None:
    """Train and Stop, the run's status and `draw(run)`, redrawn while the run goes on.

    `request` is what Train would run now (None while a setting is invalid: the page has
    already said which). A note says when the settings differ from the run on show; the
    run keeps showing until Train is pressed again. `on_train` is called when Train is
    pressed, before the run starts (to reset what the page shows of the previous run).
    `draw` returns True while it wants to be redrawn after the run has finished (a curve
    still being animated; `Run.since` is its clock). When the run finishes, one full rerun
    lets the rest of the page see its result. Returns this session's run.
    """
    more = f"_{key}_more"
    left, right, note = st.columns([1, 1, 5], vertical_alignment="center")
    if left.button(tr("train"), key=f"{key}_train", type="primary",
                   icon=":material/play_arrow:", disabled=request is None):
        if on_train is not None:
            on_train()
        start(key, request, share=share)
        st.session_state[more] = True  # a run joined already finished still gets drawn
    if right.button(tr("stop"), key=f"{key}_stop", icon=":material/stop:"):
        stop(key)
    run = current_run(key)
    if request is None:
        note.caption(tr("status.fix_first"))
    elif run is not None and run.request != request:
        note.caption(tr("status.settings_changed"))
    polling = run is not None and (not run.finished or st.session_state.get(more, False))

    @st.fragment(run_every=refresh_every(every) if polling else None, key=f"panel_{key}")
    def _panel() -> None:
        run = current_run(key)
        status_line(tr, None if run is None else run.snapshot)
        st.session_state[more] = bool(run is not None and draw(run))
        if polling and run is not None and run.finished and not st.session_state[more]:
            st.rerun()

    _panel()
    return current_run(key)


def trained(run: Run | None) -> tuple[Any, tuple, int | None] | None:
    """A finished run's model (its request's `trained_model`), a key naming it for the cache
    (the request, how far it ran, where it stopped) and where it stopped (None: at its end;
    for a stopped run the model is the one last saved). None before the run has finished."""
    found = run.request.trained_model(run.result, run.records) \
        if run is not None and run.finished else None
    if found is None:
        return None
    model, stopped_at = found
    return model, (run.request, len(run.records), stopped_at), stopped_at


def model_of(tr: Translator, run: Run | None, stopped_key: str, name: str
             ) -> tuple[Any, tuple] | None:
    """`trained(run)` as (model, key), or None; for a stopped run, whose model is the one
    last saved, the note `stopped_key` says where it stopped (its value `name`)."""
    found = trained(run)
    if found is not None and found[2] is not None:
        st.info(tr(stopped_key, **{name: found[2]}), icon=":material/info:")
    return None if found is None else found[:2]


def keep_note(tr: Translator, key: str, note_key: str) -> None:
    """Under a setting's error: the note `note_key` when the run on show (panel `key`) stays."""
    if current_run(key) is not None:
        st.caption(tr(note_key))
