"""The kiosk's speaker button: what it reads, that it reads through QtMultimedia into a
PulseAudio null sink, and that with no sound device it logs once and never blocks."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.hall import open_hall
from kiosk.settings import load_settings
from tests.conftest import site_config
from tests.helpers.clock import FakeClock
from tests.helpers.touch import tap
from ui.kiosk.reading import words_of
from ui.kiosk.window import KioskWindow
from ui.speech import ScreenReader


@pytest.fixture
def null_sink(tmp_path: Path) -> Iterator[str]:
    """A PulseAudio server with one null sink, for this test only; its address."""
    pulseaudio = shutil.which("pulseaudio")
    if pulseaudio is None:
        pytest.fail("pulseaudio is missing: run installer/system-deps.sh")
    runtime = tmp_path / "pulse"
    runtime.mkdir()
    socket = runtime / "native"
    server = subprocess.Popen(
        [
            pulseaudio,
            "-n",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--load=module-null-sink sink_name=kiosk",
            f"--load=module-native-protocol-unix socket={socket}",
            "--load=module-always-sink",
        ],
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime), "HOME": str(tmp_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not socket.exists():
            assert server.poll() is None, "pulseaudio exited at start"
            assert time.monotonic() < deadline, "pulseaudio did not open its socket"
            time.sleep(0.05)
        yield f"unix:{socket}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def speaking(qtbot: QtBot, tmp_path: Path, database_url: str) -> Iterator[KioskWindow]:
    """The kiosk of a site that turned speech on, at its home screen."""
    config = site_config(tmp_path, database_url, kiosk={"speech": True})
    hall = open_hall(load_settings(config), FakeClock())
    window = KioskWindow(hall)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    yield window
    hall.close()


def test_the_button_is_there_only_where_the_site_wants_speech(
    home_window: KioskWindow, speaking: KioskWindow
) -> None:
    assert home_window.header.speak.isHidden()
    assert home_window.reader is None
    assert speaking.header.speak.isVisible()
    assert speaking.header.speak.accessibleName() == "Dengarkan layar ini"


def test_the_button_reads_the_screens_heading_and_instruction_in_its_language(
    qtbot: QtBot, speaking: KioskWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[tuple[str, str]] = []
    assert speaking.reader is not None
    monkeypatch.setattr(speaking.reader, "read", lambda text, lang: said.append((text, lang)))
    tap(qtbot, speaking.header.speak)
    text, language = said[-1]
    assert language == "id"
    assert text.startswith("Selamat datang. Silakan sentuh layanan yang Anda butuhkan. ")
    assert "Ambil Nomor Antrian" in text
    tap(qtbot, speaking.header.language_button("en"))
    tap(qtbot, speaking.header.speak)
    assert said[-1][1] == "en"
    assert said[-1][0] != text


def test_the_ticket_screen_reads_the_number_digit_by_digit(speaking: KioskWindow) -> None:
    issued = speaking.hall.queue.issue_ticket("jobs")
    speaking.ticket.show_ticket(issued, {"id": "Informasi Lowongan Kerja", "en": "Jobs"}, "id")
    spoken = words_of(speaking.ticket, "id")
    assert spoken.startswith("Nomor antrian Anda A nol nol satu. Informasi Lowongan Kerja")
    assert words_of(speaking.ticket, "en").startswith("Your queue number is A zero zero one")


def test_it_plays_through_qtmultimedia_into_a_null_sink(null_sink: str, tmp_path: Path) -> None:
    env = {**os.environ, "PULSE_SERVER": null_sink, "QT_QPA_PLATFORM": "offscreen"}
    sentence = "Selamat datang. Silakan pilih layanan"
    for attempt in ("first", "cached"):
        done = subprocess.run(
            [sys.executable, "-m", "tests.helpers.read_aloud", str(tmp_path), "id", sentence],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, (attempt, done.stdout, done.stderr)
        assert done.stdout.startswith("played id-")
    assert len(list((tmp_path / "screens").glob("id-*.wav"))) == 1  # rendered once, kept


@pytest.mark.qt_log_ignore("PulseAudioService: pa_context_connect")  # no sound server: the case
def test_with_no_sound_device_it_logs_once_and_never_blocks(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    reader = ScreenReader(tmp_path)
    monkey = pytest.MonkeyPatch()
    monkey.setattr("ui.speech.QMediaDevices.audioOutputs", staticmethod(lambda: []))
    try:
        started = time.monotonic()
        reader.read("Selamat datang", "id")
        reader.read("Silakan pilih layanan", "id")
        assert time.monotonic() - started < 0.2  # rendering happens in the background
        qtbot.waitUntil(lambda: "cannot be read aloud" in caplog.text, timeout=15_000)
        reader.stop()
    finally:
        monkey.undo()
    assert caplog.text.count("cannot be read aloud") == 1
    assert caplog.records[0].levelno == logging.WARNING
