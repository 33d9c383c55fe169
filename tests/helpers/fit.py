"""Whether a window's widgets got the room their layouts need (nothing squeezed or clipped)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop, QSize
from PySide6.QtWidgets import QAbstractScrollArea, QStackedLayout, QWidget


def _in_scroll_contents(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def squeezed(window: QWidget) -> list[str]:
    """The shown widgets of ``window`` laid out smaller than their layout's minimum.

    Such a widget draws its contents over each other or cut off. Content in a scroll
    area is left out: there a finger scrolls to what does not fit.
    """
    for _ in range(3):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    found = []
    for widget in [window, *window.findChildren(QWidget)]:
        layout = widget.layout()
        if (
            layout is None
            or isinstance(layout, QStackedLayout)  # only its current page counts
            or not widget.isVisible()
            or _in_scroll_contents(widget)
        ):
            continue
        need, got = layout.totalMinimumSize(), widget.size()
        if need.width() > got.width() or need.height() > got.height():
            name = widget.objectName() or type(widget).__name__
            found.append(
                f"{name}: needs {need.width()}×{need.height()}, got {got.width()}×{got.height()}"
            )
    return found


def misfits(window: QWidget, width: int, height: int) -> list[str]:
    """What does not fit when ``window`` is given a ``width``×``height`` screen.

    Empty when the window takes exactly that size and nothing in it is squeezed.
    """
    window.resize(width, height)
    found = squeezed(window)
    if (window.width(), window.height()) != (width, height):
        found.insert(0, f"window: got {window.width()}×{window.height()} for {width}×{height}")
    return found


DESK_SCREENS = [(1280, 720), (1366, 728), (1920, 1080)]
"""The staff console's and board's screens: the smallest, a maximised window on a 1366×768
PC (less its taskbar), and full HD."""


def sizes(full_from: QSize) -> list[tuple[int, int]]:
    """``DESK_SCREENS`` and the smallest window of the full type (where it is tightest)."""
    return [*DESK_SCREENS, (full_from.width(), full_from.height())]


def fits_everywhere(window: QWidget, screens: list[tuple[int, int]]) -> None:
    """Nothing of ``window`` is squeezed on any of ``screens``."""
    for width, height in screens:
        found = misfits(window, width, height)
        assert found == [], f"at {width}×{height}: {found}"
