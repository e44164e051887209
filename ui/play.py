"""A page's time step: its slider and Play / Pause, one step a second, as a player does.

``t = step_slider(tr, left, label, page="srn", first=1, last=T)`` draws the slider of the
step (kept in the link as ``?t=…`` like every setting; one step gets a caption instead) and
``play_control(tr, right, page="srn", first=1, last=T)`` the button beside it. Play walks
the step from `first` to `last` (backwards when `last` is smaller: BPTT walks from T to 1),
stops at `last`, and pressed there starts again from `first`; moving the slider while
playing goes on from there. Whether the page is playing is the session's, not the link's:
a link never starts playing on open. One player a page (its keys are "<page>.play" and
"<page>.playing"); its strings (ui/text/common.py) speak of the step as t.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui import settings
from ui.i18n import Translator

PLAY_SECONDS = 1.0


def step_slider(tr: Translator, column: Any, label: str, *, page: str, first: int, last: int,
                name: str = "t", help: str | None = None) -> int:
    """The step `name`, from `first` to `last` (a link's value outside them is named as bad;
    a value the sequence no longer reaches is moved to its nearest end)."""
    low, high = min(first, last), max(first, last)
    codec = settings.integer(low, high)
    settings.read_link(tr, label, page=page, name=name, default=first, codec=codec)
    current = int(settings.value(page, name, first))
    if not low <= current <= high:  # the sequence got shorter
        settings.assign(page, **{name: min(max(current, low), high)})
    if low == high:  # a slider needs two steps
        column.caption(tr("play.single"))
        settings.write_link(name, first, first, codec)
        return first
    return int(settings.linked(tr, column.slider, label, page=page, name=name, default=first,
                               codec=codec, min_value=low, max_value=high, help=help))


def play_control(tr: Translator, column: Any, *, page: str, first: int, last: int,
                 name: str = "t", seconds: float = PLAY_SECONDS) -> None:
    """Play / Pause in `column`, and while playing a timer that moves the step on every
    `seconds` and redraws the page, until `last`."""
    state, playing_key = st.session_state, settings.key_of(page, "playing")
    step = 1 if last >= first else -1
    playing = bool(state.get(playing_key))

    def toggle() -> None:
        state[playing_key] = now_playing = not state.get(playing_key)
        if now_playing and (settings.value(page, name, first) - last) * step >= 0:
            settings.assign(page, **{name: first})  # pressed at the end: from the start

    if column.button(tr("play.pause" if playing else "play.play"),
                     key=settings.key_of(page, "play"), on_click=toggle, width="stretch",
                     icon=":material/pause:" if playing else
                     ":material/play_arrow:" if step > 0 else ":material/fast_rewind:",
                     disabled=first == last,
                     help=tr("play.help.forward" if step > 0 else "play.help.backward")):
        # Pressed inside a fragment, only the fragment reruns, and the browser drops a
        # fragment's timer only when the whole page runs: Pause would tick on idle.
        st.rerun(scope="app")
    drawn = True  # the call below, made while the page is drawn: only the timer's calls step

    @st.fragment(run_every=seconds if playing else None)
    def tick() -> None:
        nonlocal drawn
        if drawn or not state.get(playing_key):
            drawn = False
            return
        value = int(settings.value(page, name, first)) + step
        value = min(max(value, min(first, last)), max(first, last))
        settings.assign(page, **{name: value})
        state[playing_key] = value != last
        st.rerun(scope="app")

    tick()
