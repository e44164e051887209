"""A minimal Streamlit client that speaks the real websocket protocol.

It connects to ``/_stcore/stream`` like the browser does, sends ``BackMsg``
protobufs (``rerun_script`` with a ``ClientState``: query string, page hash
and the states of every widget it knows) and reads ``ForwardMsg`` protobufs
until the server says the script run has finished (``script_finished``).
Widget ids are learned from the deltas: every widget proto carries its ``id``,
and a widget made with ``key="k"`` has an id ending in ``-k``.

Used by ``bench/load.py``, ``bench/soak.py`` and the isolation test; it needs
only ``websocket-client`` and the installed streamlit package.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
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

    def __init__(self, base_url: str, *, query: str = "lang=en", timeout: float = 60.0):
        self.base_url = base_url.rstrip("/")
        self.query = query
        self.timeout = timeout
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
        self.ws = websocket.create_connection(
            self.base_url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocol=["streamlit"], timeout=timeout,
        )

    def close(self) -> None:
        try:
            self.ws.close()
        except OSError:
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

    def _read_run(self, started: float) -> RunResult:
        result = RunResult(seconds=0.0)
        deadline = started + self.timeout
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError(f"script run did not finish within {self.timeout} s")
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            # Control frames come back too: the server pings every few seconds, and a
            # plain recv() answers them internally and keeps waiting, past any deadline.
            opcode, raw = self.ws.recv_data(control_frame=True)
            if opcode == ABNF.OPCODE_CLOSE:
                raise ConnectionError("the server closed the session")
            if opcode != ABNF.OPCODE_BINARY:
                continue
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
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
        started = time.monotonic()
        self._send_rerun(trigger, fragment_id)
        return self._read_run(started)

    def poll(self, fallback_seconds: float = 0.5) -> RunResult:
        """What the browser does while a page polls: wait, then rerun the timed fragment
        (a fragment that ends its polling with st.rerun() makes this a full run). With
        no timed fragment, a full rerun after `fallback_seconds`."""
        if not self.auto_reruns:
            time.sleep(fallback_seconds)
            return self.rerun()
        fragment_id, interval = next(iter(self.auto_reruns.items()))
        time.sleep(interval)
        started = time.monotonic()
        self._send_rerun(fragment_id=fragment_id, auto=True)
        return self._read_run(started)

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
    else:
        setattr(state, field_name, value)


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
        self.log_path = log or Path(f"/tmp/rnnviz-server-{self.port}.log")
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py",
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"streamlit did not start; see {self.log_path}")
            time.sleep(0.3)

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
