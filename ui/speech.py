"""Voices from espeak-ng played by QtMultimedia: the board's calls (a chime and the call
sentence) and the kiosk's speaker button (a screen's words)."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
from collections import deque
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

from kiosk.db import data_dir
from ui.workers import Worker

log = logging.getLogger(__name__)
VOICES = {"id": "id", "en": "en"}
CHIME = (
    *("synth", "0.35", "sine", "880", "fade", "q", "0.01", "0.35", "0.25", ":"),
    *("synth", "0.6", "sine", "659.25", "fade", "q", "0.01", "0.6", "0.5"),
)
TIMEOUT_S = 15


class SpeechError(RuntimeError):
    """A call could not be turned into sound (espeak-ng or sox missing or failing)."""


class Speaker(Protocol):
    """Something that says a sentence aloud, in the background, never raising."""

    def say(self, sentence: str) -> None:
        """Say ``sentence`` after whatever is being said now."""
        ...

    def stop(self) -> None:
        """Stop speaking (the board is closing)."""
        ...


def _run(argv: list[str]) -> None:
    if shutil.which(argv[0]) is None:
        raise SpeechError(f"{argv[0]} is not installed")
    done = subprocess.run(argv, capture_output=True, timeout=TIMEOUT_S, check=False)
    if done.returncode != 0:
        raise SpeechError(f"{argv[0]} failed: {done.stderr.decode(errors='replace').strip()}")


def chime(folder: Path) -> Path:
    """The two-tone chime before each call, generated with sox into ``folder`` on first use."""
    path = folder / "chime.wav"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(".part.wav")
        _run(["sox", "-n", "-r", "22050", "-c", "1", "-b", "16", str(part), *CHIME])
        part.rename(path)
    return path


def render_speech(sentence: str, folder: Path, language: str = "id") -> Path:
    """The sentence as a new WAV file in ``folder`` (espeak-ng, 150 words a minute)."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix="call-", suffix=".wav", dir=folder)
    os.close(handle)
    path = Path(name)
    try:
        _run(["espeak-ng", "-v", VOICES[language], "-s", "150", "-w", str(path), sentence])
    except (SpeechError, OSError, subprocess.TimeoutExpired):
        path.unlink(missing_ok=True)
        raise
    return path


class _Sounds(QObject):
    """Sound files played one after the other on the GUI thread; made in a worker.

    With no audio device, or no espeak-ng, nothing is played and one warning is logged:
    what the sound says is always on the screen too.
    """

    played = Signal(Path)
    """A file was played to its end."""

    def __init__(self, folder: Path | None, warning: str, parent: QObject | None = None):
        super().__init__(parent)
        self._folder = folder or data_dir() / "sounds"
        self._warning = warning
        self._worker = Worker(self, threads=1)
        self._queue: deque[tuple[Path, bool]] = deque()
        self._player: QMediaPlayer | None = None
        self._warned = False

    def stop(self) -> None:
        """Stop playing and wait for sound files being made (on close)."""
        self._worker.wait()
        if self._player is not None:
            self._player.stop()
        while self._queue:
            self._drop(*self._queue.popleft())

    def _enqueue(self, files: list[tuple[Path, bool]]) -> None:
        """Play ``files`` (path, delete when played) after whatever is playing."""
        if not QMediaDevices.audioOutputs():
            for path, temporary in files:
                self._drop(path, temporary)
            self._warn(SpeechError("no audio output device"))
            return
        self._queue.extend(files)
        if self._player is None:
            self._player = QMediaPlayer(self)
            self._player.setAudioOutput(QAudioOutput(self._player))
            self._player.mediaStatusChanged.connect(self._on_status)
            self._player.errorOccurred.connect(lambda _e, text: self._warn(SpeechError(text)))
        if self._player.playbackState() is not QMediaPlayer.PlaybackState.PlayingState:
            self._play_next()

    def _interrupt(self) -> None:
        """Forget what waits to be played and stop what plays."""
        while self._queue:
            self._drop(*self._queue.popleft())
        if self._player is not None:
            self._player.stop()

    def _play_next(self) -> None:
        assert self._player is not None
        if self._queue:
            path, _temporary = self._queue[0]
            self._player.setSource(QUrl.fromLocalFile(str(path)))
            self._player.play()

    @Slot(QMediaPlayer.MediaStatus)
    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status in (QMediaPlayer.MediaStatus.EndOfMedia, QMediaPlayer.MediaStatus.InvalidMedia):
            if self._queue:
                path, temporary = self._queue.popleft()
                if status is QMediaPlayer.MediaStatus.EndOfMedia:
                    self.played.emit(path)
                self._drop(path, temporary)
            self._play_next()

    @staticmethod
    def _drop(path: Path, temporary: bool) -> None:
        if temporary:
            path.unlink(missing_ok=True)

    def _warn(self, error: Exception) -> None:
        if not self._warned:
            log.warning("%s: %s", self._warning, error)
        self._warned = True


class CallSpeaker(_Sounds):
    """Plays a chime and the spoken sentence of each call, one call after the other."""

    def __init__(
        self, language: str = "id", folder: Path | None = None, parent: QObject | None = None
    ):
        super().__init__(folder, "a call is shown but cannot be spoken", parent)
        self._language = language

    def say(self, sentence: str) -> None:
        """Chime, then say ``sentence``, after whatever is playing."""
        self._worker.submit(
            lambda: [
                (chime(self._folder), False),
                (render_speech(sentence, self._folder, self._language), True),
            ],
            self._enqueue,
            self._warn,
        )


class ScreenReader(_Sounds):
    """Reads a screen's words aloud at the visitor's request (the kiosk's speaker button).

    Each text is rendered once per language by espeak-ng and kept in ``folder/screens``
    (named by a hash of the language and the words), so a second reading starts at once;
    a new reading interrupts the one playing. Never blocks the screen.
    """

    def __init__(self, folder: Path | None = None, parent: QObject | None = None):
        super().__init__(folder, "a screen cannot be read aloud", parent)

    def cached(self, text: str, language: str) -> Path:
        """The sound of ``text`` in ``language``, rendered now if it was not before."""
        digest = hashlib.sha256(f"{language}\n{text}".encode()).hexdigest()[:32]
        path = self._folder / "screens" / f"{language}-{digest}.wav"
        if not path.exists():
            made = render_speech(text, path.parent, language)
            made.rename(path)
        return path

    def prepare(self, text: str, language: str) -> None:
        """Render ``text`` ahead of a reading (in the background)."""
        self._worker.submit(lambda: self.cached(text, language), lambda _: None, self._warn)

    def read(self, text: str, language: str) -> None:
        """Read ``text`` aloud in ``language``, instead of whatever is being read."""
        self._interrupt()
        self._worker.submit(
            lambda: [(self.cached(text, language), False)], self._enqueue, self._warn
        )
