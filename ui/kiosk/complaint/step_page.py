"""One step of the complaint wizard: its questions in a scrolling column, errors beside each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.complaints.fields import FieldSpec, Kind
from kiosk.complaints.form import ComplaintForm
from kiosk.errors import InvalidInput
from ui.kiosk.complaint.editors import FieldEditor, LineEditor, editor_for

MINIMUM_HEIGHT = 60
"""Pages shrink to this with the on-screen keyboard up; the rest scrolls."""


class ScrollPage(QScrollArea):
    """A page that scrolls vertically and keeps the focused field in sight above the keyboard."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("WizardPage")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumHeight(MINIMUM_HEIGHT)
        self.body = QWidget()
        self.body.setObjectName("WizardBody")
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(8, 8, 24, 24)
        self.column.setSpacing(36)
        self.setWidget(self.body)
        app = cast(QApplication, QApplication.instance())
        app.focusChanged.connect(self._on_focus_changed)

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if now is not None and self.body.isAncestorOf(now):
            self.ensureWidgetVisible(now, 0, 48)


class StepPage(ScrollPage):
    """The questions of one step, rendered from the core's field specs by their Kind.

    Signals:
        value_changed: an answer changed (field name, new value).
    """

    value_changed = Signal(str, object)

    def __init__(self, specs: tuple[FieldSpec, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.editors: dict[str, FieldEditor] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(40)
        grid.setVerticalSpacing(32)
        row, column = 0, 0
        for spec in specs:
            if spec.kind is Kind.CONSENT:
                continue  # asked on the consent screen
            editor = editor_for(spec)
            editor.value_changed.connect(self.value_changed)
            self.editors[spec.name] = editor
            if isinstance(editor, LineEditor):  # one-line answers sit two by two
                grid.addWidget(editor, row, column, Qt.AlignmentFlag.AlignTop)
                row, column = (row, 1) if column == 0 else (row + 1, 0)
                continue
            row += column
            grid.addWidget(editor, row, 0, 1, 2)
            row, column = row + 1, 0
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.column.addLayout(grid)
        self.column.addStretch(1)

    def load(self, form: ComplaintForm, language: str) -> None:
        """Show the form's answers and current errors for this step's questions."""
        errors = form.errors
        for name, editor in self.editors.items():
            editor.set_value(form.value(name))
            editor.show_error(errors.get(name), language)

    def show_errors(self, errors: Mapping[str, InvalidInput], language: str) -> None:
        """Show each refused answer's reason beside it and scroll to the first."""
        first: FieldEditor | None = None
        for name, editor in self.editors.items():
            editor.show_error(errors.get(name), language)
            if first is None and name in errors:
                first = editor
        if first is not None:
            self.ensureWidgetVisible(first, 0, 24)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        for editor in self.editors.values():
            editor.retranslate(language)
