"""One widget per complaint question, picked by the field's Kind: lines, text, toggles, chips."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QSignalBlocker, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.complaints.categories import Choice, label
from kiosk.complaints.fields import FieldSpec, Kind
from kiosk.complaints.regions import Region, provinces, regencies, region
from kiosk.errors import InvalidInput
from kiosk.i18n import translate
from ui.widgets import BigButton, named_label, repolish

LINE_HINTS = {
    Kind.NIK: Qt.InputMethodHint.ImhDigitsOnly,
    Kind.YEAR: Qt.InputMethodHint.ImhDigitsOnly,
    Kind.PHONE: Qt.InputMethodHint.ImhDialableCharactersOnly,
    Kind.PASSPORT: Qt.InputMethodHint.ImhPreferUppercase,
}
LINE_LENGTHS = {Kind.NIK: 24, Kind.YEAR: 4, Kind.PHONE: 24, Kind.PASSPORT: 16}
"""Room for a value with its spaces; the core checks the exact shape."""


class FieldEditor(QWidget):
    """A question: its label, a short hint, the input, and its error in the visitor's language.

    Signals:
        value_changed: the visitor changed the answer (field name, new value).
    """

    value_changed = Signal(str, object)

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.setObjectName("FieldEditor")
        self._error: InvalidInput | None = None
        self._label = named_label("FieldLabel")
        self._hint = named_label("FieldHint")
        self.error = named_label("FieldError")
        for text in (self._label, self._hint, self.error):
            text.setWordWrap(True)
        self.error.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self._layout.addWidget(self._label)
        self._layout.addWidget(self._hint)

    def _finish(self, field: QWidget) -> None:
        self._layout.addWidget(field)
        self._layout.addWidget(self.error)

    def _changed(self, value: object) -> None:
        """Announce a new answer; its old error no longer applies."""
        self._error = None
        self.error.hide()
        self.value_changed.emit(self.spec.name, value)

    def set_value(self, value: object) -> None:
        """Show a stored answer without announcing it as a change."""
        raise NotImplementedError

    def show_error(self, error: InvalidInput | None, language: str) -> None:
        """Show why the answer was refused, or clear the error (``None``)."""
        self._error = error
        self.error.setVisible(error is not None)
        self.error.setText("" if error is None else error.message(language))

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._label.setText(self.spec.label(language))
        self._hint.setText(translate(self.spec.hint_key, language))
        self.show_error(self._error, language)


class LineEditor(FieldEditor):
    """A one-line answer; NIK, year and phone ask the on-screen keyboard for its number pad."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.field = QLineEdit()
        self.field.setObjectName("FieldInput")
        self.field.setMaxLength(spec.max_length or LINE_LENGTHS.get(spec.kind, 200))
        self.field.setInputMethodHints(LINE_HINTS.get(spec.kind, Qt.InputMethodHint.ImhNone))
        self.field.textChanged.connect(self._on_text)
        self._finish(self.field)

    def set_value(self, value: object) -> None:
        """Show a stored answer without announcing it as a change."""
        with QSignalBlocker(self.field):
            self.field.setText("" if value is None else str(value))

    @Slot(str)
    def _on_text(self, text: str) -> None:
        self._changed(text)


class TextEditor(FieldEditor):
    """A few lines of free text (what happened, what is asked for)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.field = QPlainTextEdit()
        self.field.setObjectName("FieldText")
        self.field.setTabChangesFocus(True)
        self.field.textChanged.connect(self._on_text)
        self._finish(self.field)

    def set_value(self, value: object) -> None:
        """Show a stored answer without announcing it as a change."""
        with QSignalBlocker(self.field):
            self.field.setPlainText("" if value is None else str(value))

    @Slot()
    def _on_text(self) -> None:
        self._changed(self.field.toPlainText())


class ChoiceButton(QPushButton):
    """A large toggle whose label wraps; ``checked`` is mirrored as a property for the theme."""

    def __init__(self, value: Choice | bool | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.value = value
        self.setObjectName("ChoiceButton")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.text_label = named_label("ChoiceText")
        self.text_label.setWordWrap(True)
        self.text_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self.text_label)
        self.toggled.connect(self._mirror)

    def set_label(self, text: str) -> None:
        """The visible text (with a tick when chosen) and the accessible name."""
        self.setAccessibleName(text)
        self.text_label.setText(f"✓  {text}" if self.isChecked() else text)

    @Slot(bool)
    def _mirror(self, checked: bool) -> None:
        self.setProperty("checked", checked)
        self.text_label.setProperty("checked", checked)
        self.set_label(self.accessibleName())
        repolish(self)


class ChoiceEditor(FieldEditor):
    """Big toggle buttons: one answer (choice, yes/no) or several chips (kinds of problem)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.multiple = spec.kind is Kind.CHOICES
        values: Sequence[Choice | bool] = (
            (True, False) if spec.kind is Kind.YES_NO else spec.choices
        )
        self._group = QButtonGroup(self)
        self._group.setExclusive(not self.multiple)
        box = QWidget()
        columns = len(values) if len(values) <= 3 else (3 if self.multiple else 4)
        self.buttons = choice_grid(box, self._group, values, columns, chip=self.multiple)
        self._group.buttonClicked.connect(self._on_click)
        self._finish(box)

    def button(self, value: object) -> ChoiceButton:
        """The button of one answer."""
        return next(button for button in self.buttons if button.value == value)

    def set_value(self, value: object) -> None:
        """Show a stored answer without announcing it as a change."""
        chosen = set(value) if self.multiple and isinstance(value, list | tuple) else {value}
        self._group.setExclusive(False)
        for button in self.buttons:
            button.setChecked(value is not None and button.value in chosen)
        self._group.setExclusive(not self.multiple)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        super().retranslate(language)
        for button in self.buttons:
            value = button.value
            if isinstance(value, bool):
                button.set_label(
                    translate("complaints.yes" if value else "complaints.no", language)
                )
            else:
                button.set_label(label(cast(Choice, value), language))

    @Slot(QPushButton)
    def _on_click(self, _button: QPushButton) -> None:
        put_keyboard_away()
        picked = tuple(button.value for button in self.buttons if button.isChecked())
        self._changed(picked if self.multiple else (picked[0] if picked else None))


class RegionEditor(FieldEditor):
    """Where the reporter lives, by two taps: the province, then its regency or city.

    Holds a region code as the core reads it (``35`` a province, ``3507`` a regency); a
    NIK typed above fills it in. Once a province is picked its name shows with a button
    to pick another, and its regencies (when listed) are the choices.
    """

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self._code: str | None = None
        self._language = "id"
        self._provinces_box = QWidget()
        self._province_group = QButtonGroup(self)
        self.provinces = choice_grid(
            self._provinces_box, self._province_group, [p.code for p in provinces()], 4
        )
        self._province_group.buttonClicked.connect(self._on_pick)
        self.chosen = named_label("ReviewValue")
        self.chosen.setWordWrap(True)
        self.change = BigButton(role="secondary")
        self.change.clicked.connect(self._on_change)
        self._chosen_row = QWidget()
        row = QHBoxLayout(self._chosen_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.chosen, 1)
        row.addWidget(self.change)
        self._regencies_box = QWidget()
        self._regency_group = QButtonGroup(self)
        self._regency_group.buttonClicked.connect(self._on_pick)
        self.regencies: list[ChoiceButton] = []
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        for part in (self._chosen_row, self._provinces_box, self._regencies_box):
            column.addWidget(part)
        self._finish(box)
        self._show_code(None)

    def button(self, code: str) -> ChoiceButton:
        """The button of a province or regency code among those shown."""
        return next(b for b in (*self.provinces, *self.regencies) if b.value == code)

    def set_value(self, value: object) -> None:
        """Show a stored answer (a region code) without announcing it as a change."""
        self._show_code(value if isinstance(value, str) else None)

    def retranslate(self, language: str) -> None:
        """Re-label in a language (region names are the same in every language)."""
        super().retranslate(language)
        self._language = language
        self.change.set_label(translate("complaintui.region_change", language))

    def _show_code(self, code: str | None) -> None:
        found = None if code is None else region(code)
        province = None if found is None else region(found.province_code)
        self._code = None if found is None else found.code
        listed = () if province is None else regencies(province.code)
        self._province_group.setExclusive(False)
        for button in self.provinces:
            button.setChecked(False)
            name = region(str(button.value))
            button.set_label("" if name is None else name.name)
        self._province_group.setExclusive(True)
        self._provinces_box.setHidden(province is not None)
        self._chosen_row.setHidden(province is None)
        self.chosen.setText("" if province is None else f"✓  {province.name}")
        if [b.value for b in self.regencies] != [r.code for r in listed]:
            self._fill_regencies(listed)
        self._regency_group.setExclusive(False)
        for button in self.regencies:
            button.setChecked(button.value == self._code)
        self._regency_group.setExclusive(True)
        self._regencies_box.setHidden(not listed)

    def _fill_regencies(self, listed: tuple[Region, ...]) -> None:
        for button in self.regencies:
            self._regency_group.removeButton(button)
            button.deleteLater()
        old = self._regencies_box.layout()
        if old is not None:
            QWidget().setLayout(old)  # a layout can be replaced only once it has a new owner
        self.regencies = choice_grid(
            self._regencies_box, self._regency_group, [r.code for r in listed], 3
        )
        for button, place in zip(self.regencies, listed, strict=True):
            button.set_label(place.name.split(",")[0])

    @Slot(QPushButton)
    def _on_pick(self, button: QPushButton) -> None:
        put_keyboard_away()
        assert isinstance(button, ChoiceButton)
        self._show_code(str(button.value))
        self._changed(self._code)

    @Slot()
    def _on_change(self) -> None:
        self._show_code(None)
        self._changed(None)


def put_keyboard_away() -> None:
    """A touch on a toggle ends typing: the focused field lets go and the keyboard hides."""
    focused = QApplication.focusWidget()
    if focused is not None:
        focused.clearFocus()


def choice_grid(
    box: QWidget,
    group: QButtonGroup,
    values: Sequence[Choice | bool | str],
    columns: int,
    *,
    chip: bool = False,
) -> list[ChoiceButton]:
    """Lay large toggles of ``values`` in ``columns`` equal columns on ``box``, in ``group``."""
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setSpacing(12)
    buttons = []
    for index, value in enumerate(values):
        button = ChoiceButton(value)
        button.setProperty("chip", chip)
        button.setProperty("answer", str(value).lower() if isinstance(value, bool) else "")
        group.addButton(button)
        grid.addWidget(button, index // columns, index % columns)
        buttons.append(button)
    for column in range(columns):
        grid.setColumnStretch(column, 1)
    return buttons


def editor_for(spec: FieldSpec) -> FieldEditor:
    """The widget that asks ``spec``'s question (consent has a screen of its own)."""
    if spec.kind is Kind.REGION:
        return RegionEditor(spec)
    if spec.kind in (Kind.CHOICE, Kind.CHOICES, Kind.YES_NO):
        return ChoiceEditor(spec)
    if spec.kind is Kind.LONG_TEXT:
        return TextEditor(spec)
    return LineEditor(spec)
