"""The ``mpp-kiosk`` console script: the core command line with Qt drawing the faces."""

from __future__ import annotations

import logging
from collections.abc import Callable

from kiosk import cli
from kiosk.hall import Hall

log = logging.getLogger(__name__)


class QtFaces:
    """Draws the kiosk, the staff console and the display board with PySide6.

    Qt is imported only here, so the core commands run without a display.
    """

    def kiosk(self, hall: Hall, *, reopen: Callable[[], Hall], windowed: bool) -> int:
        """The citizen kiosk; a reload from the maintenance panel reopens the hall."""
        from ui.app import application, fit_design_to_screen, lock_down, show_full_screen
        from ui.kiosk.window import RESTART, KioskWindow
        from ui.watchdog import GuiWatchdog, start_watchdog

        scale = fit_design_to_screen(hall.settings.kiosk.scale)
        app = application()
        log.info("kiosk drawn at scale %.4g", scale)
        watchdog: GuiWatchdog | None = None
        while True:
            window = KioskWindow(hall)
            window.left.connect(app.exit)
            if not windowed:
                lock_down(window)
            show_full_screen(window, windowed=windowed)
            if watchdog is None:
                watchdog = start_watchdog(app)
            log.info("kiosk started at %s", hall.settings.site.name)
            code = app.exec()
            window.deleteLater()
            hall.close()
            if code != RESTART:
                return code
            hall = reopen()

    def staff(self, hall: Hall, *, counter: int | None) -> int:
        """The front-desk console, maximised."""
        from ui.app import application
        from ui.staff.window import StaffWindow

        app = application()
        window = StaffWindow(hall, counter=counter)
        window.showMaximized()
        log.info("staff console started at %s", hall.settings.site.name)
        return app.exec()

    def screens(self) -> int:
        """How many screens Qt sees on this display."""
        from ui.app import application

        return len(application().screens())

    def display(self, hall: Hall, *, screen: int) -> int:
        """The hall display board, full screen with no pointer."""
        from ui.app import application, hide_pointer, show_full_screen
        from ui.board.window import BoardWindow
        from ui.watchdog import start_watchdog

        app = application()
        window = BoardWindow(hall)
        hide_pointer()
        show_full_screen(window, windowed=False, screen_index=screen)
        start_watchdog(window)
        log.info("display board started on screen %s", screen)
        return app.exec()


def main() -> None:
    """Console script ``mpp-kiosk``."""
    raise SystemExit(cli.main(faces=QtFaces()))
