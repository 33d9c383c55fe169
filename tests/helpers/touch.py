"""Touching widgets in GUI tests as a finger would: only where the widget is laid out."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot


def lands_on(widget: QWidget, pos: QPoint) -> bool:
    """Whether a finger at ``pos`` of ``widget`` lands on it.

    True once the widget is shown and its window's layout has put it there: a press is
    routed by position (touch scrolling replays a held press to the widget under it), so
    a widget that was just created may not yet be where its own rectangle says.
    """
    if not widget.isVisible() or not widget.rect().contains(pos):
        return False
    window = widget.window()
    if window is widget:
        return True
    hit = window.childAt(widget.mapTo(window, pos))
    return hit is not None and (hit is widget or widget.isAncestorOf(hit))


def scroll_into_view(widget: QWidget) -> None:
    """Scroll every scroll area that holds ``widget`` until it shows, as a finger would."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()


def tap(qtbot: QtBot, widget: QWidget, times: int = 1, at: QPoint | None = None) -> None:
    """Tap the middle of ``widget`` (or the point ``at``) ``times`` times, once a finger can.

    A widget in a scroll area is scrolled into view first; then the tap waits until the
    widget is laid out under the finger.
    """

    def pos() -> QPoint:  # the widget may still be laid out: its middle is looked up afresh
        return widget.rect().center() if at is None else at

    if at is None or not lands_on(widget, at):  # a point already in sight stays there
        scroll_into_view(widget)
    qtbot.waitUntil(lambda: lands_on(widget, pos()))
    for _ in range(times):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos())


def tap_item(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    """Tap the middle of the item at ``index``'s row and column, once it is scrolled to and
    laid out (the model may be refilled meanwhile: the place is looked up afresh)."""
    row, column = index.row(), index.column()
    view.scrollTo(index)
    viewport = view.viewport()

    def centre() -> QPoint:
        return view.visualRect(view.model().index(row, column)).center()

    qtbot.waitUntil(lambda: lands_on(viewport, centre()))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre())


def quick_taps(qtbot: QtBot, widget: QWidget, times: int, between: Callable[[], None]) -> None:
    """Tap the middle of ``widget`` ``times`` times in quick succession, as Qt delivers it:
    the second of two quick taps comes as a double click instead of a press.

    ``between`` runs between two taps (moves a fake clock on).
    """
    qtbot.waitUntil(lambda: lands_on(widget, widget.rect().center()))
    where = QPointF(widget.rect().center())
    for index in range(times):
        if index:
            between()
        first = QEvent.Type.MouseButtonDblClick if index % 2 else QEvent.Type.MouseButtonPress
        for kind in (first, QEvent.Type.MouseButtonRelease):
            buttons = Qt.MouseButton.NoButton if kind is QEvent.Type.MouseButtonRelease else LEFT
            event = QMouseEvent(
                kind,
                where,
                widget.mapToGlobal(where),
                LEFT,
                buttons,
                Qt.KeyboardModifier.NoModifier,
            )
            QApplication.sendEvent(widget, event)


LEFT = Qt.MouseButton.LeftButton
