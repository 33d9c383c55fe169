"""Touching widgets in GUI tests as a finger would: only where the widget is laid out."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot


def _point(widget: QWidget, pos: QPoint | None) -> QPoint:
    return widget.rect().center() if pos is None else pos


def lands_on(widget: QWidget, pos: QPoint | None = None) -> bool:
    """Whether a finger at ``pos`` of ``widget`` (its centre by default) lands on it.

    True once the widget is shown and its window's layout has put it there: a press is
    routed by position (touch scrolling replays a held press to the widget under it), so
    a widget that was just created may not yet be where its own rectangle says.
    """
    if not widget.isVisible():
        return False
    window = widget.window()
    if window is widget:
        return True
    hit = window.childAt(widget.mapTo(window, _point(widget, pos)))
    return hit is not None and (hit is widget or widget.isAncestorOf(hit))


def scroll_into_view(widget: QWidget) -> None:
    """Scroll every scroll area that holds ``widget`` until it shows, as a finger would."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()


def tap(qtbot: QtBot, widget: QWidget, pos: QPoint | None = None, times: int = 1) -> None:
    """Tap ``widget`` at ``pos`` (its centre by default) ``times`` times, once a finger can.

    A widget in a scroll area is scrolled into view first; then the tap waits until the
    widget is laid out under the finger.
    """
    scroll_into_view(widget)
    qtbot.waitUntil(lambda: lands_on(widget, pos))
    for _ in range(times):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=_point(widget, pos))
