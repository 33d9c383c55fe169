"""Starting a Qt face: the application, the theme, and full-screen placement."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

THEME = Path(__file__).with_name("theme.qss")


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
        window.resize(1280, 800)
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


def lock_down(window: QWidget) -> None:
    """A kiosk window: frameless, always on top, and no context menu anywhere."""
    window.setWindowFlags(
        window.windowFlags()
        | Qt.WindowType.FramelessWindowHint
        | Qt.WindowType.WindowStaysOnTopHint
    )
    app = QApplication.instance()
    assert app is not None
    blocker = _NoMenus(app)
    app.installEventFilter(blocker)
