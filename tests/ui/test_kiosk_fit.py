"""The kiosk fits its screen: the 1920×1080 design, scaled onto whatever screen the hall has."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QScrollArea, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.complaints.categories import Status
from kiosk.complaints.public import PublicComplaint, PublicNote, StatusMove
from kiosk.queueing.lookup import TicketPhase, TicketStanding
from kiosk.status import ComplaintFound, NotFound, TicketFound
from tests.helpers.fit import misfits
from ui.app import DESIGN_SIZE, design_scale
from ui.kiosk.window import KioskWindow

LOGICAL_SCREENS = [DESIGN_SIZE, (1920, 1200)]
"""What ``fit_design_to_screen`` makes of 16:9 and 16:10 screens (4:3 gives 1920×1440)."""


@pytest.mark.parametrize(
    ("screen", "scale"),
    [((1920, 1080), 1.0), ((1366, 768), 0.7111), ((1280, 800), 0.6667), ((3840, 2160), 2.0)],
)
def test_the_design_scale_keeps_the_whole_design_on_screen(
    screen: tuple[int, int], scale: float
) -> None:
    assert design_scale(*screen) == scale
    assert screen[0] / scale >= DESIGN_SIZE[0] - 1
    assert screen[1] / scale >= DESIGN_SIZE[1] - 1


def _logical_screen(extra_env: dict[str, str]) -> list[str]:
    program = (
        "from ui.app import application, fit_design_to_screen\n"
        "scale = fit_design_to_screen('auto')\n"
        "size = application().primaryScreen().size()\n"
        "print(scale, size.width(), size.height())\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_SCALE_FACTOR"}
    env.update(QT_QPA_PLATFORM="offscreen", **extra_env)
    done = subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_auto_scale_gives_the_kiosk_at_least_its_design_size_on_a_small_screen() -> None:
    scale, width, height = _logical_screen({})  # the offscreen screen is 800×800
    assert float(scale) == design_scale(800, 800)
    assert int(width) >= DESIGN_SIZE[0] - 1
    assert int(height) >= DESIGN_SIZE[1] - 1


def test_a_scale_factor_set_by_the_installer_wins() -> None:
    assert _logical_screen({"QT_SCALE_FACTOR": "1"}) == ["1.0", "800", "800"]


def _fields(screen: QWidget) -> list[QWidget]:
    lines = [f for f in screen.findChildren(QLineEdit) if not f.isReadOnly()]
    texts = [f for f in screen.findChildren(QTextEdit) if not f.isReadOnly()]
    plain = [f for f in screen.findChildren(QPlainTextEdit) if not f.isReadOnly()]
    return [*lines, *texts, *plain]


@pytest.mark.parametrize("large", [False, True], ids=["normal-text", "large-text"])
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("size", LOGICAL_SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits_with_and_without_the_keyboard(
    qtbot: QtBot, home_window: KioskWindow, size: tuple[int, int], language: str, large: bool
) -> None:
    home_window.set_language(language)
    home_window.set_large_text(large)
    problems = []
    for index in range(home_window.screens.count()):
        screen = home_window.screens.widget(index)
        assert screen is not None
        home_window.screens.setCurrentWidget(screen)
        name = type(screen).__name__
        problems += [f"{name}: {p}" for p in misfits(home_window, *size)]
        for field in _fields(screen)[:1]:
            field.setFocus()
            qtbot.waitUntil(home_window.keyboard.isVisible)
            problems += [f"{name} with keyboard: {p}" for p in misfits(home_window, *size)]
            field.clearFocus()
            qtbot.waitUntil(home_window.keyboard.isHidden)
    assert problems == []


AT = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)
NOTE = (
    "Kami sudah menghubungi perusahaan penempatan dan perwakilan RI di Taipei. Mohon tunggu "
    "kabar berikutnya dan simpan tanda terima ini."
)
STATUS_ANSWERS: list[TicketFound | ComplaintFound | NotFound] = [
    TicketFound(
        TicketStanding(
            reference="Q-261123-7K3M",
            number="B-123",
            service_code="placement",
            day=date(2026, 11, 23),
            priority=True,
            phase=TicketPhase.TRANSFERRED,
            counter_number=None,
            people_ahead=128,
            estimated_wait_minutes=245,
        ),
        service={"id": "Pendaftaran & Penempatan", "en": "Registration & placement"},
        counter=None,
        as_of=AT,
    ),
    ComplaintFound(
        PublicComplaint(
            reference="P-261123-7K3M",
            day=date(2026, 11, 23),
            submitted_at=AT,
            status=Status.IN_PROGRESS,
            moves=tuple(
                StatusMove(AT + timedelta(days=n), status)
                for n, status in enumerate((Status.VERIFIED, Status.IN_PROGRESS), start=1)
            ),
            notes=tuple(PublicNote(AT + timedelta(days=n, hours=3), NOTE) for n in range(1, 4)),
            as_of=AT + timedelta(days=4),
        )
    ),
    NotFound("status.unreadable", "identity.reference_date"),
]
"""The longest answers Cek Status draws: a transferred priority ticket, a complaint with a
long public history, a mistyped reference."""


@pytest.mark.parametrize("large", [False, True], ids=["normal-text", "large-text"])
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("size", LOGICAL_SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_status_answer_fits_with_and_without_the_keyboard(
    qtbot: QtBot, home_window: KioskWindow, size: tuple[int, int], language: str, large: bool
) -> None:
    home_window.set_language(language)
    home_window.set_large_text(large)
    screen = home_window.status
    home_window.screens.setCurrentWidget(screen)
    scroll = screen.findChild(QScrollArea)
    assert scroll is not None
    problems = []
    for answer in STATUS_ANSWERS:
        screen.show_answer(answer)
        name = type(answer).__name__
        for keyboard in (False, True):
            if keyboard:
                screen.field.setFocus()
                qtbot.waitUntil(home_window.keyboard.isVisible)
            problems += [f"{name}, keyboard {keyboard}: {p}" for p in misfits(home_window, *size)]
            holder = scroll.widget()
            assert holder is not None
            need, room = holder.minimumSizeHint().width(), scroll.viewport().width()
            if need > room:  # nothing scrolls sideways: a wider card is cut off
                problems.append(f"{name}, keyboard {keyboard}: card needs {need}, gets {room}")
        screen.field.clearFocus()
        qtbot.waitUntil(home_window.keyboard.isHidden)
    assert problems == []
