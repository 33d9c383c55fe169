"""Console step 1: the officer picks their name, types their PIN, and the console's language."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import translate
from kiosk.pins import MAX_DIGITS
from kiosk.staff import StaffMember
from ui.widgets import BigButton, named_label


class SignInScreen(QWidget):
    """Name list, PIN field (hidden echo), sign-in button and the reason of a refusal.

    Signals:
        sign_in_requested: a username and the PIN typed.
        language_chosen: the officer picked the console's language (its code).
    """

    sign_in_requested = Signal(str, str)
    language_chosen = Signal(str)

    def __init__(self, languages: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self._title = named_label("Title")
        self._hint = named_label("Subtitle")
        self._user_label = named_label("Body")
        self.users = QComboBox()
        self.users.setObjectName("StaffUsers")
        self._pin_label = named_label("Body")
        self.pin = QLineEdit()
        self.pin.setObjectName("PinField")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(MAX_DIGITS)
        self.pin.returnPressed.connect(self._submit)
        self.error = named_label("ErrorText")
        self.error.setWordWrap(True)
        self.sign_in = BigButton(role="primary")
        self.sign_in.clicked.connect(self._submit)
        self.languages = QButtonGroup(self)
        switch = QHBoxLayout()
        switch.addStretch(1)
        for code in languages:
            button = QPushButton(translate("language.name", code))
            button.setObjectName("ConsoleLanguage")
            button.setCheckable(True)
            button.setProperty("language", code)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.languages.addButton(button)
            switch.addWidget(button)
        self.languages.buttonClicked.connect(self._on_language)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(240, 32, 240, 32)
        layout.setSpacing(16)
        layout.addLayout(switch)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        for widget in (self._user_label, self.users, self._pin_label, self.pin, self.error):
            layout.addWidget(widget)
        layout.addWidget(self.sign_in, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)

    def set_users(self, members: list[StaffMember]) -> None:
        """Fill the list with the members' names (a login id only to tell two namesakes apart)."""
        self.users.clear()
        names = Counter(member.name for member in members)
        for member in members:
            shown = member.name if names[member.name] == 1 else f"{member.name} ({member.username})"
            self.users.addItem(shown, member.username)

    def choose(self, username: str) -> None:
        """Pick a member in the list by their login id."""
        self.users.setCurrentIndex(self.users.findData(username))

    def prompt(self) -> None:
        """Clear the PIN and the error; the PIN field takes the keyboard."""
        self.pin.clear()
        self.error.clear()
        self.pin.setFocus()

    def show_error(self, text: str) -> None:
        """Say why signing in was refused (tries left, or locked)."""
        self.pin.clear()
        self.error.setText(text)
        self.pin.setFocus()

    def language_button(self, code: str) -> QPushButton:
        """The switch button of a language."""
        for button in self.languages.buttons():
            if isinstance(button, QPushButton) and button.property("language") == code:
                return button
        raise KeyError(code)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self.language_button(language).setChecked(True)
        self._title.setText(translate("console.sign_in_title", language))
        self._hint.setText(translate("console.sign_in_hint", language))
        self._user_label.setText(translate("console.user", language))
        self._pin_label.setText(translate("console.pin", language))
        self.users.setAccessibleName(translate("console.user", language))
        self.pin.setAccessibleName(translate("console.pin", language))
        self.sign_in.set_label(translate("console.sign_in", language))

    @Slot(QPushButton)
    def _on_language(self, button: QPushButton) -> None:
        self.language_chosen.emit(str(button.property("language")))

    @Slot()
    def _submit(self) -> None:
        username = self.users.currentData()
        if isinstance(username, str):
            self.sign_in_requested.emit(username, self.pin.text())
