"""Cek Status at the kiosk, by touches and by a barcode scanner typing a slip's QR link."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.demo.complaints import CHRONOLOGY, PHONE_E164, REPORTER_NIK, WORKER_NIK
from kiosk.demo.jobs import seed_demo_jobs
from kiosk.hall import Hall
from kiosk.hall_key import key_path
from kiosk.i18n import translate
from kiosk.infra.sealed import ensure_key
from kiosk.jobs.search import JobQuery
from kiosk.queueing.views import IssuedTicket
from kiosk.references import public_url
from tests.helpers.complaints import fill, new_form
from tests.helpers.kiosk_taps import keyboard_key, type_on_keyboard
from tests.helpers.touch import tap
from ui.kiosk.window import KioskWindow

UNKNOWN_LINK = "https://rekam.kp2mi.go.id/r/MFRGGZDFMZTWQ2LKNNWG23TPOA"


def open_status(qtbot: QtBot, window: KioskWindow) -> None:
    """From the home screen, tap Cek Status: the field has focus, the keyboard is up."""
    tap(qtbot, window.home.tiles["status"])
    assert window.screens.currentWidget() is window.status
    qtbot.waitUntil(window.keyboard.isVisible)
    assert window.status.field.hasFocus()


def scan(qtbot: QtBot, window: KioskWindow, link: str) -> None:
    """A USB barcode scanner: the link typed fast into the focused field, then Enter."""
    field = window.status.field
    assert field.hasFocus()
    qtbot.keyClicks(field, link)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def shown(qtbot: QtBot, window: KioskWindow) -> str:
    """The answer's texts once it is drawn, as one string."""
    screen = window.status
    qtbot.waitUntil(lambda: screen.card is not None)
    return " | ".join(screen.texts())


def two_tickets(hall: Hall) -> IssuedTicket:
    hall.queue.issue_ticket("jobs")
    return hall.queue.issue_ticket("jobs")


def test_a_ticket_typed_on_the_keyboard_shows_status_people_ahead_and_wait(
    qtbot: QtBot, home_window: KioskWindow, hall: Hall
) -> None:
    issued = two_tickets(hall)
    open_status(qtbot, home_window)
    assert translate("status.hint", "id") in home_window.status.texts()
    typed = issued.reference.lower()
    type_on_keyboard(qtbot, home_window.keyboard, typed)
    qtbot.waitUntil(lambda: home_window.status.field.text() == typed)
    tap(qtbot, home_window.status.check)

    text = shown(qtbot, home_window)
    card = home_window.status.card
    assert card is not None
    assert (card.number, card.tone) == (issued.number, "waiting")
    assert "Menunggu dipanggil" in text
    assert "Orang di depan Anda | 1 orang" in text
    assert f"sekitar {issued.estimated_wait_minutes} menit" in text
    assert home_window.keyboard.isHidden()  # the answer has the room
    assert home_window.status.field.hasFocus()  # a scanner still types into the field


def test_the_keyboard_s_enter_checks_too(
    qtbot: QtBot, home_window: KioskWindow, hall: Hall
) -> None:
    issued = two_tickets(hall)
    open_status(qtbot, home_window)
    type_on_keyboard(qtbot, home_window.keyboard, issued.reference.lower().replace("-", ""))
    tap(qtbot, keyboard_key(home_window.keyboard, translate("keyboard.enter_name", "id")))
    shown(qtbot, home_window)
    assert home_window.status.card is not None
    assert home_window.status.card.number == issued.number


def test_a_scanned_complaint_receipt_shows_status_and_no_personal_data(
    qtbot: QtBot, home_window: KioskWindow, hall: Hall
) -> None:
    ensure_key(key_path())
    form = new_form()
    fill(form)
    submitted = hall.complaints.submit(form)
    open_status(qtbot, home_window)
    scan(qtbot, home_window, submitted.url)

    text = shown(qtbot, home_window)
    assert submitted.reference in text
    assert "Status: Diterima" in text
    assert "Pengaduan diterima" in text
    assert "data pribadi" in text
    assert "0800-1000" in text
    for secret in (CHRONOLOGY, PHONE_E164, REPORTER_NIK, WORKER_NIK):
        assert secret not in text
    for secret in (submitted.reporter_name_masked, submitted.reporter_phone_masked):
        assert secret not in text
    tap(qtbot, home_window.header.language_button("en"))
    assert "Status: Received" in " ".join(home_window.status.texts())


def test_a_scanned_job_slip_opens_the_posting_and_back_returns_to_the_check(
    qtbot: QtBot, home_window: KioskWindow, hall: Hall
) -> None:
    seed_demo_jobs(hall)
    posting_id = hall.jobs.search(JobQuery(country="TW")).postings[0].id
    detail = hall.jobs.detail(posting_id)
    assert detail is not None
    open_status(qtbot, home_window)
    scan(qtbot, home_window, public_url(hall.settings.central.base_url, detail.public_token))

    jobs = home_window.jobs
    qtbot.waitUntil(lambda: home_window.screens.currentWidget() is jobs.detail)
    assert jobs.detail.posting is not None
    assert jobs.detail.posting.id == posting_id
    tap(qtbot, jobs.detail.back)
    assert home_window.screens.currentWidget() is home_window.status
    assert home_window.status.card is None
    qtbot.waitUntil(home_window.status.field.hasFocus)  # ready for the next scan


def test_an_unknown_code_says_so_and_where_to_get_help(
    qtbot: QtBot, home_window: KioskWindow
) -> None:
    open_status(qtbot, home_window)
    type_on_keyboard(qtbot, home_window.keyboard, "q-261123-7k3m")
    qtbot.waitUntil(lambda: home_window.status.field.text() == "q-261123-7k3m")
    tap(qtbot, home_window.status.check)
    text = shown(qtbot, home_window)
    assert "Nomor antrian tidak ditemukan" in text
    assert "0800-1000" in text
    assert home_window.status.card is not None
    assert home_window.status.card.tone == "unknown"

    home_window.status.field.clear()
    scan(qtbot, home_window, UNKNOWN_LINK)
    qtbot.waitUntil(lambda: "Kode tidak ditemukan" in home_window.status.texts())


def test_a_second_scan_after_an_answer_shows_the_new_record(
    qtbot: QtBot, home_window: KioskWindow, hall: Hall
) -> None:
    first = hall.queue.issue_ticket("jobs")
    second = hall.queue.issue_ticket("jobs")
    open_status(qtbot, home_window)
    scan(qtbot, home_window, first.url)
    shown(qtbot, home_window)
    assert home_window.status.card is not None
    assert home_window.status.card.number == first.number
    scan(qtbot, home_window, second.url)  # appended to the first link: the newest one counts
    qtbot.waitUntil(
        lambda: (
            home_window.status.card is not None and home_window.status.card.number == second.number
        )
    )


def test_back_and_idle_forget_the_code_and_the_answer(
    qtbot: QtBot, home_window: KioskWindow, hall: Hall
) -> None:
    issued = two_tickets(hall)
    open_status(qtbot, home_window)
    scan(qtbot, home_window, issued.url)
    shown(qtbot, home_window)
    tap(qtbot, home_window.status.back)
    assert home_window.screens.currentWidget() is home_window.home
    assert home_window.status.field.text() == ""
    assert home_window.status.card is None

    open_status(qtbot, home_window)
    scan(qtbot, home_window, issued.url)
    shown(qtbot, home_window)
    home_window.reset()  # the idle time-out
    assert home_window.screens.currentWidget() is home_window.home
    assert home_window.status.field.text() == ""
    assert home_window.status.card is None


def test_cek_on_an_empty_field_says_what_to_type_and_keeps_the_keyboard(
    qtbot: QtBot, home_window: KioskWindow
) -> None:
    open_status(qtbot, home_window)
    tap(qtbot, home_window.status.check)
    qtbot.waitUntil(lambda: "Ketik kode dari struk Anda" in home_window.status.texts())
    assert home_window.keyboard.isVisible()


def test_a_failed_look_up_says_so_and_the_field_stays(
    qtbot: QtBot, home_window: KioskWindow, hall: Hall, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(text: str) -> None:
        raise OSError("database gone")

    monkeypatch.setattr(hall, "look_up", broken)
    open_status(qtbot, home_window)
    scan(qtbot, home_window, UNKNOWN_LINK)
    failed = translate("status.failed", "id")
    qtbot.waitUntil(lambda: failed in home_window.status.texts())
    assert home_window.status.field.text() == UNKNOWN_LINK


def test_an_answer_to_a_check_left_behind_is_dropped(home_window: KioskWindow) -> None:
    screen = home_window.status
    check = screen.start_check()
    assert screen.is_current(check)
    screen.clear()  # Back, or the idle time-out
    assert not screen.is_current(check)
