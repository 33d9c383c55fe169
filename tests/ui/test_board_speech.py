"""The board's voice: espeak-ng and sox make the sound files; no sound device is not an error."""

from __future__ import annotations

import logging
import shutil
import wave
from pathlib import Path

import pytest
from PySide6.QtMultimedia import QMediaDevices
from pytestqt.qtbot import QtBot

from kiosk.queueing.announce import call_sentence
from ui.speech import CallSpeaker, SpeechError, chime, render_speech

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng missing")
needs_sox = pytest.mark.skipif(shutil.which("sox") is None, reason="sox missing")


def _seconds(path: Path) -> float:
    with wave.open(str(path)) as sound:
        return float(sound.getnframes() / sound.getframerate())


@needs_espeak
def test_espeak_says_the_call_in_indonesian_into_a_wav(tmp_path: Path) -> None:
    path = render_speech(call_sentence("A-007", 2), tmp_path)
    assert path.parent == tmp_path
    assert path.stat().st_size > 10_000
    assert 2 < _seconds(path) < 10


@needs_sox
def test_the_chime_is_made_once_and_kept(tmp_path: Path) -> None:
    first = chime(tmp_path)
    made = first.stat().st_mtime_ns
    assert 0.5 < _seconds(first) < 2
    assert chime(tmp_path).stat().st_mtime_ns == made


def test_a_missing_program_is_a_speech_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SpeechError, match="espeak-ng is not installed"):
        render_speech("Nomor antrian A nol nol satu", tmp_path / "sounds")
    assert list((tmp_path / "sounds").iterdir()) == []


@pytest.mark.qt_log_level_fail("CRITICAL")  # Qt Multimedia warns about the absent device
@needs_espeak
@needs_sox
def test_without_a_sound_device_one_warning_is_logged(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    if QMediaDevices.audioOutputs():
        pytest.skip("this machine has a sound device")
    speaker = CallSpeaker(folder=tmp_path)
    with caplog.at_level(logging.WARNING, logger="ui.speech"):
        speaker.say(call_sentence("A-001", 1))
        speaker.say(call_sentence("A-002", 1))
        speaker.stop()  # waits for both sound files
        qtbot.waitUntil(lambda: not list(tmp_path.glob("call-*.wav")))
    assert [r.getMessage() for r in caplog.records] == [
        "a call is shown but cannot be spoken: no audio output device"
    ]
