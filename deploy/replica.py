#!/usr/bin/env python3
"""One replica of a served class: `streamlit run app.py`, fit to stand behind a balancer.

    python deploy/replica.py --server.port 8601 --server.address 127.0.0.1

Takes the options of `streamlit run` and runs rnnviz's app.py with them (from any
folder). deploy/serve.py starts its replicas this way; on another machine of a course
server, start this instead of `streamlit run app.py` (see the README). The one-laptop
way stays `streamlit run app.py`: nothing here matters without a balancer.

What it adds, before the server starts: a browser whose replica died reconnects to
another one, where its session is new. If the student's next change is to a widget
inside a fragment (the SRN page's t slider, a training panel), the browser asks for a
rerun of that fragment only, which the new replica does not know; Streamlit 1.67
drops such a request without an answer, and the page stays as it was however the
student moves the slider. Here that first request of a session that has never run
its page becomes a run of the whole page, with the link and the widget values the
browser sent: the page reloads cleanly on the new replica.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_FULL_RUN_SEEN = "_rnnviz_full_run_requested"


def install_failover() -> bool:
    """Make a session's first rerun request a full run when it names a fragment the
    session does not have (a tab that reconnected from a replica that died). Once."""
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


def main(argv: list[str]) -> int:
    install_failover()
    os.chdir(ROOT)  # pages/ and .streamlit/config.toml are found from the app's folder
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *argv]
    return cli.main(prog_name="streamlit")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
