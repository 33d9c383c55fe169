"""The ``mpp-kiosk`` entry point: the core commands plus the Qt faces (kiosk, console, board)."""

from __future__ import annotations

import argparse
import logging

from kiosk import cli, commands
from kiosk.doctor import display_check
from kiosk.logs import configure_logging

log = logging.getLogger(__name__)


def _add_faces(
    parser: argparse.ArgumentParser, subcommands: commands.Commands, common: argparse.ArgumentParser
) -> None:
    kiosk = subcommands.add_parser("kiosk", help="the citizen kiosk (default)")
    kiosk.add_argument("--windowed", action="store_true", help="a normal window, not full screen")
    kiosk.set_defaults(handler=_run_kiosk)
    parser.set_defaults(handler=_run_kiosk, windowed=False)
    staff = subcommands.add_parser("staff", help="the front-desk staff console")
    staff.add_argument("--counter", type=int, help="the counter (loket) this PC sits at")
    staff.set_defaults(handler=_run_staff)
    display = subcommands.add_parser("display", help="the hall display board (full screen)")
    display.add_argument("--screen", type=int, default=0, help="the screen to fill (0 = first)")
    display.set_defaults(handler=_run_display)


def _run_kiosk(args: argparse.Namespace) -> int:
    display = display_check()
    if not display.ok:
        raise commands.UsageError(display.detail)
    hall = commands.hall_of(args)
    configure_logging()
    # Qt is imported only for the faces, so the core commands run without a display.
    from ui.app import application, fit_design_to_screen, lock_down, show_full_screen
    from ui.kiosk_window import RESTART, KioskWindow

    scale = fit_design_to_screen(hall.settings.kiosk.scale)
    app = application()
    log.info("kiosk drawn at scale %.4g", scale)
    while True:
        window = KioskWindow(hall)
        window.left.connect(app.exit)
        if not args.windowed:
            lock_down(window)
        show_full_screen(window, windowed=args.windowed)
        log.info("kiosk started at %s", hall.settings.site.name)
        code = app.exec()
        window.deleteLater()
        hall.close()
        if code != RESTART:
            return code
        hall = commands.hall_of(args)


def _run_staff(args: argparse.Namespace) -> int:
    display = display_check()
    if not display.ok:
        raise commands.UsageError(display.detail)
    hall = commands.hall_of(args)
    if args.counter is not None and args.counter not in {c.number for c in hall.settings.counters}:
        hall.close()
        raise commands.UsageError(f"no counter {args.counter} in the configuration")
    configure_logging()
    from ui.app import application
    from ui.staff.window import StaffWindow

    app = application()
    window = StaffWindow(hall, counter=args.counter)
    window.showMaximized()
    log.info("staff console started at %s", hall.settings.site.name)
    code = app.exec()
    hall.close()
    return code


def _run_display(args: argparse.Namespace) -> int:
    display = display_check()
    if not display.ok:
        raise commands.UsageError(display.detail)
    hall = commands.hall_of(args)
    configure_logging()
    from PySide6.QtCore import Qt

    from ui.app import application, show_full_screen
    from ui.board.window import BoardWindow

    app = application()
    window = BoardWindow(hall)
    window.setCursor(Qt.CursorShape.BlankCursor)
    show_full_screen(window, windowed=False, screen_index=args.screen)
    log.info("display board started on screen %s", args.screen)
    code = app.exec()
    hall.close()
    return code


def main() -> None:
    """Console script ``mpp-kiosk``."""
    raise SystemExit(cli.main(extra=_add_faces))
