"""Helpers for the staff console and board tests: a speaker that records, signing in by clicks."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.touch import tap
from ui.staff.window import StaffWindow


class RecordingSpeaker:
    """A board speaker that notes each sentence instead of saying it."""

    def __init__(self) -> None:
        self.sentences: list[str] = []
        self.stopped = False

    def say(self, sentence: str) -> None:
        """Note the sentence."""
        self.sentences.append(sentence)

    def stop(self) -> None:
        """Note that the board closed."""
        self.stopped = True


def show(qtbot: QtBot, window: QWidget) -> None:
    """Show a window at 1920×1080 and make it the active one (for its shortcuts)."""
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)


def try_sign_in(qtbot: QtBot, window: StaffWindow, username: str, pin: str) -> None:
    """Pick a name, type a PIN and press Sign in."""
    qtbot.waitUntil(lambda: window.sign_in.users.count() > 0)
    window.sign_in.choose(username)
    window.sign_in.pin.clear()
    qtbot.keyClicks(window.sign_in.pin, pin)
    tap(qtbot, window.sign_in.sign_in)


def sign_in(qtbot: QtBot, window: StaffWindow, username: str, pin: str) -> None:
    """Sign in and wait for the console (or the counter picker)."""
    try_sign_in(qtbot, window, username, pin)
    qtbot.waitUntil(lambda: window.member is not None)
    if window.counter is not None:
        qtbot.waitUntil(lambda: window.console.snapshot is not None)
