"""Script runs take turns: one runs at a time, the others queue in arrival order.

A page's script is Python holding the GIL. When a class of forty reruns at once,
forty script threads and the event loop that sends their messages share one
interpreter: every element a script enqueues hands the GIL round all of them,
and the messages of a finished run wait behind the unfinished ones. Running one
script at a time, the others queued in the order they came, gets each rerun out
whole and keeps the slowest waits close to the typical one: at forty sessions
(``python bench/load.py``) the worst page's p95 from a widget change to its rerun
finishing is 2.5 s with no queue, 1.4 s with two turns and 0.7-0.9 s with one.
One session alone never waits.

Streamlit has no setting for this, so ``install`` wraps ``ScriptRunner._run_script``
(the body of every full and fragment run) of the pinned Streamlit version; a run
that finds no turn within ``WAIT_SECONDS`` runs anyway, so nothing waits forever.
``RNNVIZ_SCRIPT_TURNS`` sets the number of turns (0: no queue).
"""

from __future__ import annotations

import collections
import functools
import os
import threading
from collections.abc import Callable
from typing import Any

DEFAULT_TURNS = 1
WAIT_SECONDS = 20.0


def turns_from_environment() -> int:
    try:
        return max(0, int(os.environ.get("RNNVIZ_SCRIPT_TURNS", DEFAULT_TURNS)))
    except ValueError:
        return DEFAULT_TURNS


class FairGate:
    """A semaphore whose turns go in arrival order.

    ``threading.Semaphore`` lets a newcomer take a turn that was just given back
    while a woken waiter is still on its way, and that waiter then queues again at
    the back: under a class's load a few runs wait several rounds. Here a turn
    given back passes straight to the longest waiting run.
    """

    def __init__(self, turns: int):
        self._lock = threading.Lock()
        self._free = turns
        self._waiting: collections.deque[threading.Event] = collections.deque()

    def acquire(self, timeout: float | None = None) -> bool:
        with self._lock:
            if self._free > 0 and not self._waiting:
                self._free -= 1
                return True
            ticket = threading.Event()
            self._waiting.append(ticket)
        if ticket.wait(timeout):
            return True
        with self._lock:
            if ticket.is_set():  # handed the turn as the wait ran out: it is ours
                return True
            self._waiting.remove(ticket)
            return False

    def release(self) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()
            else:
                self._free += 1


def taking_turns(run: Callable[..., Any], turns: int,
                 wait_seconds: float = WAIT_SECONDS) -> Callable[..., Any]:
    """`run`, called by at most `turns` threads at a time, in the order they came."""
    gate = FairGate(turns)

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
