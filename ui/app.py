"""Starting a Qt face: the application, the theme, and full-screen placement."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

THEME = Path(__file__).with_name("theme.qss")

DESIGN_SIZE = (1920, 1080)
"""The logical screen the kiosk is laid out for (``fit_design_to_screen`` maps it on the screen)."""

SCALE_ENV = "QT_SCALE_FACTOR"


def design_scale(width: int, height: int) -> float:
    """The factor that shows the whole 1920×1080 design on a ``width``×``height`` screen.

    The smaller of the two ratios, so nothing falls off: a 1366×768 screen gets 0.7111
    (a logical 1921×1080), a 1280×800 one 0.6667 (logical 1920×1200, a little taller).
    """
    return round(min(width / DESIGN_SIZE[0], height / DESIGN_SIZE[1]), 4)


def fit_design_to_screen(scale: Literal["auto"] | float) -> float:
    """Set Qt's scale factor, before the application exists, so the design fills the screen.

    Call it before ``application()``. ``"auto"`` measures the primary screen with a
    short-lived ``QGuiApplication``; a number is taken as it is. A ``QT_SCALE_FACTOR``
    already in the environment wins (the installer or an engineer set it). Returns the
    factor in force (1.0 when none is set).
    """
    if SCALE_ENV in os.environ:
        return float(os.environ[SCALE_ENV])
    if scale == "auto":
        probe = QGuiApplication(sys.argv[:1])
        size = probe.primaryScreen().size()
        probe.shutdown()
        del probe
        scale = design_scale(size.width(), size.height())
    if abs(scale - 1.0) < 0.02:
        return 1.0
    os.environ[SCALE_ENV] = f"{scale:.4f}"
    return scale


def application() -> QApplication:
    """The one QApplication, created on first use, with the kiosk theme applied."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("mpp-kiosk")
    assert isinstance(app, QApplication)
    app.setStyleSheet(THEME.read_text(encoding="utf-8"))
    return app


def show_full_screen(window: QWidget, *, windowed: bool, screen_index: int = 0) -> None:
    """Show a window full screen on a screen, or as a normal window when ``windowed``.

    Without a window manager ``showFullScreen`` keeps the old size, so the geometry is
    set to the screen's too.
    """
    if windowed:
        window.resize(*DESIGN_SIZE)
        window.show()
        return
    screens = QApplication.screens()
    screen = screens[screen_index] if screen_index < len(screens) else screens[0]
    window.setGeometry(screen.geometry())
    window.showFullScreen()


class _NoMenus(QObject):
    """Swallows context menus (right-click, long-press) everywhere in the application."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        return event.type() == QEvent.Type.ContextMenu


def hide_pointer() -> None:
    """No pointer anywhere in the application, whatever a widget asks for.

    cage (and Xorg) draw a pointer as soon as an input device claims to be one, and most
    touchscreens do; a face on a touchscreen hides it itself.
    """
    if QApplication.overrideCursor() is None:
        QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)


def lock_down(window: QWidget) -> None:
    """A kiosk window: frameless, always on top, no pointer and no context menu anywhere."""
    window.setWindowFlags(
        window.windowFlags()
        | Qt.WindowType.FramelessWindowHint
        | Qt.WindowType.WindowStaysOnTopHint
    )
    hide_pointer()
    app = QApplication.instance()
    assert app is not None
    blocker = _NoMenus(app)
    app.installEventFilter(blocker)
