"""One step of the complaint wizard: its questions in a scrolling column, errors beside each."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import cast

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QVBoxLayout,
    QWidget,
)

from kiosk.complaints.fields import FieldSpec, Kind
from kiosk.complaints.form import ComplaintForm
from kiosk.errors import InvalidInput
from ui.kiosk.complaint.editors import FieldEditor, LineEditor, editor_for

MINIMUM_HEIGHT = 60
"""Pages shrink to this with the on-screen keyboard up; the rest scrolls."""


FOCUS_MARGIN = 16
"""Room kept around the question being typed into when it is scrolled into sight."""


def finger_scrolling(viewport: QWidget) -> None:
    """Let a finger scroll ``viewport`` (kinetic); a touch reaches the field under it at once."""
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    scroller.setScrollerProperties(properties)
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)


class ScrollPage(QScrollArea):
    """A page a finger scrolls (kinetic, as the jobs list), keeping the question being typed
    into in sight with its label, also when the on-screen keyboard takes room."""

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
        self.anchor: QWidget | None = None
        """The question last answered: it stays in sight when the page loses room."""
        finger_scrolling(self.viewport())
        app = cast(QApplication, QApplication.instance())
        app.focusChanged.connect(self._on_focus_changed)

    def to_top(self) -> None:
        """Show the page from its top, any finger scrolling stopped (a new page, a new visit)."""
        QScroller.scroller(self.viewport()).stop()
        self.anchor = None
        self.verticalScrollBar().setValue(0)

    def keep_in_sight(self, widget: QWidget) -> None:
        """Scroll so that ``widget`` shows; a question taller than the page shows its top."""
        bar = self.verticalScrollBar()
        top = widget.mapTo(self.body, widget.rect().topLeft()).y() - FOCUS_MARGIN
        bottom = top + widget.height() + 2 * FOCUS_MARGIN
        room = self.viewport().height()
        if top < bar.value() or bottom - top > room:
            bar.setValue(top)
        elif bottom > bar.value() + room:
            bar.setValue(bottom - room)

    def focused_question(self) -> QWidget | None:
        """The question (label, hint and field) whose field has focus, if on this page."""
        focused = QApplication.focusWidget()
        if focused is None or not self.body.isAncestorOf(focused):
            return None
        question: QWidget | None = focused
        while question is not None and not isinstance(question, FieldEditor):
            question = question.parentWidget()
        return question or focused

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """The keyboard came up or went away: the question being typed into stays in sight."""
        super().resizeEvent(event)
        question = self.focused_question() or self.anchor
        if question is not None:
            self.keep_in_sight(question)

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        question = self.focused_question() if now is not None else None
        if question is not None:
            self.keep_in_sight(question)


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

    def load(self, form: ComplaintForm, language: str, names: Iterable[str] | None = None) -> None:
        """Show the form's answers and current errors for this step's questions (or ``names``)."""
        errors = form.errors
        for name in self.editors if names is None else names:
            editor = self.editors[name]
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
            self.keep_in_sight(first)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        for editor in self.editors.values():
            editor.retranslate(language)
