#!/usr/bin/env python3
"""Serve a lecture hall: several rnnviz replicas behind HAProxy, on one port.

    python deploy/serve.py                    # one replica per core; the class opens :8501
    python deploy/serve.py --replicas 3 --port 8080 --address 0.0.0.0
    python deploy/serve.py --server 10.0.0.12:8501 --server 10.0.0.13:8501   # other machines
    python deploy/serve.py --replicas 0 --server 10.0.0.12:8501 ...          # balancer only
    python deploy/serve.py --print-config     # the balancer's configuration; nothing starts

Each replica is the one-laptop app, `streamlit run app.py`, on a loopback port of its
own. The script writes the balancer's configuration from ``haproxy.cfg.template`` and
checks it with ``haproxy -c -f`` before anything starts, starts the replicas, opens
each one's home page once (so that it imports torch before the students come), then
runs HAProxy in front: sticky sessions by cookie (not by address: a class behind one
NAT shares one), websockets passed through, health checks on ``/_stcore/health``.
A replica that dies is taken out by the balancer, whose students reload on a live one,
and is started again (``--no-restart``: left out). Ctrl-C or SIGTERM stops the
balancer, then every replica. The logs and the configuration are in ``--run-dir``.

Lines starting ``rnnviz:`` report what happens; the tests and bench/bench_lecture_hall.py
read them (``replica r1 pid 1234 at http://127.0.0.1:40123``, ``serving the class at
http://...``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).with_name("haproxy.cfg.template")
REPLICA = Path(__file__).with_name("replica.py")  # `streamlit run app.py`, fit for failover
HAPROXY = os.environ.get("RNNVIZ_HAPROXY") or shutil.which("haproxy") or "/usr/sbin/haproxy"
COOKIE = "RNNVIZ_REPLICA"  # as in haproxy.cfg.template
REPLICA_HEADER = "X-Rnnviz-Replica"
WARMED_UP = "rnnviz: torch warmed up"  # ui/page.py prints it once torch is imported
START_SECONDS = 90.0
WARM_UP_SECONDS = 120.0


def say(message: str) -> None:
    print(f"rnnviz: {message}", flush=True)


class ServeError(RuntimeError):
    pass


def free_port(address: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((address, 0))
        return sock.getsockname()[1]


def healthy(url: str, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def answers(url: str) -> bool:
    """Whether anything answers HTTP at `url` (an error status counts)."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


# -- the balancer's configuration ---------------------------------------------------


@dataclass(frozen=True)
class Backend:
    """One line of the balancer's list of servers."""

    name: str  # also the cookie value and what X-Rnnviz-Replica says
    host: str
    port: int

    def line(self) -> str:
        return f"    server {self.name} {self.host}:{self.port} cookie {self.name}"


def parse_server(text: str) -> Backend:
    """`[NAME=]HOST:PORT` (a replica started on another machine)."""
    name, _, where = text.rpartition("=")
    host, _, port = where.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected [NAME=]HOST:PORT, got {text!r}")
    name = name or f"{host}:{port}"
    if not all(c.isalnum() or c in "-_.:" for c in name):
        raise argparse.ArgumentTypeError(f"a server name may use letters, digits, -_.: ({name!r})")
    return Backend(name, host, int(port))


def render_config(bind: str, backends: list[Backend], socket_path: str) -> str:
    if not backends:
        raise ServeError("no replicas: give --replicas 1 or more, or --server HOST:PORT")
    names = [backend.name for backend in backends]
    if len(set(names)) != len(names):
        raise ServeError(f"two servers share a name: {names}")
    return string.Template(TEMPLATE.read_text()).substitute(
        bind=bind, socket=socket_path,
        servers="\n".join(backend.line() for backend in backends))


def balancer_command(socket_path: Path, command: str, timeout: float = 5.0) -> str:
    """One command to HAProxy's runtime API (its stats socket); its answer."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(str(socket_path))
        sock.sendall(command.encode() + b"\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer.decode(errors="replace")


def server_states(socket_path: Path) -> dict[str, str]:
    """{server name: "UP" / "DOWN" / "MAINT" …} of the replicas backend (`show stat`)."""
    states = {}
    for line in balancer_command(socket_path, "show stat").splitlines():
        fields = line.split(",")
        if len(fields) > 17 and fields[0] == "replicas" and fields[1] not in ("FRONTEND",
                                                                              "BACKEND"):
            states[fields[1]] = fields[17]
    return states


def check_config(path: Path) -> str:
    """`haproxy -c -f path`: its report, or ServeError with it."""
    if not Path(HAPROXY).exists() and shutil.which(HAPROXY) is None:
        raise ServeError(f"HAProxy not found ({HAPROXY}): apt-get install haproxy")
    result = subprocess.run([HAPROXY, "-c", "-f", str(path)], capture_output=True, text=True,
                            timeout=30)
    report = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise ServeError(f"the balancer's configuration {path} is not valid:\n{report}")
    return report


# -- replicas ---------------------------------------------------------------------


def warm_up(url: str, timeout: float = 60.0) -> None:
    """Open the home page once over Streamlit's websocket, as a browser does."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    message = BackMsg()
    message.rerun_script.query_string = ""
    message.rerun_script.page_script_hash = ""
    deadline = time.monotonic() + timeout
    with connect(url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                 open_timeout=timeout, max_size=None) as ws:
        ws.send(message.SerializeToString())
        while True:
            raw = ws.recv(timeout=max(0.1, deadline - time.monotonic()))
            if isinstance(raw, str):
                continue
            reply = ForwardMsg()
            reply.ParseFromString(raw)
            if (reply.WhichOneof("type") == "script_finished"
                    and reply.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN):
                return


@dataclass
class Replica:
    """deploy/replica.py (`streamlit run app.py`) on a loopback port, restartable there."""

    name: str
    port: int
    run_dir: Path
    env: dict[str, str]
    process: subprocess.Popen | None = None
    started: float = 0.0
    restarts: int = 0
    _log_offset: int = 0
    _stopping: bool = field(default=False, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.run_dir / f"{self.name}.log"

    def backend(self) -> Backend:
        return Backend(self.name, "127.0.0.1", self.port)

    def start(self) -> None:
        self._log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(REPLICA), "--server.port", str(self.port),
                 "--server.address", "127.0.0.1",
                 "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=self.env,
                start_new_session=True,  # Ctrl-C reaches this script, which stops it in turn
            )
        self.started = time.monotonic()
        say(f"replica {self.name} pid {self.process.pid} at {self.url} (log {self.log_path})")

    def wait_healthy(self, timeout: float = START_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while not healthy(self.url):
            if self.process.poll() is not None:
                raise ServeError(f"replica {self.name} exited with {self.process.returncode}; "
                                 f"see {self.log_path}")
            if time.monotonic() > deadline:
                raise ServeError(f"replica {self.name} not healthy within {timeout:.0f} s; "
                                 f"see {self.log_path}")
            time.sleep(0.1)

    def warm(self, timeout: float = WARM_UP_SECONDS) -> float:
        """Open its home page and wait until it has imported torch; the seconds it took."""
        began = time.monotonic()
        warm_up(self.url, timeout)
        if self.env.get("RNNVIZ_WARM_UP", "").strip().lower() in ("0", "first"):
            return time.monotonic() - began  # no torch after the first page: nothing to wait for
        deadline = began + timeout
        while WARMED_UP not in self.new_log():
            if self.process.poll() is not None:
                raise ServeError(f"replica {self.name} exited while warming up")
            if time.monotonic() > deadline:
                raise ServeError(f"replica {self.name} did not warm up in {timeout:.0f} s")
            time.sleep(0.2)
        return time.monotonic() - began

    def new_log(self) -> str:
        with open(self.log_path, errors="replace") as log:
            log.seek(self._log_offset)
            return log.read()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping = True
        self.terminate(timeout)

    def terminate(self, timeout: float = 10.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def replica_env(local_replicas: int) -> dict[str, str]:
    """The environment of a replica: the machine's cores shared among the local replicas
    (training workers and torch threads), unless set already."""
    env = dict(os.environ)
    share = str(max(1, (os.cpu_count() or 1) // max(1, local_replicas)))
    env.setdefault("RNNVIZ_TRAIN_WORKERS", share)
    env.setdefault("OMP_NUM_THREADS", share)
    return env


# -- the whole class --------------------------------------------------------------


class Lecture:
    """N local replicas and any remote servers behind one HAProxy."""

    def __init__(self, *, replicas: int, port: int, address: str = "127.0.0.1",
                 servers: list[Backend] | None = None, run_dir: Path | None = None,
                 replica_ports: list[int] | None = None, restart: bool = True,
                 warm: bool = True):
        self.run_dir = Path(run_dir) if run_dir else None  # made by start()
        self.address, self.port = address, port
        self.restart, self.warm = restart, warm
        ports = replica_ports or [free_port() for _ in range(replicas)]
        if len(ports) != replicas:
            raise ServeError(f"{replicas} replicas but {len(ports)} replica ports")
        env = replica_env(replicas)
        self.replicas = [Replica(f"r{i + 1}", p, Path(), env) for i, p in enumerate(ports)]
        self.remote = list(servers or [])
        self.balancer: subprocess.Popen | None = None
        self._restarting: set[str] = set()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.address in ("0.0.0.0", "::", "") else self.address
        return f"http://{host}:{self.port}"

    def config(self) -> str:
        bind = f"{self.address}:{self.port}" if ":" not in self.address \
            else f"[{self.address}]:{self.port}"
        socket_path = str(self.socket_path) if self.run_dir else "/run/haproxy/admin.sock"
        return render_config(bind, [r.backend() for r in self.replicas] + self.remote,
                             socket_path)

    @property
    def config_path(self) -> Path:
        return self.run_dir / "haproxy.cfg"

    @property
    def socket_path(self) -> Path:
        return self.run_dir / "haproxy.sock"

    def set_state(self, replica: Replica, state: str) -> None:
        """The balancer's state of `replica`: "maint" (no new students) or "ready"."""
        try:
            balancer_command(self.socket_path, f"set server replicas/{replica.name} state {state}")
        except OSError as exc:  # the balancer is stopping, or gone: nothing to keep out
            say(f"could not set {replica.name} to {state} ({exc})")

    def start(self) -> None:
        if self.run_dir is None:
            self.run_dir = Path(tempfile.mkdtemp(prefix="rnnviz-class-"))
        self.run_dir.mkdir(parents=True, exist_ok=True)
        for replica in self.replicas:
            replica.run_dir = self.run_dir
        self.config_path.write_text(self.config())
        check_config(self.config_path)  # before anything starts
        say(f"balancer configuration {self.config_path} is valid (haproxy -c)")
        for replica in self.replicas:
            replica.start()
        for replica in self.replicas:
            replica.wait_healthy()
        if self.warm and self.replicas:
            self._warm_all()
        for backend in self.remote if self.warm else []:  # started elsewhere: no log to read
            try:
                warm_up(f"http://{backend.host}:{backend.port}")
                say(f"{backend.name}: home page opened (it imports torch in the background)")
            except Exception as exc:  # noqa: BLE001 - the balancer's health check decides
                say(f"{backend.name} did not answer ({exc!r}); the balancer leaves it out "
                    "until it does")
        log = open(self.run_dir / "haproxy.log", "a")  # noqa: SIM115 - the process keeps it
        self.balancer = subprocess.Popen([HAPROXY, "-db", "-f", str(self.config_path)],
                                         stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        log.close()
        deadline = time.monotonic() + 30
        while not answers(self.url):
            if self.balancer.poll() is not None or time.monotonic() > deadline:
                raise ServeError("HAProxy did not start; see "
                                 f"{self.run_dir / 'haproxy.log'}")
            time.sleep(0.1)
        say(f"balancer pid {self.balancer.pid} (log {self.run_dir / 'haproxy.log'})")
        names = ", ".join([r.name for r in self.replicas] + [b.name for b in self.remote])
        say(f"serving the class at {self.url} ({names}; sticky by cookie {COOKIE}); "
            "Ctrl-C stops everything")

    def _warm_all(self) -> None:
        times: dict[str, float] = {}
        errors: list[str] = []

        def one(replica: Replica) -> None:
            try:
                times[replica.name] = replica.warm()
            except Exception as exc:  # noqa: BLE001 - reported; the replica still serves
                errors.append(f"{replica.name}: {exc}")

        threads = [threading.Thread(target=one, args=(r,)) for r in self.replicas]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if times:
            say("warmed up (home page opened, torch imported): "
                + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in sorted(times.items())))
        for error in errors:
            say(f"warm-up failed, {error}")

    def check(self) -> None:
        """Called every half second: the balancer must live; a dead replica is restarted."""
        if self.balancer is not None and self.balancer.poll() is not None:
            raise ServeError(f"HAProxy exited with {self.balancer.returncode}; see "
                             f"{self.run_dir / 'haproxy.log'}")
        for replica in self.replicas:
            if replica.alive() or replica._stopping:
                continue
            with self._lock:
                if replica.name in self._restarting:
                    continue
                self._restarting.add(replica.name)
            code = replica.process.returncode if replica.process else None
            if not self.restart:
                say(f"replica {replica.name} exited ({code}); the balancer leaves it out")
                replica._stopping = True
                continue
            say(f"replica {replica.name} exited ({code}); the balancer leaves it out until "
                "it is back; starting it again")
            threading.Thread(target=self._restart, args=(replica,), daemon=True).start()

    def _restart(self, replica: Replica) -> None:
        try:
            if replica._stopping:  # the class is being stopped
                return
            replica.restarts += 1
            # Kept out while it starts and imports torch: its health check would pass
            # before that, and the first students sent to it would wait for the import.
            if self.warm:
                self.set_state(replica, "maint")
            replica.start()
            replica.wait_healthy()
            if self.warm:
                seconds = replica.warm()
                self.set_state(replica, "ready")
                say(f"replica {replica.name} is back, warmed up in {seconds:.1f} s before "
                    "the balancer sent it anyone")
            else:
                say(f"replica {replica.name} is back")
        except Exception as exc:  # noqa: BLE001 - reported; tried again a little later
            say(f"replica {replica.name} did not come back: {exc}")
            replica.terminate()
            time.sleep(5)
        finally:
            with self._lock:
                self._restarting.discard(replica.name)

    def kill(self, name: str, sig: int = signal.SIGKILL) -> int:
        """Kill one replica (tests and benchmarks); returns its pid."""
        replica = next(r for r in self.replicas if r.name == name)
        os.kill(replica.process.pid, sig)
        return replica.process.pid

    def stop(self) -> None:
        if self.balancer is not None and self.balancer.poll() is None:
            self.balancer.terminate()
            try:
                self.balancer.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.balancer.kill()
                self.balancer.wait()
        for replica in self.replicas:
            replica._stopping = True
            if replica.process is not None and replica.process.poll() is None:
                replica.process.terminate()
        for replica in self.replicas:
            replica.stop()

    def __enter__(self) -> Lecture:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Serve rnnviz to a lecture hall: replicas behind HAProxy on one port.")
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 1,
                        help="local replicas (default: one per core, here %(default)s)")
    parser.add_argument("--port", type=int, default=8501, help="the class's port (8501)")
    parser.add_argument("--address", default="127.0.0.1",
                        help="the balancer's address (127.0.0.1; 0.0.0.0 for the whole network)")
    parser.add_argument("--server", action="append", type=parse_server, default=[],
                        metavar="[NAME=]HOST:PORT",
                        help="a replica started on another machine (repeat for each)")
    parser.add_argument("--replica-ports", type=lambda s: [int(p) for p in s.split(",")],
                        help="comma-separated loopback ports of the local replicas "
                             "(default: free ones)")
    parser.add_argument("--run-dir", type=Path, help="configuration and logs (default: a new "
                        "folder under the system's temporary directory)")
    parser.add_argument("--no-restart", action="store_true",
                        help="leave a replica that died out instead of starting it again")
    parser.add_argument("--no-warm-up", action="store_true",
                        help="do not open each replica's home page before the class comes")
    parser.add_argument("--print-config", action="store_true",
                        help="print the balancer's configuration and exit")
    args = parser.parse_args(argv)
    if args.replicas < 0:
        parser.error("--replicas must be 0 or more")
    try:
        lecture = Lecture(replicas=args.replicas, port=args.port, address=args.address,
                          servers=args.server, run_dir=args.run_dir,
                          replica_ports=args.replica_ports, restart=not args.no_restart,
                          warm=not args.no_warm_up)
        if args.print_config:
            print(lecture.config(), end="")
            return 0
    except ServeError as exc:
        print(f"rnnviz: {exc}", file=sys.stderr)
        return 2

    def terminate(signum, frame):  # SIGTERM: as Ctrl-C
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    try:
        lecture.start()
        while True:
            lecture.check()
            time.sleep(0.5)
    except KeyboardInterrupt:
        say("stopping the balancer and the replicas")
        return_code = 0
    except ServeError as exc:
        print(f"rnnviz: {exc}", file=sys.stderr)
        return_code = 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the stop
        lecture.stop()
        signal.signal(signal.SIGINT, signal.default_int_handler)
    say("stopped")
    return return_code


if __name__ == "__main__":
    sys.exit(main())
