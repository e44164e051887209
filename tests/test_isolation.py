"""One student's edits, models and uploads never appear in another student's session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import app_test

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from stclient import Server, StreamlitSession, page_names  # noqa: E402

from ui.catalog import available_pages  # noqa: E402

MARK = "isolation-马克-7781"


def open_page(path: str):
    return app_test("app", lang="en").run().switch_page(path).run(timeout=60)


def edit_something(at) -> tuple[str, object] | None:
    """Change one keyed widget to an unusual value; return (key, value)."""
    for widget in list(at.text_input) + list(at.text_area):
        if widget.key:
            widget.set_value(MARK).run(timeout=60)
            return widget.key, MARK
    for widget in at.number_input:
        if widget.key and widget.value is not None:
            value = widget.max if widget.max is not None and widget.value != widget.max \
                else widget.min
            if value is not None and value != widget.value:
                widget.set_value(value).run(timeout=60)
                return widget.key, value
    for widget in at.slider:
        if widget.key and widget.value != widget.min:
            widget.set_value(widget.min).run(timeout=60)
            return widget.key, widget.min
    for widget in list(at.toggle) + list(at.checkbox):
        if widget.key and not widget.disabled:
            widget.set_value(not widget.value).run(timeout=60)
            return widget.key, widget.value
    for widget in at.selectbox:
        if widget.key and widget.key != "lang" and len(widget.options) > 1:
            other = next(o for o in widget.options if o != widget.value)
            widget.set_value(other).run(timeout=60)
            return widget.key, widget.value
    return None


def user_state(at) -> dict:
    return {k: at.session_state[k] for k in at.session_state
            if not k.startswith("$$") and k != "_rnnviz_session_id"}


@pytest.mark.parametrize("path", [entry.path for entry in available_pages()])
def test_two_apptest_sessions_do_not_share_edits_or_models(path):
    alice, bob = open_page(path), open_page(path)
    bob_before = user_state(bob)
    edited = edit_something(alice)
    if edited is None:
        pytest.skip(f"{path} has no editable keyed widget")
    key, value = edited
    trained = False
    # An edit the page refuses (e.g. unequal strings) rightly starts no job.
    train = next((b.key for b in alice.button if str(b.key).endswith("_train")), None)
    if train is not None and not alice.error:
        alice.button(key=train).click().run(timeout=60)
        trained = True
    for upload_key in [k for k in alice.session_state if "upload" in str(k)]:
        assert upload_key not in user_state(bob) or user_state(bob)[upload_key] is None
    bob.run(timeout=60)
    assert not alice.exception and not bob.exception
    assert bob.session_state[key] != value, f"{key} leaked from one session into another"
    bob_after = user_state(bob)
    assert bob_after.keys() == bob_before.keys(), "the other session grew new state"
    if trained:
        jobs = [k for k, v in user_state(alice).items() if type(v).__name__ == "Job"]
        assert jobs, "pressing Train should keep a job in the session"
        for job_key in jobs:
            assert job_key not in bob_after or bob_after[job_key] is None
        for job_key in jobs:  # let go so the worker is free for other tests
            alice.session_state[job_key].stop()


def test_two_websocket_sessions_do_not_share_edits():
    pages = [p for p in page_names() if p]
    with Server() as server:
        alice = StreamlitSession(server.url)
        bob = StreamlitSession(server.url)
        checked = 0
        for page in pages:
            alice.open(page)
            text_keys = [k for k, w in alice.widgets.items()
                         if w.kind in ("text_input", "text_area") and w.key]
            if not text_keys:
                continue
            edited = alice.set(text_keys[0], MARK)
            assert edited.ok, edited.exceptions
            shown = bob.open(page)
            assert shown.ok, shown.exceptions
            assert MARK not in shown.text, f"{page}: another session's text is shown"
            assert shown.widgets[text_keys[0]].proto.value != MARK
            checked += 1
        alice.close()
        bob.close()
    assert checked >= 1 or not pages
