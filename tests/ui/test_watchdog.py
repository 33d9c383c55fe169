"""The systemd watchdog fed from the GUI thread, on a real unix datagram socket.

The faces' own processes (kiosk and board offscreen, as their units start them) say
READY=1 and keep pinging; a GUI thread that does not return to its event loop stops the
pings; outside systemd nothing is sent.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.sdnotify import Notifier
from tests.conftest import site_config
from ui.watchdog import GuiWatchdog

MPP_KIOSK = str(Path(sys.executable).with_name("mpp-kiosk"))


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[socket.socket]:
    """A bound datagram socket standing where systemd's notify socket would be."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.setblocking(False)
    yield sock
    sock.close()


def _drain(sock: socket.socket) -> list[str]:
    messages = []
    while True:
        try:
            messages.append(sock.recv(4096).decode("ascii"))
        except BlockingIOError:
            return messages


def test_ready_then_pings_at_half_the_interval(qtbot: QtBot, notify_socket: socket.socket) -> None:
    address = notify_socket.getsockname()
    watchdog = GuiWatchdog(Notifier(address, watchdog_usec=200_000))
    watchdog.start()
    received: list[str] = []

    def pinged_three_times() -> None:
        received.extend(_drain(notify_socket))
        assert received.count("WATCHDOG=1") >= 3

    qtbot.waitUntil(pinged_three_times, timeout=3000)
    assert received[0] == "READY=1"
    assert received.count("READY=1") == 1


def test_a_blocked_gui_thread_stops_the_pings(qtbot: QtBot, notify_socket: socket.socket) -> None:
    watchdog = GuiWatchdog(Notifier(notify_socket.getsockname(), watchdog_usec=100_000))
    watchdog.start()
    qtbot.waitUntil(lambda: "WATCHDOG=1" in _drain(notify_socket), timeout=3000)
    _drain(notify_socket)

    time.sleep(0.6)  # the GUI thread stuck in a slot: six intervals without the event loop

    assert _drain(notify_socket) == []
    qtbot.waitUntil(lambda: "WATCHDOG=1" in _drain(notify_socket), timeout=3000)


def test_outside_systemd_nothing_is_sent(qtbot: QtBot, notify_socket: socket.socket) -> None:
    notifier = Notifier.from_environment({"WATCHDOG_USEC": "100000"})
    assert notifier == Notifier(None, None)
    GuiWatchdog(notifier).start()
    qtbot.wait(300)
    assert _drain(notify_socket) == []


def test_the_environment_names_the_socket_and_the_interval() -> None:
    notifier = Notifier.from_environment({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "30000000"})
    assert notifier.ping_interval_ms == 15_000
    assert Notifier.from_environment({"NOTIFY_SOCKET": "/run/x"}).ping_interval_ms is None
    assert Notifier.from_environment({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "x"}) == (
        Notifier("/run/x", None)
    )


def test_an_abstract_socket_is_reached() -> None:
    name = f"@mpp-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name[1:])
        assert Notifier(name, None).ready()
        assert sock.recv(64) == b"READY=1"


def test_a_refused_ping_is_logged_once(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    watchdog = GuiWatchdog(Notifier(str(tmp_path / "gone"), watchdog_usec=40_000))
    watchdog.start()
    qtbot.wait(300)
    assert [r.getMessage() for r in caplog.records if "refused" in r.getMessage()] == [
        "systemd notify socket refused READY=1"
    ]


@pytest.mark.parametrize("face", ["kiosk", "display"])
def test_the_face_process_notifies_systemd(
    face: str, tmp_path: Path, notify_socket: socket.socket
) -> None:
    config = site_config(tmp_path, f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "NOTIFY_SOCKET": notify_socket.getsockname(),
        "WATCHDOG_USEC": "400000",
    }
    subprocess.run([MPP_KIOSK, "--config", str(config), "init"], env=env, check=True)
    process = subprocess.Popen([MPP_KIOSK, "--config", str(config), face], env=env)
    received: list[str] = []
    try:
        deadline = time.monotonic() + 30
        while received.count("WATCHDOG=1") < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
            received.extend(_drain(notify_socket))
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert received[0] == "READY=1"
    assert received.count("WATCHDOG=1") >= 2
