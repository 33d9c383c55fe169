"""A walk through Cek Status at the kiosk, for ``python -m tools.screenshots``.

It runs last, on the hall the other walks left: tickets waiting and one called to counter 1
by the console walk, the complaint the complaint walk submitted (verified in the hall here,
then put in progress with a public note by a pulled page from the centre's desk).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final
from uuid import uuid4

from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from kiosk.complaints.categories import Status
from kiosk.hall import Hall
from kiosk.models import Complaint, Ticket
from kiosk.queueing import TicketState
from kiosk.references import public_url
from kiosk.sync.contract import ComplaintNote, ComplaintUpdate, PullResult
from kiosk.sync.inbox import Inbox
from ui.kiosk.window import KioskWindow

PUBLIC_NOTE: Final = (
    "Kami sudah menghubungi P3MI dan majikan. Gaji bulan Oktober akan dibayar minggu ini."
)
Save = Callable[[QWidget, str], None]
Settle = Callable[[Callable[[], bool]], None]


def walk(window: KioskWindow, save: Save, settle: Settle) -> None:
    """The field with the keyboard, then a ticket, a called ticket, a complaint, an unknown code;
    last the called ticket served, rated with the survey's faces."""
    hall = window.hall
    waiting, called = _tickets(hall)
    complaint = _complaint(hall)
    window.show()
    window.activateWindow()  # the consoles had the focus: the field's focus brings the keyboard
    for language in hall.settings.kiosk.languages:
        window.set_language(language)
        window.go_home()
        window.home.tiles["status"].click()
        if language == "id":
            window.status.field.setText("q-261123-")
            settle(window.keyboard.isVisible)
            save(window, "status-keyboard-id")
        _check(window, settle, waiting)
        save(window, f"status-ticket-{language}")
        if language == "id":
            _check(window, settle, called)
            save(window, "status-called-id")
        _check(window, settle, complaint)
        save(window, f"status-complaint-{language}")
        _check(window, settle, "Q-261123-7K3M")
        save(window, f"status-not-found-{language}")
    window.header.set_large_text(True)
    window.set_language("id")
    _check(window, settle, waiting)
    save(window, "status-ticket-large-text-id")
    window.header.set_large_text(False)
    _survey(window, save, settle, called)
    window.go_home()
    window.hide()


def _survey(window: KioskWindow, save: Save, settle: Settle, called: str) -> None:
    """The called ticket served, then its survey offered at Cek Status and answered by faces."""
    hall = window.hall
    with hall.db.reads() as session:
        counter = session.scalar(select(Ticket.counter_number).where(Ticket.reference == called))
    assert counter is not None
    hall.queue.start(counter)
    hall.queue.finish(counter)
    for language in hall.settings.kiosk.languages:
        window.set_language(language)
        window.go_home()
        window.home.tiles["status"].click()
        _check(window, settle, called)
        settle(lambda: window.status.survey_button() is not None)
        save(window, f"status-survey-offer-{language}")
        offer = window.status.survey_button()
        assert offer is not None
        offer.click()
        for score in (3, 4, 4):  # to question 4 of 9, the cost
            window.survey.faces[score - 1].click()
        save(window, f"survey-{language}")
        window.survey.back.click()
        window.survey.back.click()
        window.survey.back.click()
        window.survey.back.click()  # leaves: nothing is kept, the offer stays


def _check(window: KioskWindow, settle: Settle, code: str) -> None:
    screen = window.status
    screen.field.setText(code)
    screen.check.click()
    settle(lambda: screen.card is not None)


def _tickets(hall: Hall) -> tuple[str, str]:
    """The last waiting ticket of the first service (people ahead of it) and a called one."""
    with hall.db.reads() as session:
        waiting = session.scalars(
            select(Ticket.reference)
            .where(Ticket.state == TicketState.WAITING, Ticket.service_code == "jobs")
            .order_by(Ticket.id.desc())
        ).first()
        called = session.scalars(
            select(Ticket.reference).where(Ticket.state == TicketState.CALLED)
        ).first()
    assert waiting is not None, "run after the take-a-number walk"
    assert called is not None, "run after the console walk"
    return waiting, called


def _complaint(hall: Hall) -> str:
    """The QR link of the first complaint, moved to "verified" (as a scanner would type it)."""
    with hall.db.reads() as session:
        reference, token = session.execute(
            select(Complaint.reference, Complaint.public_token).order_by(Complaint.id)
        ).first() or ("", "")
    assert reference, "run after the complaint walk"
    hall.complaints.move_status(reference, Status.VERIFIED, hall.complaints.officer("siti"))
    now = hall.clock()
    note = ComplaintNote(note_id=uuid4(), text=PUBLIC_NOTE, public=True)
    desk = ComplaintUpdate(
        token=token, status=Status.IN_PROGRESS, changed_at=now, public_notes=[note]
    )
    page = PullResult(cursor="demo", complaints=[desk], postings=[], p3mi=[], rates=[])
    Inbox(hall.db, hall.zone, pull_feed=False).apply(page, now)  # as mpp-kiosk sync would
    return public_url(hall.settings.central.base_url, token)
