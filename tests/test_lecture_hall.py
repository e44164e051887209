"""A lecture hall: `python deploy/serve.py` with 2 replicas behind HAProxy, on loopback.

Sessions stick to one replica (websocket, CSV download, upload) and spread over both; a
replica killed (SIGKILL) is left out and started again, its sessions reconnect to the
other one and go on (also in Chromium, where the page reloads from its link), and the
others notice nothing; Ctrl-C stops the balancer and every replica. The figures (40 and
100 sessions, a kill in the middle of a run) are bench/bench_lecture_hall.py's.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, free_port, wait_for_app

sys.path.insert(0, str(ROOT / "bench"))
from stclient import StreamlitSession  # noqa: E402

sys.path.insert(0, str(ROOT / "deploy"))
from serve import server_states  # noqa: E402

from ui.text.language import STRINGS as LANGUAGE_STRINGS  # noqa: E402

HAPROXY = os.environ.get("RNNVIZ_HAPROXY") or shutil.which("haproxy") or "/usr/sbin/haproxy"
SERVE = [sys.executable, str(ROOT / "deploy" / "serve.py")]
STICKY = {"sticky": True, "reconnect_seconds": 60.0}
CORPUS = ("To be, or not to be, that is the question: whether 'tis nobler in the mind "
          "to suffer the slings and arrows of outrageous fortune. ") * 3

if not Path(HAPROXY).exists():
    message = f"HAProxy not found at {HAPROXY} (apt-get install haproxy)"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)


class Served:
    """`python deploy/serve.py` as a teacher runs it, its output read line by line."""

    def __init__(self, run_dir: Path, *args: str):
        self.run_dir = run_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [*SERVE, "--port", str(self.port), "--run-dir", str(run_dir), *args], cwd=ROOT,
            text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip())

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, pattern: str, timeout: float = 180.0, after: int = 0) -> re.Match:
        deadline = time.monotonic() + timeout
        while True:
            for line in self.lines[after:]:
                match = re.search(pattern, line)
                if match:
                    return match
            if self.process.poll() is not None and not self._reader.is_alive():
                raise AssertionError(f"serve.py exited; it said:\n{self.output}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {pattern!r} within {timeout} s:\n{self.output}")
            time.sleep(0.1)

    def pids(self) -> dict[str, int]:
        """The latest pid of every replica, and the balancer's."""
        found = {name: int(pid) for name, pid in re.findall(r"replica (r\d+) pid (\d+)",
                                                             self.output)}
        balancer = re.findall(r"balancer pid (\d+)", self.output)
        if balancer:
            found["balancer"] = int(balancer[-1])
        return found

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # Ctrl-C
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self._reader.join(timeout=10)
        return self.process.returncode


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    run = Served(tmp_path_factory.mktemp("class"), "--replicas", "2")
    try:
        run.wait_for(r"serving the class at")
        yield run
    finally:
        run.stop()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (killed, not yet reaped by serve.py) is not alive
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return False


def both_replicas_up(served: Served, timeout: float = 120.0) -> None:
    """Wait until new sessions reach both replicas (after a restart)."""
    deadline = time.monotonic() + timeout
    seen: set[str] = set()
    while seen != {"r1", "r2"}:
        assert time.monotonic() < deadline, f"only {seen} answer:\n{served.output}"
        session = StreamlitSession(served.url, **STICKY)
        seen.add(session.replica)
        session.close()
        time.sleep(0.5)


def test_a_broken_configuration_is_refused_before_anything_starts(tmp_path):
    run = Served(tmp_path, "--replicas", "1", "--port", "70000")  # the last --port wins
    assert run.process.wait(timeout=60) != 0
    run.stop()
    assert "is not valid" in run.output and "invalid port" in run.output, run.output
    assert "replica r1 pid" not in run.output  # checked before any replica started


def test_each_session_stays_on_one_replica_and_sessions_spread(served):
    sessions = [StreamlitSession(served.url, timeout=120, **STICKY) for _ in range(4)]
    try:
        for session in sessions:
            assert session.replica in ("r1", "r2"), session.replica
            result = session.open("language_model")
            assert result.ok, result.exceptions
            # The CSV download (/media/..., kept in this replica's memory).
            download = next(k for k, w in session.widgets.items() if w.kind == "download_button")
            status, headers, body = session.download(download)
            assert status == 200 and body.startswith(b"index,token,count"), (status, body[:80])
            assert headers["x-rnnviz-replica"] == session.replica
            # An upload: the URL comes over the websocket, the PUT carries the XSRF token.
            source = session.widgets[next(k for k in session.widgets if k.endswith(".source"))]
            session.set(source.key, LANGUAGE_STRINGS["language.source.upload"][0])
            uploader = next(k for k, w in session.widgets.items() if w.kind == "file_uploader")
            result = session.upload(uploader, "mine.txt", CORPUS.encode())
            assert result.ok, result.exceptions
            assert session.last_upload[0] == 204
            assert session.last_upload[1]["x-rnnviz-replica"] == session.replica
            assert "whether 'tis nobler" in result.text  # the page reads the uploaded file
            # Every request of the session went to its replica, and only one websocket.
            assert set(session.http_replicas) == {session.replica}, session.http_replicas
            assert session.replicas == [session.replica]
            assert session.cookies["RNNVIZ_REPLICA"] == session.replica
        assert {s.replica for s in sessions} == {"r1", "r2"}  # spread over both
    finally:
        for session in sessions:
            session.close()


def wait_for_state(served: Served, name: str, state: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while (seen := server_states(served.run_dir / "haproxy.sock").get(name)) != state:
        assert time.monotonic() < deadline, f"{name} is {seen}, not {state}:\n{served.output}"
        time.sleep(0.1)


def test_a_killed_replica_is_left_out_and_its_sessions_go_on(served):
    both_replicas_up(served)
    sessions = [StreamlitSession(served.url, timeout=120, **STICKY) for _ in range(4)]
    try:
        for session in sessions:
            assert session.open("srn").ok
            assert session.set("srn.t", 1).ok
        victim = sessions[0].replica
        others = [s for s in sessions if s.replica != victim]
        moving = [s for s in sessions if s.replica == victim]
        assert others, "all four sessions on one replica"
        said = len(served.lines)
        os.kill(served.pids()[victim], signal.SIGKILL)
        served.wait_for(rf"replica {victim} exited", after=said, timeout=30)
        # Started again in maintenance: no student is sent to it before torch is imported.
        wait_for_state(served, victim, "MAINT", timeout=30)
        for session in others:  # noticed nothing
            result = session.set("srn.t", 2)
            assert result.ok and not result.reconnected, result.exceptions
            assert session.replicas == [session.replica] and session.reconnects == 0
        for session in moving:  # reconnected to a live replica, the page drawn again
            result = session.set("srn.t", 2)
            assert result.ok and result.reconnected, result.exceptions
            assert session.reconnects == 1  # (to the other one, or to the dead one restarted)
            assert session.cookies["RNNVIZ_REPLICA"] == session.replica
            assert session.set("srn.t", 3).ok  # and goes on there
            assert session.open("activation").ok
        # A newcomer is served: by the live replica, or by the dead one already started
        # again (the balancer sends nobody to a replica that does not answer).
        newcomer = StreamlitSession(served.url, **STICKY)
        assert newcomer.open("srn").ok
        newcomer.close()
        served.wait_for(rf"replica {victim} is back", after=said, timeout=180)
        wait_for_state(served, victim, "UP", timeout=30)
    finally:
        for session in sessions:
            session.close()


@pytest.mark.browser
def test_in_chromium_the_page_reloads_on_the_other_replica(served, browser):
    """A student's tab on a replica that dies: it reconnects to the other one, and the SRN
    page's t slider (a fragment) redraws the page there, from the link."""
    both_replicas_up(served)
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    tab = context.new_page()
    try:
        tab.goto(f"{served.url}/srn?lang=en&t=2&act=identity")
        tab.wait_for_function("document.querySelectorAll('[data-testid=stMetric]').length >= 4")
        wait_for_app(tab)

        def replica() -> str:
            return next(c["value"] for c in context.cookies() if c["name"] == "RNNVIZ_REPLICA")

        def metrics() -> list[str]:
            return [t.split("\n")[-1] for t in
                    tab.locator("[data-testid=stMetric]").all_inner_texts()[:4]]

        victim = replica()
        assert metrics() == ["[1, 1]", "[2, 2]", "[6, 6]", "[12, 12]"]  # t = 2, identity
        said = len(served.lines)
        os.kill(served.pids()[victim], signal.SIGKILL)
        served.wait_for(rf"replica {victim} exited", after=said, timeout=30)
        # Started again in maintenance: no student is sent to it before torch is imported.
        wait_for_state(served, victim, "MAINT", timeout=30)
        thumb = tab.locator("[data-testid='stSlider'] input[type='range']").first
        deadline = time.monotonic() + 60
        # The first move may be lost with the old session (the page is drawn from the link,
        # t = 2); the student moves the slider again and the page follows.
        while metrics()[1:] != ["[0, 0]", "[2, 2]", "[4, 4]"]:
            assert time.monotonic() < deadline, (metrics(), tab.url)
            if thumb.input_value() != "1":
                thumb.press("ArrowLeft")
            else:
                thumb.press("ArrowRight")
                thumb.press("ArrowLeft")
            time.sleep(1.0)
            wait_for_app(tab)
        assert replica() != victim
        assert tab.locator("[data-testid='stException']").count() == 0
        served.wait_for(rf"replica {victim} is back", after=said, timeout=180)
        wait_for_state(served, victim, "UP", timeout=30)
    finally:
        context.close()


def test_ctrl_c_stops_the_balancer_and_every_replica(served):
    pids = served.pids()
    assert set(pids) >= {"r1", "r2", "balancer"}
    assert served.stop() == 0
    assert "stopped" in served.lines[-1]
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in pids.values()):
        assert time.monotonic() < deadline, {n: p for n, p in pids.items() if alive(p)}
        time.sleep(0.2)
