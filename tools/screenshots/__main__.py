"""Screenshots of every screen: ``xvfb-run -a python -m tools.screenshots [DIR] [--size WxH]``.

The default size is the 1920×1080 of docs/screenshots; ``--size 1366x768`` shows what a
smaller kiosk, staff PC or hall TV gets.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QWidget

from kiosk.complaints.receipt import receipt_slip
from kiosk.demo import seed_demo
from kiosk.demo.jobs import seed_demo_jobs
from kiosk.hall import Hall, open_hall
from kiosk.jobs.slip import job_slip
from kiosk.queueing.slip import ticket_slip
from kiosk.settings import PROJECT_CONFIG, DatabaseSection, PrinterSection, load_settings
from printing import Paper, Slip, render_slip
from tools.screenshots.board import walk as walk_board
from tools.screenshots.complaint import walk as walk_complaint
from tools.screenshots.info import walk as walk_info
from tools.screenshots.jobs import walk as walk_jobs
from tools.screenshots.maintenance import walk as walk_maintenance
from tools.screenshots.staff import walk as walk_console
from tools.screenshots.status import walk as walk_status
from ui.app import application
from ui.kiosk.slip_screen import SlipState
from ui.kiosk.window import KioskWindow

DEFAULT_SIZE = (1920, 1080)
MONDAY_MORNING = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)  # 09:30 WIB


def _settle(until: Callable[[], bool] = lambda: True, timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if until() or time.monotonic() > deadline:
            break
    for _ in range(3):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


Save = Callable[[QWidget, str], None]


def _saver(folder: Path, size: tuple[int, int]) -> Save:
    def save(widget: QWidget, name: str) -> None:
        widget.window().resize(*size)  # the keyboard may have made the window taller
        _settle()
        _write(widget, folder / f"{name}.png")

    return save


def _write(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)


def _slip_pngs(folder: Path, kind: str, slip: Slip) -> None:
    """The slip on each roll as the thermal head prints it: 203 dpi, one bit a dot."""
    for paper in Paper:
        pdf = folder / f"slip-{kind}-{paper.value}mm.pdf"
        pdf.write_bytes(render_slip(slip, paper))
        png = pdf.with_suffix("")
        subprocess.run(
            ["pdftoppm", "-r", "203", "-mono", "-png", "-singlefile", str(pdf), str(png)],
            check=True,
        )
        pdf.unlink()
        print(png.with_suffix(".png"))


def _walk(window: KioskWindow, save: Save, language: str) -> None:
    window.set_language(language)
    window.go_home()
    save(window, f"kiosk-home-{language}")
    window.home.tiles["queue"].click()
    _settle(lambda: window.screens.currentWidget() is window.services)
    save(window, f"take-services-{language}")
    window.services.tiles["jobs"].click()
    save(window, f"take-priority-{language}")
    window.priority.yes.click()
    _settle(
        lambda: (
            window.screens.currentWidget() is window.ticket
            and window.ticket.slip_state is SlipState.PRINTED
        )
    )
    save(window, f"take-ticket-{language}")


def _complaint(window: KioskWindow, folder: Path, save: Save) -> None:
    for language in window.hall.settings.kiosk.languages:
        window.set_language(language)
        walk_complaint(window.complaint, lambda name: save(window, name), _settle, language)
    printed = next(window.hall.spool_dir.glob("*complaint-*.pdf"))  # the receipt the walk printed
    complaints = window.hall.complaints
    reference = printed.stem.split("complaint-", 1)[1]
    complaint = complaints.reprint(reference, complaints.officer("siti"))
    _slip_pngs(folder, "complaint", receipt_slip(complaint, window.hall.settings, "id"))


def _jobs(window: KioskWindow, folder: Path, save: Save) -> None:
    seed_demo_jobs(window.hall)
    for language in window.hall.settings.kiosk.languages:
        window.set_language(language)
        walk_jobs(window.jobs, lambda name: save(window, name), _settle, language)
    posting = window.jobs.detail.posting
    assert posting is not None
    _slip_pngs(folder, "job", job_slip(posting, window.hall.settings, "id"))


def _console_and_board(hall: Hall, save: Save) -> None:
    queue = hall.queue
    for code, count in (("jobs", 5), ("placement", 4), ("complaint", 3), ("opp", 2)):
        for n in range(count):
            queue.issue_ticket(code, priority=n == 1)
    for walk in (walk_console, walk_board):
        walk(hall, save, _settle)


def main(folder: Path, size: tuple[int, int] = DEFAULT_SIZE) -> None:
    """Render every screen in each language into ``folder``, windows at ``size``."""
    folder.mkdir(parents=True, exist_ok=True)
    save = _saver(folder, size)
    application()
    with tempfile.TemporaryDirectory() as scratch:
        settings = load_settings(PROJECT_CONFIG).model_copy(
            update={
                "database": DatabaseSection(url=f"sqlite:///{Path(scratch) / 'hall.sqlite3'}"),
                "printer": PrinterSection(spool_dir=str(Path(scratch) / "spool")),
            }
        )
        hall = open_hall(settings, clock=lambda: MONDAY_MORNING)
        seed_demo(hall)
        window = KioskWindow(hall)
        window.resize(*size)
        window.show()
        for language in hall.settings.kiosk.languages:
            _walk(window, save, language)
        window.set_language("id")
        issued = window.ticket.ticket
        assert issued is not None
        _slip_pngs(folder, "ticket", ticket_slip(issued, window.hall.settings, "id"))
        window.ticket.set_slip_state(SlipState.FAILED)
        save(window, "take-ticket-print-failed-id")
        window.header.set_large_text(True)
        window.go_home()
        save(window, "kiosk-home-large-text-id")
        window.home.tiles["queue"].click()
        _settle(lambda: window.screens.currentWidget() is window.services)
        save(window, "take-services-large-text-id")
        window.header.set_large_text(False)
        window.idle_banner.show_seconds(7, "id")
        save(window, "kiosk-idle-countdown-id")
        window.idle_banner.hide()
        walk_info(window, save, _settle)
        walk_maintenance(window, save, _settle)
        _jobs(window, folder, save)
        _complaint(window, folder, save)
        window.hide()
        window.worker.wait()
        _console_and_board(hall, save)
        walk_status(window, save, _settle)
        window.worker.wait()
        hall.close()


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise argparse.ArgumentTypeError(f"not WIDTHxHEIGHT: {text!r}")
    return int(width), int(height)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m tools.screenshots", description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--size", type=_size, default=DEFAULT_SIZE, help="WIDTHxHEIGHT")
    arguments = parser.parse_args()
    main(arguments.folder, arguments.size)
