"""On-screen keyboard: touch keys inside the kiosk window that type into the focused field."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QTextEdit,
    QWidget,
)

from kiosk.i18n import DEFAULT_LANGUAGE, translate

KEY_SIZE = 64
"""Smallest side of a key in pixels: a reliable target for an unpractised finger."""

DIGIT_HINTS = Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhDialableCharactersOnly
"""Input-method hints (set by a field's owner) that call for the numeric pad."""


class OnScreenKeyboard(QWidget):
    """Touch keys that type into whichever editable field of this window has focus.

    Shows itself when an editable field of its own window gains focus (the numeric pad
    when the field's input-method hints ask for digits or a phone number), and when that
    field is tapped again after Hide; hides when focus leaves editable fields. Keys never
    take focus and nothing is grabbed, so a physical keyboard or barcode scanner keeps
    typing as usual.

    Styled by the theme: object name ``OnScreenKeyboard``, keys ``KeyboardKey`` (special
    keys with the property ``role="special"``), pages ``KeyboardLetters`` and
    ``KeyboardDigits``.

    Signals:
        visibility_changed: the keyboard was shown (``True``) or hidden (``False``).
    """

    visibility_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None, language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self.setObjectName("OnScreenKeyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._translated: list[tuple[QPushButton, str]] = []
        self._letters: list[QPushButton] = []
        self._tap_target: QObject | None = None
        self._pages = QStackedLayout(self)
        self._shift = self._build_letters()
        self._build_digits()
        self.set_language(language)
        self.hide()
        cast(QApplication, QApplication.instance()).focusChanged.connect(self._on_focus_changed)

    def set_language(self, language: str) -> None:
        """Re-label the keys that carry words (Shift, Backspace, Space, Enter, Hide).

        Args:
            language: a catalog language such as ``"id"`` or ``"en"``.
        """
        for button, name in self._translated:
            button.setText(translate(f"keyboard.{name}", language))
            button.setAccessibleName(translate(f"keyboard.{name}_name", language))

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt override)
        """Show or hide the keyboard, announcing a change on ``visibility_changed``."""
        changed = visible == self.isHidden()
        super().setVisible(visible)
        if changed:
            self.visibility_changed.emit(visible)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Bring the keyboard back when the focused field is tapped; never consumes events."""
        if watched is self._tap_target and event.type() == QEvent.Type.MouseButtonRelease:
            self.show()
        return False

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if now is None or not self._serves(now):
            self._tap_target = None
            self.hide()
            return
        self._tap_target = now.viewport() if isinstance(now, QAbstractScrollArea) else now
        self._tap_target.installEventFilter(self)
        wants_digits = bool(now.inputMethodHints() & DIGIT_HINTS)
        self._pages.setCurrentIndex(1 if wants_digits else 0)
        self.show()

    def _serves(self, widget: QWidget) -> bool:
        if not isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            return False
        return not widget.isReadOnly() and self.window().isAncestorOf(widget)

    def _build_letters(self) -> QPushButton:
        """Fill the letters page (a 12-column grid) and return its Shift key."""
        grid = QGridLayout(self._page("KeyboardLetters"))
        for row, chars in enumerate(("1234567890", "qwertyuiop'@", "asdfghjkl-")):
            for column, char in enumerate(chars):
                self._char_key(grid, char, row, column)
        for column, char in enumerate("zxcvbnm,./", start=2):
            self._char_key(grid, char, 3, column)
        self._backspace_key(grid, 0, 10, 2)
        enter = self._special_key(grid, "enter", 2, 10, 2)
        enter.clicked.connect(self._press_enter)
        shift = self._special_key(grid, "shift", 3, 0, 2)
        shift.setCheckable(True)
        shift.toggled.connect(self._relabel_letters)
        self._special_key(grid, "hide", 4, 0, 2).clicked.connect(self.hide)
        space = self._special_key(grid, "space", 4, 2, 10)
        space.clicked.connect(self._press_space)
        return shift

    def _build_digits(self) -> None:
        """Fill the numeric pad: a phone-style 3-column grid centred on its page."""
        row_box = QHBoxLayout(self._page("KeyboardDigits"))
        grid = QGridLayout()
        row_box.addStretch(1)
        row_box.addLayout(grid, 1)
        row_box.addStretch(1)
        for row, chars in enumerate(("123", "456", "789", "+0")):
            for column, char in enumerate(chars):
                self._char_key(grid, char, row, column)
        self._backspace_key(grid, 3, 2, 1)
        self._special_key(grid, "hide", 4, 0, 3).clicked.connect(self.hide)

    def _page(self, name: str) -> QWidget:
        page = QWidget(self)
        page.setObjectName(name)
        self._pages.addWidget(page)
        return page

    def _key(self, grid: QGridLayout, row: int, column: int, span: int) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName("KeyboardKey")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(KEY_SIZE, KEY_SIZE)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        grid.addWidget(button, row, column, 1, span)
        return button

    def _char_key(self, grid: QGridLayout, char: str, row: int, column: int) -> None:
        button = self._key(grid, row, column, 1)
        button.setText(char)
        button.setAccessibleName(char)
        button.clicked.connect(lambda: self._type(char))
        if char.isalpha():
            self._letters.append(button)

    def _special_key(
        self, grid: QGridLayout, name: str, row: int, column: int, span: int
    ) -> QPushButton:
        button = self._key(grid, row, column, span)
        button.setProperty("role", "special")
        self._translated.append((button, name))
        return button

    def _backspace_key(self, grid: QGridLayout, row: int, column: int, span: int) -> None:
        button = self._special_key(grid, "backspace", row, column, span)
        button.setAutoRepeat(True)
        button.clicked.connect(self._press_backspace)

    def _type(self, char: str) -> None:
        """Type one character; a pending Shift capitalises it and is used up."""
        if self._shift.isChecked():
            char = char.upper()
            self._shift.setChecked(False)
        _post_key(Qt.Key(ord(char.upper())), char)

    @Slot(bool)
    def _relabel_letters(self, upper: bool) -> None:
        for button in self._letters:
            label = button.text().upper() if upper else button.text().lower()
            button.setText(label)
            button.setAccessibleName(label)

    @Slot()
    def _press_space(self) -> None:
        self._type(" ")

    @Slot()
    def _press_backspace(self) -> None:
        _post_key(Qt.Key.Key_Backspace)

    @Slot()
    def _press_enter(self) -> None:
        _post_key(Qt.Key.Key_Return, "\r")


def _post_key(key: Qt.Key, text: str = "") -> None:
    """Post a key press and release to the focused widget, as a physical keyboard would."""
    target = QApplication.focusWidget()
    if target is None:
        return
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.postEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))
