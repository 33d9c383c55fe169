"""Walking the kiosk's screens by touches: taking a number, the complaint steps, typing keys."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSize
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.complaints.fields import Step
from kiosk.demo.complaints import ANSWERS
from kiosk.i18n import translate
from tests.helpers.touch import tap
from ui.kiosk.complaint.editors import (
    ChoiceEditor,
    FieldEditor,
    LineEditor,
    RegionEditor,
    TextEditor,
)
from ui.kiosk.complaint.step_page import ScrollPage
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
        if isinstance(editor, RegionEditor):
            if wizard.form.value(name) != value:  # else the NIK filled it in
                tap(qtbot, editor.button(str(value)[:2]))
                if len(str(value)) > 2:
                    tap(qtbot, editor.button(str(value)))
        elif isinstance(editor, ChoiceEditor):
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
        if step is Step.CONSENT:
            assert wizard.pages.currentWidget() is wizard.consent
            tap(qtbot, wizard.consent.agree)
        else:
            answer(qtbot, wizard, ANSWERS[step])
            tap(qtbot, wizard.next)
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


class Taps:
    """Touches counted as a visitor makes them (``tap`` each widget through ``touch``)."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def __call__(self, widget: QWidget, at: QPoint | None = None) -> None:
        tap(self.qtbot, widget, at=at)
        self.count += 1
        QCoreApplication.processEvents()  # what the tap posted (a key) lands before the next


def key_taps(taps: Taps, keyboard: OnScreenKeyboard, text: str, language: str) -> None:
    """Type ``text`` by its keys: Shift before a capital, Space between words."""
    space = translate("keyboard.space_name", language)
    shift = translate("keyboard.shift_name", language)
    for char in text:
        if char == " ":
            taps(keyboard_key(keyboard, space))
            continue
        if char.isupper():
            taps(keyboard_key(keyboard, shift))
        taps(keyboard_key(keyboard, char))


def in_sight(window: KioskWindow, editor: FieldEditor, field: QWidget) -> bool:
    """Whether the question's label and the top of its field show above the keyboard."""
    page = editor.parentWidget()
    while page is not None and not isinstance(page, ScrollPage):
        page = page.parentWidget()
    assert page is not None
    shown = QRect(page.viewport().mapToGlobal(QPoint(0, 0)), page.viewport().size())
    label = QRect(editor.mapToGlobal(QPoint(0, 0)), QSize(editor.width(), 1))
    top_of_field = QRect(field.mapToGlobal(QPoint(0, 0)), QSize(field.width(), FIELD_LINE))
    keyboard_top = window.keyboard.mapToGlobal(QPoint(0, 0)).y()
    return (
        shown.contains(label)
        and shown.contains(top_of_field)
        and (not window.keyboard.isVisible() or top_of_field.bottom() < keyboard_top)
    )


FIELD_LINE = 48
"""How much of a field must show to see what one types into it: a line of text."""


def complain_by_taps(
    taps: Taps, window: KioskWindow, answers: Mapping[Step, Mapping[str, object]]
) -> None:
    """From home to the review step by taps only: every key typed on the on-screen keyboard.

    At each field the keyboard is up and the field, with its label, is in sight.
    """
    taps(window.home.tiles["complaint"])
    wizard = window.complaint.wizard
    while wizard.form.step is not Step.REVIEW:
        step = wizard.form.step
        if step is Step.CONSENT:
            taps(wizard.consent.agree)
            continue
        page = wizard.steps[step]
        for name, value in answers[step].items():
            editor = page.editors[name]
            if wizard.form.value(name) == value:
                continue  # filled in already (from a NIK, or the reporter's own answers)
            if isinstance(editor, RegionEditor):
                taps(editor.button(str(value)[:2]))
                if len(str(value)) > 2:
                    taps(editor.button(str(value)))
            elif isinstance(editor, ChoiceEditor):
                for each in value if isinstance(value, tuple) else (value,):
                    taps(editor.button(each))
            else:
                assert isinstance(editor, LineEditor | TextEditor)
                page.keep_in_sight(editor)  # a finger scrolls to the question
                taps(editor.field, QPoint(editor.field.width() // 2, FIELD_LINE // 2))
                taps.qtbot.waitUntil(window.keyboard.isVisible)
                taps.qtbot.waitUntil(partial(in_sight, window, editor, editor.field))
                text = str(value)
                digits = window.keyboard.findChild(QWidget, "KeyboardDigits")
                if digits is not None and digits.isVisible():
                    text = "".join(char for char in text if char.isdigit() or char == "+")
                key_taps(taps, window.keyboard, text, window.language)
                assert in_sight(window, editor, editor.field), name
        taps(wizard.next)
        assert wizard.form.step is not step, {n: str(e) for n, e in wizard.form.errors.items()}


def type_pin(qtbot: QtBot, window: KioskWindow, pin: str) -> None:
    """Type a staff PIN on the on-screen keyboard and touch Sign in."""
    qtbot.waitUntil(window.keyboard.isVisible)
    for digit in pin:
        key = next(
            b
            for b in window.keyboard.findChildren(QPushButton, "KeyboardKey")
            if b.isVisible() and b.text() == digit
        )
        tap(qtbot, key)
    qtbot.waitUntil(lambda: len(window.pin.field.text()) == len(pin))
    tap(qtbot, window.pin.sign_in)


def open_panel(qtbot: QtBot, window: KioskWindow, pin: str) -> None:
    """The corner taps and a staff PIN: the panel is up."""
    tap(qtbot, window.header.mark, times=5)
    type_pin(qtbot, window, pin)
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.maintenance)
