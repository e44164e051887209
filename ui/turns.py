"""Script runs take turns: a few run at once, the others queue.

A page's script is Python holding the GIL. When a class of forty reruns at once,
forty script threads and the event loop that sends their messages share one
interpreter: every element a script enqueues hands the GIL round all of them,
and the messages of a finished run wait behind the unfinished ones. Letting two
scripts run at a time and queueing the others in arrival order roughly halves the
time from a widget change to its rerun finishing for forty sessions
(``python bench/load.py``). One session alone never waits.

Streamlit has no setting for this, so ``install`` wraps ``ScriptRunner._run_script``
(the body of every full and fragment run) of the pinned Streamlit version; a run
that finds no turn within ``WAIT_SECONDS`` runs anyway, so nothing waits forever.
``RNNVIZ_SCRIPT_TURNS`` sets the number of turns (0: no queue).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from typing import Any

DEFAULT_TURNS = 2
WAIT_SECONDS = 20.0


def turns_from_environment() -> int:
    try:
        return max(0, int(os.environ.get("RNNVIZ_SCRIPT_TURNS", DEFAULT_TURNS)))
    except ValueError:
        return DEFAULT_TURNS


def taking_turns(run: Callable[..., Any], turns: int,
                 wait_seconds: float = WAIT_SECONDS) -> Callable[..., Any]:
    """`run`, called by at most `turns` threads at a time."""
    gate = threading.Semaphore(turns)

    @functools.wraps(run)
    def run_in_turn(*args: Any, **kwargs: Any) -> Any:
        holding = gate.acquire(timeout=wait_seconds)
        try:
            return run(*args, **kwargs)
        finally:
            if holding:
                gate.release()

    run_in_turn.gate = gate  # type: ignore[attr-defined]
    return run_in_turn


def install(runner_class: type | None = None, turns: int | None = None) -> bool:
    """Make `runner_class` (Streamlit's ScriptRunner) run its scripts in turns, once.

    Returns whether the runs now take turns."""
    if runner_class is None:
        from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

        runner_class = ScriptRunner
    turns = turns_from_environment() if turns is None else turns
    current = runner_class._run_script
    if hasattr(current, "gate"):
        return True
    if turns <= 0:
        return False
    runner_class._run_script = taking_turns(current, turns)
    return True
