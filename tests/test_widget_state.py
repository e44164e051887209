"""ui.widget_state: a widget's look-up of its own key gives what `filtered_state` gives."""

from __future__ import annotations

import importlib

import pytest
import streamlit
from conftest import app_test
from streamlit.testing.v1 import AppTest

from ui import widget_state
from ui.catalog import available_pages


def visited_every_page() -> AppTest:
    at = app_test("app", lang="en").run()
    for entry in available_pages():
        at.switch_page(entry.path).run(timeout=60)
        assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_lookup_answers_as_filtered_state_for_every_kind_of_key():
    at = visited_every_page()
    safe = at.session_state._state
    inner = safe._state
    inner["plain.none"] = None  # a key set to None: the case the widgets look for
    filtered = safe.filtered_state
    lookup = widget_state.KeyLookup(safe)
    raw = list(inner._keys())  # element ids and Streamlit's internal keys among them
    assert any(k.startswith("$$ID-") for k in raw)
    assert any(k.startswith("$$STREAMLIT_INTERNAL_KEY") for k in raw)
    candidates = set(filtered) | set(raw) | {"missing", "bptt.nope", ""}
    assert len(filtered) > 100
    for key in sorted(candidates):
        assert (key in lookup) == (key in filtered), key
        if key in filtered:
            assert lookup[key] is filtered[key] or lookup[key] == filtered[key], key
    assert "plain.none" in lookup and lookup["plain.none"] is None


NONE_SCRIPT = """
import streamlit as st
from ui import widget_state
widget_state.install()
for key in ("n", "s", "r", "t"):
    st.session_state.setdefault(key, None)
st.number_input("n", value=5, key="n")
st.selectbox("s", ["a", "b"], key="s")
st.radio("r", ["a", "b"], key="r")
st.text_input("t", value="x", key="t")
st.slider("sl", 0, 10, 3, key="sl")
"""


def test_widgets_set_to_none_still_show_no_value():
    at = AppTest.from_string(NONE_SCRIPT).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.number_input(key="n").value is None
    assert at.selectbox(key="s").value is None and at.radio(key="r").value is None
    assert at.text_input(key="t").value is None
    assert at.slider(key="sl").value == 3
    at.number_input(key="n").set_value(7).run()
    assert at.number_input(key="n").value == 7


def test_installed_once_for_the_pinned_version_only(monkeypatch):
    radio = importlib.import_module("streamlit.elements.widgets.radio")
    assert widget_state.install()  # ui.page installed it already: nothing wraps twice
    assert hasattr(radio.get_session_state, "original")
    assert not hasattr(radio.get_session_state.original, "original")
    monkeypatch.setattr(streamlit, "__version__", "1.68.0")
    assert not widget_state.install()


@pytest.mark.parametrize("name", widget_state.WIDGET_MODULES)
def test_every_patched_module_asks_filtered_state_only_for_its_key(name):
    """The patch answers `key in state` and `state[key]`: the pinned widgets ask nothing else
    of `filtered_state` (read from their source)."""
    import inspect
    import re

    source = inspect.getsource(importlib.import_module(f"streamlit.elements.widgets.{name}"))
    uses = re.findall(r"session_state = get_session_state\(\)\.filtered_state\n(.*)\n(.*)",
                      source)
    assert uses and source.count("filtered_state") == len(uses)
    for lines in uses:
        rest = " ".join(lines).replace("key in session_state", "").replace(
            "session_state[key]", "")
        assert "session_state" not in rest, lines
