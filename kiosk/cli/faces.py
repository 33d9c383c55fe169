"""The hall's faces on the command line: ``kiosk``, ``staff`` and ``display``.

The arguments, their checks and the opening of the hall live here; drawing the faces is
``ui/``'s work, handed in as a :class:`Faces` by the console script (``ui.launch``), so
the core never imports Qt.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Protocol

from kiosk.cli.common import Commands, UsageError, hall_of, settings_of
from kiosk.cli.doctor import display_check
from kiosk.hall import Hall
from kiosk.info import load_info
from kiosk.logs import configure_logging


class Faces(Protocol):
    """What draws the faces of the hall; each returns the process exit code."""

    def kiosk(self, hall: Hall, *, reopen: Callable[[], Hall], windowed: bool) -> int:
        """The citizen kiosk; ``reopen`` opens the hall afresh when the kiosk reloads."""

    def staff(self, hall: Hall, *, counter: int | None) -> int:
        """The front-desk console, at a counter when one is given."""

    def display(self, hall: Hall, *, screen: int) -> int:
        """The hall display board, full screen on the given screen."""

    def screens(self) -> int:
        """How many screens the display has (the board fills one of them)."""


def add_face_commands(
    parser: argparse.ArgumentParser,
    commands: Commands,
    faces: Faces,
    staff: argparse.ArgumentParser,
) -> None:
    """Add ``kiosk`` (also the default), ``display``, and the console to ``staff``.

    ``staff`` with no action is the console; ``staff add|passwd|…`` manage the accounts.
    """
    kiosk = commands.add_parser("kiosk", help="the citizen kiosk (default)")
    kiosk.add_argument("--windowed", action="store_true", help="a normal window, not full screen")
    kiosk.set_defaults(handler=lambda args: _kiosk(args, faces))
    parser.set_defaults(handler=lambda args: _kiosk(args, faces), windowed=False)
    staff.add_argument("--counter", type=int, help="the counter (loket) this PC sits at")
    staff.set_defaults(handler=lambda args: _staff(args, faces))
    display = commands.add_parser("display", help="the hall display board (full screen)")
    display.add_argument(
        "--screen", type=int, default=0, help="the screen to fill (0 = first, 1 = second, ...)"
    )
    display.set_defaults(handler=lambda args: _display(args, faces))


def _needs_display() -> None:
    display = display_check()
    if not display.ok:
        raise UsageError(display.detail)


def _kiosk(args: argparse.Namespace, faces: Faces) -> int:
    _needs_display()
    load_info(settings_of(args))  # a bad information corner file: one line, before any window
    hall = hall_of(args)
    configure_logging()
    return faces.kiosk(hall, reopen=lambda: hall_of(args), windowed=args.windowed)


def _staff(args: argparse.Namespace, faces: Faces) -> int:
    _needs_display()
    hall = hall_of(args)
    try:
        if args.counter is not None and args.counter not in {
            c.number for c in hall.settings.counters
        }:
            raise UsageError(f"no counter {args.counter} in the configuration")
        configure_logging()
        return faces.staff(hall, counter=args.counter)
    finally:
        hall.close()


def _display(args: argparse.Namespace, faces: Faces) -> int:
    _needs_display()
    count = faces.screens()
    if not 0 <= args.screen < count:
        numbered = "0" if count == 1 else f"0 to {count - 1}"
        raise UsageError(
            f"--screen must be {numbered} (this display has {count} screen"
            f"{'' if count == 1 else 's'}), not {args.screen}"
        )
    hall = hall_of(args)
    try:
        configure_logging()
        return faces.display(hall, screen=args.screen)
    finally:
        hall.close()
