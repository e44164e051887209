"""The app works offline: every page runs with outbound networking refused."""

from __future__ import annotations

import ipaddress
import socket
import sys
from pathlib import Path

import pytest
from conftest import app_test

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui.catalog import available_pages  # noqa: E402


def is_loopback(address) -> bool:
    if isinstance(address, str | bytes):  # a unix socket path
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: resolving it would already be a network request


@pytest.fixture
def offline(monkeypatch):
    """Refuse (and record) every connect that does not go to loopback."""
    attempts = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guard(address):
        if not is_loopback(address):
            attempts.append(address)
            raise OSError(f"network blocked in test: {address}")

    def connect(self, address):
        guard(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        guard(address)
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if host not in (None, "localhost", "127.0.0.1", "::1"):
            attempts.append(("getaddrinfo", host))
            raise OSError(f"name lookup blocked in test: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    real_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


def test_the_guard_refuses_the_outside_world(offline):
    with socket.socket() as sock, pytest.raises(OSError):
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed, never contacted
    assert offline == [("192.0.2.1", 80)]
    offline.clear()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_runs_offline(offline, lang):
    at = app_test("app", lang=lang).run()
    assert not at.exception
    for entry in available_pages():
        at.switch_page(entry.path).run(timeout=60)
        assert not at.exception, (entry.path, [e.value for e in at.exception])
        for slider in at.slider:  # one change per slider: the figures redraw offline too
            if slider.key and isinstance(slider.value, int | float) and slider.max > slider.min:
                slider.set_value(slider.min).run(timeout=60)
                assert not at.exception, (entry.path, slider.key)
                break
    assert offline == [], f"outbound connections attempted: {offline}"
