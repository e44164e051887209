"""ui.failover: a tab reconnecting to a server that does not know it reloads its page."""

from __future__ import annotations

import pytest
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.app_session import AppSession

from ui import failover


class FakeSession:
    """Just what the patched request_rerun reads: the fragments this session holds."""

    def __init__(self, fragments=()):
        self.fragments = set(fragments)
        self.requests: list[ClientState | None] = []

    def has_fragment(self, fragment_id: str) -> bool:
        return fragment_id in self.fragments


@pytest.fixture
def patched(monkeypatch):
    def record(self, client_state):
        self.requests.append(client_state)

    monkeypatch.setattr(AppSession, "request_rerun", record)
    assert failover.install()
    assert not failover.install()  # once per process
    return AppSession.request_rerun


def fragment_request(fragment_id: str) -> ClientState:
    state = ClientState(fragment_id=fragment_id, is_auto_rerun=True, query_string="t=3")
    return state


def test_an_unknown_fragment_on_a_new_session_becomes_a_whole_page_run(patched):
    session = FakeSession()
    patched(session, fragment_request("abc"))
    sent = session.requests[-1]
    assert sent.fragment_id == "" and not sent.is_auto_rerun
    assert sent.query_string == "t=3"  # the link travels with it


def test_a_known_fragment_stays_a_fragment_run(patched):
    session = FakeSession({"abc"})
    patched(session, fragment_request("abc"))
    assert session.requests[-1].fragment_id == "abc"


def test_after_a_whole_run_a_stale_fragment_is_left_to_streamlit(patched):
    session = FakeSession()
    patched(session, None)  # the page's first full run
    patched(session, fragment_request("gone"))
    assert session.requests[-1].fragment_id == "gone"  # Streamlit drops it, as it should
