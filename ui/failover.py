"""A tab that reconnects to a server that does not know its session reloads cleanly.

A browser whose server died (a replica behind the balancer, or a laptop's server that
was restarted) reconnects to a live one, where its session is new. If the student's next
change is to a widget inside a fragment (the SRN page's t slider, a training panel), the
browser asks for a rerun of that fragment only, which the new server does not know;
Streamlit 1.67 drops such a request without an answer, and the page stays as it was
however the student moves the slider. Here that first request of a session that has
never run its page becomes a run of the whole page, with the link and the widget values
the browser sent.

``install()`` is called by ``ui.page`` (every page imports it) and, before the server
starts, by ``deploy/replica.py``, so that a replica that has not run a page yet already
answers such a tab.
"""

from __future__ import annotations

_FULL_RUN_SEEN = "_rnnviz_full_run_requested"


def install() -> bool:
    """Make a session's first rerun request a full run when it names a fragment the
    session does not have. Once per process; returns whether this call installed it."""
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.runtime.app_session import AppSession

    original = AppSession.request_rerun
    if getattr(original, "rnnviz_failover", False):
        return False

    def request_rerun(self: AppSession, client_state: ClientState | None) -> None:
        if client_state is not None and client_state.fragment_id:
            if not getattr(self, _FULL_RUN_SEEN, False) \
                    and not self.has_fragment(client_state.fragment_id):
                whole_page = ClientState()
                whole_page.CopyFrom(client_state)
                whole_page.fragment_id = ""
                whole_page.is_auto_rerun = False
                client_state = whole_page
        if client_state is None or not client_state.fragment_id:
            setattr(self, _FULL_RUN_SEEN, True)
        return original(self, client_state)

    request_rerun.rnnviz_failover = True  # type: ignore[attr-defined]
    AppSession.request_rerun = request_rerun
    return True
