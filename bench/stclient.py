"""A minimal Streamlit client that speaks the real websocket protocol.

It connects to ``/_stcore/stream`` like the browser does, sends ``BackMsg``
protobufs (``rerun_script`` with a ``ClientState``: query string, page hash
and the states of every widget it knows) and reads ``ForwardMsg`` protobufs
until the server says the script run has finished (``script_finished``).
Widget ids are learned from the deltas: every widget proto carries its ``id``,
and a widget made with ``key="k"`` has an id ending in ``-k``.

Used by ``bench/load.py``, ``bench/soak.py`` and the isolation test; it needs
only ``websocket-client`` and the installed streamlit package.

Behind a load balancer (``deploy/serve.py``) a session can be ``sticky``: like a
browser it first loads the page, keeps the cookies it is given (the balancer's
replica cookie, Streamlit's XSRF cookie) and sends them with its websocket and
its downloads and uploads; ``replica`` is the replica that answered (the
balancer's ``X-Rnnviz-Replica`` header). With ``reconnect_seconds`` a dropped
websocket is opened again, as the browser does, and the page drawn again from
its link (the change in flight is lost, a button's click is sent again).
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import websocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websocket import ABNF

ROOT = Path(__file__).resolve().parent.parent

WIDGET_KINDS = {
    "slider", "number_input", "selectbox", "radio", "checkbox", "button", "text_input",
    "text_area", "multiselect", "button_group", "file_uploader", "download_button",
}
FINISHED_OK = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}
REPLICA_HEADER = "x-rnnviz-replica"  # set by the balancer (deploy/haproxy.cfg.template)
XSRF_COOKIE = "_streamlit_xsrf"
WARMED_UP = "rnnviz: torch warmed up"  # printed by ui/page.py to the server's log
_COOKIE_ATTRIBUTES = {"path", "domain", "expires", "max-age", "samesite", "secure", "httponly"}


def _disconnected(exc: BaseException) -> bool:
    """Whether `exc` means the websocket was dropped (not a slow answer)."""
    if isinstance(exc, TimeoutError | websocket.WebSocketTimeoutException):
        return False
    return isinstance(exc, OSError | websocket.WebSocketException)


def _cookies_from(set_cookie_values: list[str]) -> dict[str, str]:
    """name -> value from Set-Cookie header values (websocket-client joins several
    into one with '; ', attributes included)."""
    cookies = {}
    for value in set_cookie_values:
        for part in value.split(";"):
            name, sep, content = part.strip().partition("=")
            if sep and name and name.lower() not in _COOKIE_ATTRIBUTES:
                cookies[name] = content
    return cookies


@dataclass
class Widget:
    kind: str
    id: str
    key: str | None
    proto: object  # the widget's own protobuf (Slider, Selectbox, ...)
    fragment_id: str = ""  # set when the widget lives in a fragment: a change reruns just that


@dataclass
class RunResult:
    """What one script run sent: its elements, in arrival order."""

    seconds: float
    status: int | None = None
    elements: list[tuple[str, object]] = field(default_factory=list)
    widgets: dict[str, Widget] = field(default_factory=dict)  # by key (or id if no key)
    reconnected: bool = False  # the websocket dropped; this is the rerun on the new one

    def of_kind(self, kind: str) -> list[object]:
        return [proto for k, proto in self.elements if k == kind]

    @property
    def exceptions(self) -> list[str]:
        return [f"{e.type}: {e.message}" for e in self.of_kind("exception")]

    @property
    def text(self) -> str:
        parts = []
        for _kind, proto in self.elements:
            for name in ("body", "label", "message", "text", "value"):
                value = getattr(proto, name, None)
                if isinstance(value, str) and value:
                    parts.append(value)
        return "\n".join(parts)

    @property
    def ok(self) -> bool:
        return self.status in FINISHED_OK and not self.exceptions


def key_of(widget_id: str) -> str | None:
    """The user key at the end of a widget id ``$$ID-<hash>-<key>``, if any."""
    parts = widget_id.split("-", 2)
    return parts[2] if len(parts) == 3 and parts[2] and parts[2] != "None" else None


class StreamlitSession:
    """One browser tab's worth of Streamlit session, without the browser."""

    def __init__(self, base_url: str, *, query: str = "lang=en", timeout: float = 60.0,
                 sticky: bool = False, reconnect_seconds: float = 0.0):
        self.base_url = base_url.rstrip("/")
        self.query = query
        self.timeout = timeout
        self.sticky = sticky  # load the page first and keep cookies, as a browser does
        self.reconnect_seconds = reconnect_seconds  # 0: a dropped websocket is an error
        self.cookies: dict[str, str] = {}
        self.replica: str | None = None  # who answered the websocket (behind the balancer)
        self.replicas: list[str | None] = []  # every websocket's replica, in order
        self.http_replicas: list[str | None] = []  # ... and every HTTP request's
        self.reconnects = 0
        self.session_id = ""  # the server's id of this session (upload URLs name it)
        self.pages: dict[str, str] = {}  # url path name ("" for home) -> page_script_hash
        self.page_hash = ""
        self.values: dict[str, tuple[str, object]] = {}  # widget id -> (value field, value)
        self.widgets: dict[str, Widget] = {}
        # Fragments the server asked to rerun on a timer (st.fragment(run_every=...)):
        # fragment id -> seconds. The browser reruns just those; so does `poll`.
        self.auto_reruns: dict[str, float] = {}
        # Fragments drawn by the latest full run: only those can be rerun on their own
        # (the server ignores, without an answer, a rerun of a fragment that is gone).
        self.fragments: set[str] = set()
        if sticky:
            self.http("GET", "/")  # the page itself: the balancer pins the browser here
        try:
            self._connect()
        except Exception as exc:
            if not reconnect_seconds or not _disconnected(exc):
                raise
            self._reconnect()  # as the browser does: it keeps trying

    def _connect(self) -> None:
        protocols = ["streamlit"]
        if self.session_id:  # as the browser does: the same replica resumes the session
            protocols += [self.cookies.get(XSRF_COOKIE, ""), self.session_id]
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items()) if self.sticky else None
        self.ws = websocket.create_connection(
            self.base_url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=protocols, timeout=self.timeout, cookie=cookie,
        )
        headers = self.ws.getheaders() or {}
        if self.sticky and headers.get("set-cookie"):
            self.cookies.update(_cookies_from([headers["set-cookie"]]))
        self.replica = headers.get(REPLICA_HEADER)
        self.replicas.append(self.replica)

    def _reconnect(self) -> None:
        """Open the websocket again, as the browser does after a drop: it asks the
        health endpoint until it answers (through the balancer: a live replica, which
        pins the session to itself), then connects."""
        self.close()
        deadline = time.monotonic() + self.reconnect_seconds
        pause = 0.25
        while True:
            try:
                status, _, _ = self.http("GET", "/_stcore/health")
                if status == 200:
                    self._connect()
                    break
            except Exception as exc:  # noqa: BLE001 - refused, reset: try again
                if not _disconnected(exc) and not isinstance(exc, TimeoutError):
                    raise
            if time.monotonic() > deadline:
                raise ConnectionError(f"no reconnection within {self.reconnect_seconds} s")
            time.sleep(pause)
            pause = min(2.0, pause * 2)
        self.reconnects += 1
        self.auto_reruns.clear()
        self.fragments.clear()

    def http(self, method: str, path: str, data: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        """An HTTP request to the server with the session's cookies (sticky) or none:
        (status, headers, body). Keeps the cookies it is given and who answered."""
        request = urllib.request.Request(self.base_url + path, data=data, method=method,
                                         headers=dict(headers or {}))
        if self.sticky and self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, reply, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, reply, body = error.code, error.headers, error.read()
        if self.sticky:
            self.cookies.update(_cookies_from(reply.get_all("Set-Cookie") or []))
        self.http_replicas.append(reply.get(REPLICA_HEADER))
        return status, {k.lower(): v for k, v in reply.items()}, body

    def download(self, key: str) -> tuple[int, dict[str, str], bytes]:
        """Fetch what the download button with `key` offers (its /media/... link)."""
        return self.http("GET", self.widgets[key].proto.url)

    def upload(self, key: str, name: str, data: bytes, mime: str = "text/plain") -> RunResult:
        """Choose a file in the file uploader with `key`, as the browser does: ask the
        server for an upload URL over the websocket, PUT the file there (multipart, with
        the XSRF token of the cookie), then rerun with the widget holding it. The PUT's
        status and headers are kept in `last_upload`."""
        widget = self.widgets[key]
        if XSRF_COOKIE not in self.cookies:
            self.http("GET", "/_stcore/health")  # where Streamlit sets its XSRF cookie
        msg = BackMsg()
        request_id = uuid.uuid4().hex
        msg.file_urls_request.request_id = request_id
        msg.file_urls_request.file_names.append(name)
        msg.file_urls_request.session_id = self.session_id
        self.ws.send_binary(msg.SerializeToString())
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._receive(deadline)
            if reply is None:
                continue
            if (reply.WhichOneof("type") == "file_urls_response"
                    and reply.file_urls_response.response_id == request_id):
                break
        if reply.file_urls_response.error_msg:
            raise RuntimeError(f"upload refused: {reply.file_urls_response.error_msg}")
        urls = reply.file_urls_response.file_urls[0]
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"UploadedFile\"; "
                f"filename=\"{name}\"\r\nContent-Type: {mime}\r\n\r\n").encode() + data \
            + f"\r\n--{boundary}--\r\n".encode()
        self.last_upload = self.http(
            "PUT", urls.upload_url, body,
            {"Content-Type": f"multipart/form-data; boundary={boundary}",
             "X-Xsrftoken": self.cookies.get(XSRF_COOKIE, "")})
        if self.last_upload[0] not in (200, 204):
            raise RuntimeError(f"upload failed: status {self.last_upload[0]} "
                               f"{self.last_upload[2][:200]!r}")
        from streamlit.proto.Common_pb2 import FileUploaderState

        state = FileUploaderState()
        info = state.uploaded_file_info.add()
        info.file_id, info.name, info.size = urls.file_id, name, len(data)
        info.file_urls.CopyFrom(urls)
        self.values[widget.id] = ("file_uploader_state_value", state)
        fragment_id = widget.fragment_id if widget.fragment_id in self.fragments else ""
        return self.rerun(fragment_id=fragment_id)

    def close(self) -> None:
        try:
            self.ws.close()
        except (OSError, websocket.WebSocketException):
            pass

    def __enter__(self) -> StreamlitSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- protocol --------------------------------------------------------

    def _send_rerun(self, trigger: tuple[str, str, object] | None = None,
                    fragment_id: str = "", auto: bool = False) -> None:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        if fragment_id:
            state.fragment_id = fragment_id
            state.is_auto_rerun = auto
        for widget_id, (field_name, value) in self.values.items():
            _set_widget_value(state.widget_states.widgets.add(), widget_id, field_name, value)
        if trigger is not None:
            widget_id, field_name, value = trigger
            _set_widget_value(state.widget_states.widgets.add(), widget_id, field_name, value)
        self.ws.send_binary(msg.SerializeToString())

    def _receive(self, deadline: float) -> ForwardMsg | None:
        """The next message from the server before `deadline`, or None for a control frame.

        Control frames come back too: the server pings every few seconds, and a plain
        recv() answers them internally and keeps waiting, past any deadline."""
        self.ws.settimeout(max(0.1, deadline - time.monotonic()))
        opcode, raw = self.ws.recv_data(control_frame=True)
        if opcode == ABNF.OPCODE_CLOSE:
            raise ConnectionError("the server closed the session")
        if opcode != ABNF.OPCODE_BINARY:
            return None
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        return msg

    def _read_run(self, started: float) -> RunResult:
        result = RunResult(seconds=0.0)
        deadline = started + self.timeout
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError(f"script run did not finish within {self.timeout} s")
            msg = self._receive(deadline)
            if msg is None:
                continue
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                if msg.new_session.initialize.session_id:
                    self.session_id = msg.new_session.initialize.session_id
                if not msg.metadata.run.fragment_ids:  # a full run: its fragments re-register
                    self.auto_reruns.clear()
                    self.fragments.clear()
                self.page_hash = msg.new_session.page_script_hash
                for app_page in msg.new_session.app_pages:
                    self.pages[app_page.url_pathname] = app_page.page_script_hash
                result.elements.clear()
                result.widgets.clear()
            elif kind == "delta" and msg.delta.fragment_id:
                self.fragments.add(msg.delta.fragment_id)
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                element_kind = element.WhichOneof("type")
                proto = getattr(element, element_kind)
                result.elements.append((element_kind, proto))
                if element_kind in WIDGET_KINDS and getattr(proto, "id", ""):
                    widget = Widget(element_kind, proto.id, key_of(proto.id), proto,
                                    msg.delta.fragment_id)
                    result.widgets[widget.key or widget.id] = widget
                    self.widgets[widget.key or widget.id] = widget
            elif kind == "page_info_changed":
                # The page wrote the URL: send it back on the next rerun, as a browser does.
                self.query = msg.page_info_changed.query_string
            elif kind == "auto_rerun":
                self.auto_reruns[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
            elif kind == "stop_auto_rerun":
                for fragment_id in msg.stop_auto_rerun.fragment_ids:
                    self.auto_reruns.pop(fragment_id, None)
            elif kind == "navigation":
                for app_page in msg.navigation.app_pages:
                    self.pages[app_page.url_pathname] = app_page.page_script_hash
            elif kind == "page_not_found":
                raise LookupError(f"page not found: {msg.page_not_found.page_name}")
            elif kind == "script_finished":
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # a newer run (ours) follows
                result.status = status
                result.seconds = time.monotonic() - started
                return result

    def rerun(self, trigger: tuple[str, str, object] | None = None,
              fragment_id: str = "") -> RunResult:
        return self._run(trigger, fragment_id)

    def _run(self, trigger: tuple[str, str, object] | None = None, fragment_id: str = "",
             auto: bool = False) -> RunResult:
        started = time.monotonic()
        try:
            self._send_rerun(trigger, fragment_id, auto)
            return self._read_run(started)
        except Exception as exc:
            if not self.reconnect_seconds or not _disconnected(exc):
                raise
        # The browser, its websocket dropped, connects again and sends the change there.
        # On another replica that is a new session: the page is drawn whole from its
        # link (deploy/replica.py makes a fragment's rerun a run of the whole page there),
        # and a setting kept in the link wins over the widget's value the browser sent.
        # Here the page is drawn from the link alone: the widget values this client
        # holds are the ones it set, in the language they were set in, which a browser
        # would have updated since.
        self._reconnect()
        self.values.clear()
        started = time.monotonic()
        self._send_rerun(trigger)
        result = self._read_run(started)
        result.reconnected = True
        return result

    def poll(self, fallback_seconds: float = 0.5) -> RunResult:
        """What the browser does while a page polls: wait, then rerun the timed fragment
        (a fragment that ends its polling with st.rerun() makes this a full run). With
        no timed fragment, a full rerun after `fallback_seconds`."""
        if not self.auto_reruns:
            time.sleep(fallback_seconds)
            return self.rerun()
        fragment_id, interval = next(iter(self.auto_reruns.items()))
        time.sleep(interval)
        return self._run(fragment_id=fragment_id, auto=True)

    # -- what a student does ---------------------------------------------

    def open(self, page: str = "") -> RunResult:
        """Open a page by its url path name ('' is the home page)."""
        if page and page not in self.pages:
            self.open("")  # the first run tells us the pages
        self.page_hash = self.pages[page] if page else ""
        # The pages' links carry the language only: the other page's URL state stays behind.
        lang = parse_qs(self.query).get("lang")
        self.query = urlencode({"lang": lang[-1]}) if lang else ""
        self.values.clear()
        self.widgets.clear()
        self.auto_reruns.clear()
        return self.rerun()

    def set(self, key: str, value: object) -> RunResult:
        """Change the widget with `key` to `value` (a button is clicked)."""
        widget = self.widgets[key]
        field_name, wire_value = wire_value_of(widget, value)
        # Like the browser: a widget inside a fragment reruns only its fragment.
        fragment_id = widget.fragment_id if widget.fragment_id in self.fragments else ""
        if field_name == "trigger_value":
            return self.rerun((widget.id, field_name, True), fragment_id)
        self.values[widget.id] = (field_name, wire_value)
        return self.rerun(fragment_id=fragment_id)


def wire_value_of(widget: Widget, value: object) -> tuple[str, object]:
    """The WidgetState field and value the browser would send for `value`."""
    kind = widget.kind
    if kind == "button":
        return "trigger_value", True
    if kind == "slider" and widget.proto.options:  # a select_slider: the options' text
        values = value if isinstance(value, list | tuple) else [value]
        options = list(widget.proto.options)
        return "string_array_value", [options[v] if isinstance(v, int) else str(v)
                                      for v in values]
    if kind == "slider":
        values = value if isinstance(value, list | tuple) else [value]
        return "double_array_value", [float(v) for v in values]
    if kind == "number_input":
        return "double_value", float(value)
    if kind == "checkbox":
        return "bool_value", bool(value)
    if kind in ("selectbox", "radio"):
        options = list(widget.proto.options)
        return "string_value", options[value] if isinstance(value, int) else str(value)
    if kind in ("text_input", "text_area"):
        return "string_value", str(value)
    if kind in ("multiselect", "button_group"):
        options = list(getattr(widget.proto, "options", []))
        return "string_array_value", [options[v] if isinstance(v, int) and options else str(v)
                                      for v in value]
    raise ValueError(f"cannot set a {kind} widget; supported: slider, number_input, checkbox, "
                     "selectbox, radio, text_input, text_area, multiselect, button")


def _set_widget_value(state, widget_id: str, field_name: str, value: object) -> None:
    state.id = widget_id
    if field_name in ("double_array_value", "string_array_value"):
        getattr(state, field_name).data.extend(value)
    elif field_name == "file_uploader_state_value":
        state.file_uploader_state_value.CopyFrom(value)
    else:
        setattr(state, field_name, value)


def wait_healthy(url: str, process: subprocess.Popen, seconds: float, *,
                 poll: float = 0.2) -> bool:
    """Wait until the server at `url` answers its health check, asking every `poll` s (short
    where the moment it is ready is measured): False if `process` ended or `seconds` passed."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return True
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(poll)


def stop_process(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Ask a server to stop (SIGTERM), and kill it if it has not within `timeout` s."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()


def page_names() -> list[str]:
    """Url path names of the pages that exist now ('' is the home page)."""
    sys.path.insert(0, str(ROOT))
    from ui.catalog import available_pages

    return [""] + [Path(entry.path).stem.split("_", 1)[1] for entry in available_pages()]


class Server:
    """`streamlit run app.py` on a free loopback port, with its process for RSS."""

    def __init__(self, *, env: dict[str, str] | None = None, log: Path | None = None):
        import os
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.warm_up_mode = {**os.environ, **(env or {})}.get("RNNVIZ_WARM_UP", "").strip()
        self.log_path = log or Path(f"/tmp/rnnviz-server-{self.port}.log")
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py",
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
        if not wait_healthy(self.url, self.process, 90):
            self.stop()
            raise RuntimeError(f"streamlit did not start; see {self.log_path}")
            time.sleep(0.3)

    def wait_warm(self, timeout: float = 120.0) -> bool:
        """Wait until the app has imported torch (ui/page.py does it in the background
        after the first page and says so in the log); False if it did not say so."""
        if self.warm_up_mode in ("0", "first"):  # never, or before the first page was drawn
            return True
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            if WARMED_UP in self.log_path.read_text(errors="replace"):
                return True
            time.sleep(0.2)
        return False

    def rss_mb(self) -> float:
        import psutil

        return psutil.Process(self.process.pid).memory_info().rss / 2**20

    def cpu_seconds(self) -> float:
        import psutil

        times = psutil.Process(self.process.pid).cpu_times()
        return times.user + times.system

    def threads(self) -> int:
        import psutil

        return psutil.Process(self.process.pid).num_threads()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
