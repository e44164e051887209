"""Widgets look up their own key instead of copying the whole session state.

Streamlit 1.67's radio, select box, slider, number input, text input and area and the
date and time inputs each start with ``get_session_state().filtered_state`` only to ask
whether their own key is set to None. ``filtered_state`` builds a new dict of every key
the session holds, each value read through the widget presenters: 0.26 ms once a
student has visited every page (about 160 keys, the settings that follow them from page
to page), for every widget on every rerun. Under a class's load that was a tenth of the
server's time in page scripts (py-spy, ``bench/load.py``).

``install`` gives those widget modules a ``get_session_state`` whose ``filtered_state``
answers the two questions they ask (``key in state``, ``state[key]``) for that one key,
with the same answers (tests/test_widget_state.py checks them against ``filtered_state``
on every kind of key). It does so only for the pinned Streamlit version, whose widget
code was read for this; with any other version the widgets are left as they are.
``RNNVIZ_WIDGET_STATE=0`` turns it off.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from streamlit.runtime.state.common import is_element_id
from streamlit.runtime.state.session_state import _is_internal_key

STREAMLIT_VERSION = "1.67.0"
WIDGET_MODULES = ("radio", "selectbox", "slider", "number_input", "text_widgets",
                  "time_widgets")


class KeyLookup:
    """`filtered_state` for one key at a time: a user key (not Streamlit's internal ones)
    is in it when the session state has it; its value is the state's, presented."""

    def __init__(self, safe_state: Any):
        self._safe = safe_state

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str) or _is_internal_key(key) or is_element_id(key):
            return False
        with self._safe._lock:
            return key in self._safe._state

    def __getitem__(self, key: str) -> Any:
        with self._safe._lock:
            return self._safe._state[key]


class WidgetView:
    """The session state as a widget module sees it: everything as is, `filtered_state`
    a `KeyLookup`."""

    def __init__(self, safe_state: Any):
        self._safe = safe_state

    @property
    def filtered_state(self) -> KeyLookup:
        return KeyLookup(self._safe)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._safe, name)


def _view(get_session_state):
    def get_widget_view() -> WidgetView:
        return WidgetView(get_session_state())

    get_widget_view.original = get_session_state  # type: ignore[attr-defined]
    return get_widget_view


def install() -> bool:
    """Patch the widget modules once; returns whether they look up their key now."""
    import streamlit

    if streamlit.__version__ != STREAMLIT_VERSION \
            or os.environ.get("RNNVIZ_WIDGET_STATE", "1") == "0":
        return False
    for name in WIDGET_MODULES:
        module = importlib.import_module(f"streamlit.elements.widgets.{name}")
        if not hasattr(module.get_session_state, "original"):
            module.get_session_state = _view(module.get_session_state)
    return True
