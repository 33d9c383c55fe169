"""The on-screen keyboard types into the focused field, follows focus and stays out of the way."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.i18n import translate
from tests.helpers.touch import tap
from ui.kiosk.keyboard import OnScreenKeyboard


@dataclass
class Form:
    """A kiosk-like window: a few fields above the keyboard."""

    window: QWidget
    name: QLineEdit
    nik: QLineEdit
    notes: QPlainTextEdit
    locked: QLineEdit
    done: QPushButton
    keyboard: OnScreenKeyboard


@pytest.fixture
def form(qtbot: QtBot) -> Form:
    window = QWidget()
    qtbot.addWidget(window)
    name, nik, locked = QLineEdit(), QLineEdit(), QLineEdit("3201")
    nik.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    locked.setReadOnly(True)
    notes, done = QPlainTextEdit(), QPushButton("OK")
    keyboard = OnScreenKeyboard(window)
    layout = QVBoxLayout(window)
    # The offscreen platform warns whenever a window's minimum size changes.
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    for widget in (name, nik, notes, locked, done, keyboard):
        layout.addWidget(widget)
    done.setFocus()  # a window focuses its first field when it opens
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return Form(window, name, nik, notes, locked, done, keyboard)


def focus(qtbot: QtBot, field: QWidget) -> None:
    """Give ``field`` keyboard focus, as a tap on it does."""
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)


def key(keyboard: OnScreenKeyboard, name: str) -> QPushButton:
    """The one visible key whose accessible name is ``name``."""
    found = [
        button
        for button in keyboard.findChildren(QPushButton)
        if button.isVisible() and button.accessibleName() == name
    ]
    assert len(found) == 1, f"{len(found)} visible keys named {name!r}"
    return found[0]


def has_key(keyboard: OnScreenKeyboard, name: str) -> bool:
    return any(
        button.isVisible() and button.accessibleName() == name
        for button in keyboard.findChildren(QPushButton)
    )


def type_keys(qtbot: QtBot, keyboard: OnScreenKeyboard, *names: str) -> None:
    """Tap the keys named ``names`` in turn."""
    for name in names:
        tap(qtbot, key(keyboard, name))


def special(name: str, language: str = "id") -> str:
    return translate(f"keyboard.{name}_name", language)


def test_starts_hidden(form: Form) -> None:
    assert form.keyboard.isHidden()


def test_focusing_a_field_shows_the_letters(qtbot: QtBot, form: Form) -> None:
    with qtbot.waitSignal(form.keyboard.visibility_changed) as shown:
        focus(qtbot, form.name)
    assert shown.args == [True]
    assert has_key(form.keyboard, "q")
    assert form.keyboard.window() is form.window


def test_types_a_word_with_shift_digits_space_and_backspace(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form.name)
    type_keys(qtbot, form.keyboard, special("shift"))
    assert has_key(form.keyboard, "B")
    assert not has_key(form.keyboard, "b")
    type_keys(qtbot, form.keyboard, "B")
    assert has_key(form.keyboard, "u"), "Shift lasts for one letter"
    type_keys(qtbot, form.keyboard, "u", "d", "i", special("space"), "1", "2", "x")
    type_keys(qtbot, form.keyboard, special("backspace"), "'", "@", ".", "-", "/", ",")
    qtbot.waitUntil(lambda: form.name.text() == "Budi 12'@.-/,")


def test_enter_sends_return(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form.name)
    with qtbot.waitSignal(form.name.returnPressed):
        type_keys(qtbot, form.keyboard, special("enter"))


def test_multi_line_field_gets_letters_and_new_lines(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form.notes)
    qtbot.waitUntil(form.keyboard.isVisible)
    type_keys(qtbot, form.keyboard, "j", "l", special("enter"), "n", "o")
    qtbot.waitUntil(lambda: form.notes.toPlainText() == "jl\nno")


@pytest.mark.parametrize(
    "hint",
    [Qt.InputMethodHint.ImhDigitsOnly, Qt.InputMethodHint.ImhDialableCharactersOnly],
)
def test_digit_fields_get_the_numeric_pad(
    qtbot: QtBot, form: Form, hint: Qt.InputMethodHint
) -> None:
    form.nik.setInputMethodHints(hint)
    focus(qtbot, form.nik)
    qtbot.waitUntil(form.keyboard.isVisible)
    assert not any(has_key(form.keyboard, letter) for letter in "qaz")
    assert not has_key(form.keyboard, special("shift"))
    type_keys(qtbot, form.keyboard, "+", "6", "2", "8", "1", special("backspace"), "0")
    qtbot.waitUntil(lambda: form.nik.text() == "+6280")


def test_layout_follows_the_focused_field(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form.nik)
    qtbot.waitUntil(lambda: not has_key(form.keyboard, "a"))
    focus(qtbot, form.name)
    qtbot.waitUntil(lambda: has_key(form.keyboard, "a"))


def test_keys_never_take_focus(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form.name)
    keys = form.keyboard.findChildren(QPushButton)
    assert keys
    assert all(button.focusPolicy() == Qt.FocusPolicy.NoFocus for button in keys)
    assert all(min(button.width(), button.height()) >= 64 for button in keys if button.isVisible())
    type_keys(qtbot, form.keyboard, "a", special("shift"), special("backspace"), special("space"))
    assert form.name.hasFocus()
    assert form.keyboard.isVisible()


def test_hide_key_hides_and_a_tap_on_the_field_brings_it_back(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form.name)
    with qtbot.waitSignal(form.keyboard.visibility_changed) as hidden:
        type_keys(qtbot, form.keyboard, special("hide"))
    assert hidden.args == [False]
    assert form.name.hasFocus()
    with qtbot.waitSignal(form.keyboard.visibility_changed) as shown:
        tap(qtbot, form.name)
    assert shown.args == [True]


def test_read_only_field_does_not_show_it(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form.locked)
    assert form.keyboard.isHidden()


def test_focus_leaving_fields_hides_it(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form.name)
    qtbot.waitUntil(form.keyboard.isVisible)
    with qtbot.waitSignal(form.keyboard.visibility_changed):
        focus(qtbot, form.done)
    assert form.keyboard.isHidden()


def test_field_of_another_window_does_not_show_it(qtbot: QtBot, form: Form) -> None:
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow)
    focus(qtbot, other)
    assert form.keyboard.isHidden()


def test_language_switch_relabels_in_place(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form.name)
    hide = key(form.keyboard, special("hide"))
    form.keyboard.set_language("en")
    assert hide.accessibleName() == special("hide", "en")
    assert hide.text() == translate("keyboard.hide", "en")
    assert has_key(form.keyboard, special("backspace", "en"))
    assert not has_key(form.keyboard, special("backspace", "id"))


def test_physical_typing_still_works_while_shown(qtbot: QtBot, form: Form) -> None:
    focus(qtbot, form.nik)
    qtbot.waitUntil(form.keyboard.isVisible)
    qtbot.keyClicks(form.nik, "3201012345670001")
    qtbot.keyClick(form.nik, Qt.Key.Key_Backspace)
    assert form.nik.text() == "320101234567000"
    assert QWidget.keyboardGrabber() is None
    assert form.keyboard.isVisible()
    assert form.nik.hasFocus()
