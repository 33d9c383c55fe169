"""Walking the kiosk's screens by touches: taking a number, the complaint steps, typing keys."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.complaints.fields import Step
from kiosk.demo.complaints import ANSWERS
from tests.helpers.touch import tap
from ui.kiosk.complaint.editors import ChoiceEditor, LineEditor, TextEditor
from ui.kiosk.complaint.wizard import ComplaintWizard
from ui.kiosk.keyboard import OnScreenKeyboard
from ui.kiosk.window import KioskWindow


def take_number(qtbot: QtBot, window: KioskWindow, service: str, priority: bool) -> None:
    """From the home screen, tap through to a number of ``service``, priority or not."""
    tap(qtbot, window.home.tiles["queue"])
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.services)
    tap(qtbot, window.services.tiles[service])
    assert window.screens.currentWidget() is window.priority
    tap(qtbot, window.priority.yes if priority else window.priority.no)
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.ticket)


def answer(qtbot: QtBot, wizard: ComplaintWizard, answers: Mapping[str, object]) -> None:
    """Answer questions of the shown step: taps on toggles, typing (as a scanner) in fields."""
    page = wizard.steps[wizard.form.step]
    for name, value in answers.items():
        editor = page.editors[name]
        if isinstance(editor, ChoiceEditor):
            for each in value if isinstance(value, tuple) else (value,):
                tap(qtbot, editor.button(each))
        else:
            assert isinstance(editor, LineEditor | TextEditor)
            editor.field.setFocus()
            qtbot.keyClicks(editor.field, str(value))


def report_until(qtbot: QtBot, window: KioskWindow, until: Step) -> ComplaintWizard:
    """From the home screen, answer each step with the samples up to ``until``."""
    tap(qtbot, window.home.tiles["complaint"])
    wizard = window.complaint.wizard
    assert window.screens.currentWidget() is wizard
    while wizard.form.step is not until and wizard.form.step is not Step.REVIEW:
        step = wizard.form.step
        answer(qtbot, wizard, ANSWERS[step])
        tap(qtbot, wizard.next)
        if step is Step.CONTACT:
            assert wizard.pages.currentWidget() is wizard.consent
            tap(qtbot, wizard.consent.agree)
        assert wizard.form.step is not step, wizard.message.text()
    return wizard


def keyboard_key(keyboard: OnScreenKeyboard, name: str) -> QPushButton:
    """The one visible key of the on-screen keyboard whose accessible name is ``name``."""
    found = [
        button
        for button in keyboard.findChildren(QPushButton, "KeyboardKey")
        if button.isVisible() and button.accessibleName() == name
    ]
    assert len(found) == 1, f"{len(found)} visible keys named {name!r}"
    return found[0]


def type_on_keyboard(qtbot: QtBot, keyboard: OnScreenKeyboard, text: str) -> None:
    """Tap the on-screen key of each character of ``text`` (lower case letters, digits, -)."""
    for char in text:
        tap(qtbot, keyboard_key(keyboard, char))
