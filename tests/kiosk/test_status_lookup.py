"""Cek Status in the core, on SQLite and PostgreSQL: what a typed or scanned code names."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from sqlalchemy import event

from kiosk.complaints.categories import Status
from kiosk.complaints.store import ComplaintService
from kiosk.demo.complaints import CHRONOLOGY, PHONE_E164, REPORTER_NIK, WORKER_NIK
from kiosk.demo.jobs import seed_demo_jobs
from kiosk.hall import Hall
from kiosk.hall_key import sealer_of
from kiosk.i18n import catalog
from kiosk.infra.sealed import ensure_key
from kiosk.jobs.search import JobQuery
from kiosk.models import Staff
from kiosk.queueing import QueueService
from kiosk.queueing.lookup import TicketPhase
from kiosk.references import InvalidReference, RefKind, public_url
from kiosk.status import (
    MESSAGE_KEYS,
    ComplaintFound,
    NotFound,
    PostingFound,
    TicketFound,
    describe,
)
from kiosk.status.codes import Token, UnreadableCode, read_code
from kiosk.sync.contract import ComplaintNote, ComplaintUpdate, PullResult
from kiosk.sync.inbox import Inbox
from tests.helpers.clock import FakeClock
from tests.helpers.complaints import fill, new_form
from tests.helpers.queue_site import counters_for_all, queue_hall

TOKEN = "MFRGGZDFMZTWQ2LKNNWG23TPOA"
BASE = "https://rekam.kp2mi.go.id"
MESSAGE = "Message from the officer: "


@pytest.fixture
def hall(tmp_path: Path, database_url: str, clock: FakeClock) -> Iterator[Hall]:
    with queue_hall(tmp_path, database_url, clock, counters=counters_for_all(2)) as opened:
        yield opened


@pytest.fixture
def queue(hall: Hall) -> QueueService:
    return hall.queue


@pytest.fixture
def complaints(hall: Hall, tmp_path: Path, clock: FakeClock) -> ComplaintService:
    cipher = sealer_of(ensure_key(tmp_path / "complaints.key"))
    return ComplaintService(hall.db, hall.settings, cipher, clock=clock)


@pytest.fixture
def officer(hall: Hall) -> int:
    with hall.db.sessions.begin() as session:
        staff = Staff(username="rina", name="Rina", role="officer", pin_hash="-")
        session.add(staff)
        session.flush()
        return staff.id


def _ticket(hall: Hall, text: str) -> TicketFound:
    answer = hall.look_up(text)
    assert isinstance(answer, TicketFound), answer
    return answer


# What was typed or scanned


@pytest.mark.parametrize(
    "typed",
    [
        f"{BASE}/r/{TOKEN}",
        f"{BASE}/r/{TOKEN}/",
        f"{BASE}/r/{TOKEN}?lang=en",
        f"  {BASE}/r/{TOKEN}\n",
        f"http://192.168.1.5:8080/rekam/r/{TOKEN}",
        f"{BASE}/r/{TOKEN}".upper(),  # a scanner with Caps Lock on
        f"Q-2611{BASE}/r/{TOKEN}",  # scanned after a few typed letters
        TOKEN,
        TOKEN.lower(),
        f"{TOKEN[:13]} {TOKEN[13:]}",
    ],
)
def test_a_slip_link_or_a_bare_token_gives_the_token(typed: str) -> None:
    assert read_code(typed) == Token(TOKEN)


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("Q-261123-7K3M", "Q-261123-7K3M"),
        ("q 261123 7k3m", "Q-261123-7K3M"),
        ("Q2611237K3M", "Q-261123-7K3M"),
        ("P-26II23-7K3M", "P-261123-7K3M"),  # I read as 1
        ("L–261123–OKLM", "L-261123-0K1M"),  # an en dash, O as 0 and L as 1
    ],
)
def test_a_reference_is_read_as_people_type_it(typed: str, canonical: str) -> None:
    assert str(read_code(typed)) == canonical


def test_another_link_is_not_a_slip() -> None:
    with pytest.raises(UnreadableCode) as caught:
        read_code("https://example.com/promo/123")
    assert caught.value.key == "status.not_a_slip"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Q-261123", "identity.reference_format"),
        ("X-261123-7K3M", "identity.reference_kind"),
        ("Q-261399-7K3M", "identity.reference_date"),
        ("Q-261123-7K3U", "identity.reference_code"),
        ("   ", "identity.reference_required"),
    ],
)
def test_a_mistyped_reference_says_what_is_wrong(typed: str, key: str) -> None:
    with pytest.raises(InvalidReference) as caught:
        read_code(typed)
    assert caught.value.key == key


# Tickets


def test_a_waiting_ticket_shows_people_ahead_and_the_queue_s_own_estimate(
    hall: Hall, queue: QueueService
) -> None:
    first = queue.issue_ticket("jobs")
    queue.issue_ticket("jobs", priority=True)
    issued = queue.issue_ticket("jobs")

    found = _ticket(hall, issued.reference)
    assert found.ticket.number == issued.number == "A-003"
    assert found.ticket.phase is TicketPhase.WAITING
    assert found.ticket.people_ahead == issued.people_ahead == 2
    assert found.ticket.estimated_wait_minutes == issued.estimated_wait_minutes
    assert found.service["en"] == "Job information"
    assert found.counter is None
    assert found.as_of == hall.clock()
    assert _ticket(hall, first.reference).ticket.people_ahead == 0
    assert _ticket(hall, issued.url) == found  # the slip's QR link names the same ticket


def test_a_priority_ticket_counts_only_the_priority_tickets_ahead(
    hall: Hall, queue: QueueService
) -> None:
    queue.issue_ticket("jobs")
    queue.issue_ticket("jobs", priority=True)
    queue.issue_ticket("jobs")
    mine = queue.issue_ticket("jobs", priority=True)
    assert _ticket(hall, mine.reference).ticket.people_ahead == 1


def test_a_called_ticket_names_its_counter_and_people_ahead_move_up(
    hall: Hall, queue: QueueService, clock: FakeClock
) -> None:
    first = queue.issue_ticket("jobs")
    second = queue.issue_ticket("jobs")
    clock.advance(minutes=3)
    queue.call_next(2)

    called = _ticket(hall, first.url)
    assert called.ticket.phase is TicketPhase.CALLED
    assert called.ticket.counter_number == 2
    assert called.counter == {"id": "Loket 2", "en": "Counter 2"}
    assert (called.ticket.people_ahead, called.ticket.estimated_wait_minutes) == (None, None)
    assert _ticket(hall, second.reference).ticket.people_ahead == 0
    card = describe(called, hall.settings, "id")
    assert (card.tone, card.number, card.headline) == ("called", "A-001", "Silakan menuju Loket 2")
    assert describe(called, hall.settings, "en").headline == "Please go to Counter 2"


def test_every_phase_of_a_ticket_has_its_words(hall: Hall, queue: QueueService) -> None:
    issued = queue.issue_ticket("jobs")
    assert queue.call_next(1) is not None
    queue.start(1)
    assert _ticket(hall, issued.reference).ticket.phase is TicketPhase.SERVING
    queue.transfer(1, "placement")
    moved = _ticket(hall, issued.reference)
    assert moved.ticket.phase is TicketPhase.TRANSFERRED
    assert moved.ticket.service_code == "placement"
    assert moved.ticket.people_ahead == 0
    assert describe(moved, hall.settings, "en").headline == (
        "Transferred to Registration & placement"
    )
    queue.call_next(1)
    queue.start(1)
    queue.finish(1)
    done = _ticket(hall, issued.reference)
    assert done.ticket.phase is TicketPhase.DONE
    assert describe(done, hall.settings, "id").headline == "Selesai dilayani"
    cancelled = queue.issue_ticket("jobs")
    queue.cancel(cancelled.ticket_id)
    assert _ticket(hall, cancelled.reference).ticket.phase is TicketPhase.CANCELLED
    missed = queue.issue_ticket("jobs")
    queue.call_next(1)
    queue.no_show(1)
    assert _ticket(hall, missed.reference).ticket.phase is TicketPhase.NO_SHOW


def test_yesterday_s_open_ticket_is_no_longer_valid(
    hall: Hall, queue: QueueService, clock: FakeClock
) -> None:
    issued = queue.issue_ticket("jobs")
    clock.advance(minutes=24 * 60)
    found = _ticket(hall, issued.reference)
    assert found.ticket.phase is TicketPhase.EXPIRED
    assert found.ticket.people_ahead is None
    card = describe(found, hall.settings, "en")
    assert card.hint.startswith("This number was for 23 Nov 2026. Take a new number")
    assert card.tone == "ended"
    assert "0800-1000" in card.help


def test_the_ticket_card_says_who_is_ahead_and_the_wait_in_both_languages(
    hall: Hall, queue: QueueService
) -> None:
    queue.issue_ticket("jobs")
    issued = queue.issue_ticket("jobs")
    found = _ticket(hall, issued.reference)
    minutes = issued.estimated_wait_minutes
    english = describe(found, hall.settings, "en")
    assert english.caption == "Queue number"
    assert english.headline == "Waiting to be called"
    assert dict(english.facts) == {
        "Service": "Job information",
        "People ahead of you": "1 person",
        "Estimated wait": f"about {minutes} min",
    }
    assert english.as_of == "Data as of 23 Nov 2026 09:00 WIB"
    assert english.help == ""  # the footer names the hotline; an ended ticket says it too
    indonesian = describe(found, hall.settings, "id")
    assert dict(indonesian.facts)["Orang di depan Anda"] == "1 orang"
    assert dict(indonesian.facts)["Perkiraan waktu tunggu"] == f"sekitar {minutes} menit"


# Complaints


def test_a_complaint_shows_its_status_history_and_no_personal_data(
    hall: Hall, complaints: ComplaintService, officer: int, clock: FakeClock
) -> None:
    form = new_form()
    fill(form)
    submitted = complaints.submit(form)
    clock.advance(minutes=30)
    complaints.add_note(submitted.reference, officer, "Pelapor menyebut Bu Sulastri, KTP 3507")
    clock.advance(minutes=30)
    complaints.move_status(submitted.reference, Status.VERIFIED, officer, "Sudah dicek")

    answer = hall.look_up(submitted.reference.lower().replace("-", " "))
    assert isinstance(answer, ComplaintFound)
    complaint = answer.complaint
    assert complaint.reference == submitted.reference
    assert complaint.status is Status.VERIFIED
    assert [move.status for move in complaint.moves] == [Status.VERIFIED]
    assert complaint.as_of == clock()
    assert hall.look_up(submitted.url) == answer

    secrets = [CHRONOLOGY, PHONE_E164, REPORTER_NIK, WORKER_NIK, "Sulastri", "Sudah dicek"]
    secrets += [submitted.reporter_name_masked, submitted.reporter_phone_masked]
    for language in ("id", "en"):
        card = describe(answer, hall.settings, language)
        shown = repr(dataclasses.astuple(card)) + repr(answer)
        assert not [secret for secret in secrets if secret in shown], language
    card = describe(answer, hall.settings, "en")
    assert (card.caption, card.number) == ("Complaint", submitted.reference)
    assert card.headline == "Status: Verified"
    assert card.history == (
        ("23 Nov 2026 09:00 WIB", "Complaint received"),
        ("23 Nov 2026 10:00 WIB", "Status: Verified"),
    )
    assert card.as_of.endswith("23 Nov 2026 10:00 WIB")
    assert describe(answer, hall.settings, "id").headline == "Status: Diverifikasi"


def _pull(hall: Hall, at: datetime, *updates: ComplaintUpdate) -> None:
    """What ``mpp-kiosk sync`` does with a page of the centre's complaint news."""
    page = PullResult(
        cursor=f"c{at:%H%M}", complaints=list(updates), postings=[], p3mi=[], rates=[]
    )
    Inbox(hall.db, hall.zone).apply(page, at)


def _public(text: str) -> ComplaintNote:
    return ComplaintNote(note_id=uuid4(), text=text, public=True)


def test_the_desk_s_status_and_public_notes_show_as_the_last_pull_brought_them(
    hall: Hall, complaints: ComplaintService, officer: int, clock: FakeClock
) -> None:
    form = new_form()
    fill(form)
    submitted = complaints.submit(form)
    clock.advance(minutes=60)
    complaints.move_status(submitted.reference, Status.VERIFIED, officer)  # 10:00, in the hall
    desk_moved = clock() + timedelta(hours=1)
    first_pull = clock() + timedelta(hours=2)  # 12:00
    update = ComplaintUpdate(
        token=submitted.public_token,
        status=Status.IN_PROGRESS,
        changed_at=desk_moved,
        public_notes=[_public("Kami sudah menghubungi P3MI di Taipei.")],
    )
    _pull(hall, first_pull, update)
    second_pull = first_pull + timedelta(hours=3)  # 15:00: one more note
    more = [*update.public_notes, _public("Gaji bulan Oktober sudah dibayar.")]
    _pull(hall, second_pull, update.model_copy(update={"public_notes": more}))

    answer = hall.look_up(submitted.url)
    assert isinstance(answer, ComplaintFound)
    complaint = answer.complaint
    assert complaint.status is Status.IN_PROGRESS
    assert [(m.at, m.status) for m in complaint.moves] == [
        (clock(), Status.VERIFIED),
        (desk_moved, Status.IN_PROGRESS),
    ]
    assert [(n.known_at, n.text) for n in complaint.notes] == [
        (first_pull, "Kami sudah menghubungi P3MI di Taipei."),
        (second_pull, "Gaji bulan Oktober sudah dibayar."),
    ]
    assert complaint.as_of == second_pull
    card = describe(answer, hall.settings, "en")
    assert card.headline == "Status: In progress"
    assert card.history == (
        ("23 Nov 2026 09:00 WIB", "Complaint received"),
        ("23 Nov 2026 10:00 WIB", "Status: Verified"),
        ("23 Nov 2026 11:00 WIB", "Status: In progress"),
        (
            "23 Nov 2026 12:00 WIB",
            "Message from the officer: Kami sudah menghubungi P3MI di Taipei.",
        ),
        ("23 Nov 2026 15:00 WIB", "Message from the officer: Gaji bulan Oktober sudah dibayar."),
    )
    assert card.as_of == "Data at this office as of 23 Nov 2026 15:00 WIB"


def test_a_move_in_the_hall_after_the_last_pull_is_newer_than_the_desk_s_word(
    hall: Hall, complaints: ComplaintService, officer: int, clock: FakeClock
) -> None:
    form = new_form()
    fill(form)
    submitted = complaints.submit(form)
    clock.advance(minutes=10)
    update = ComplaintUpdate(
        token=submitted.public_token, status=Status.VERIFIED, changed_at=clock(), public_notes=[]
    )
    _pull(hall, clock(), update)
    clock.advance(minutes=10)
    complaints.move_status(submitted.reference, Status.CLOSED, officer)

    answer = hall.look_up(submitted.reference)
    assert isinstance(answer, ComplaintFound)
    assert answer.complaint.status is Status.CLOSED
    assert [m.status for m in answer.complaint.moves] == [Status.VERIFIED, Status.CLOSED]
    assert answer.complaint.as_of == clock()


def test_a_pull_with_nothing_new_still_moves_as_of(
    hall: Hall, complaints: ComplaintService, clock: FakeClock
) -> None:
    form = new_form()
    fill(form)
    submitted = complaints.submit(form)
    later = clock() + timedelta(hours=4)
    Inbox(hall.db, hall.zone).touch(later)  # the centre answered 304: nothing changed
    answer = hall.look_up(submitted.reference)
    assert isinstance(answer, ComplaintFound)
    assert answer.complaint.status is Status.RECEIVED
    assert answer.complaint.as_of == later


def test_a_complaint_is_found_without_the_hall_s_key(
    hall: Hall, complaints: ComplaintService, tmp_path: Path
) -> None:
    form = new_form()
    fill(form)
    submitted = complaints.submit(form)
    (tmp_path / "complaints.key").unlink()
    assert isinstance(hall.look_up(submitted.reference), ComplaintFound)


# Postings


def test_a_job_slip_s_reference_or_link_opens_its_posting(hall: Hall) -> None:
    seed_demo_jobs(hall)
    posting = hall.jobs.search(JobQuery(country="TW")).postings[0]
    detail = hall.jobs.detail(posting.id)
    assert detail is not None
    assert hall.look_up(detail.reference) == PostingFound(posting.id)
    link = public_url(hall.settings.central.base_url, detail.public_token)
    assert hall.look_up(link) == PostingFound(posting.id)


# Nothing to show


@pytest.mark.parametrize(
    ("typed", "reason", "detail"),
    [
        ("", "status.empty", None),
        ("Q-261123", "status.unreadable", "identity.reference_format"),
        ("Q-261399-7K3M", "status.unreadable", "identity.reference_date"),
        ("https://example.com/x", "status.not_a_slip", None),
        ("Q-261123-7K3M", "status.not_found_ticket", None),
        ("P-261123-7K3M", "status.not_found_complaint", None),
        ("L-261123-7K3M", "status.not_found_job", None),
        (f"{BASE}/r/{TOKEN}", "status.not_found", None),
    ],
)
def test_an_unknown_or_mistyped_code_says_why_and_where_to_get_help(
    hall: Hall, typed: str, reason: str, detail: str | None
) -> None:
    answer = hall.look_up(typed)
    assert answer == NotFound(reason, detail)
    for language in ("id", "en"):
        card = describe(answer, hall.settings, language)
        assert card.tone == "unknown"
        assert card.headline
        assert card.hint
        assert "0800-1000" in card.help


def test_a_reference_of_another_kind_is_not_taken_for_a_ticket(
    hall: Hall, queue: QueueService
) -> None:
    issued = queue.issue_ticket("jobs")
    other = RefKind.COMPLAINT.value + issued.reference[1:]
    assert hall.look_up(other) == NotFound("status.not_found_complaint")


# Offline, one read


def test_the_look_up_needs_no_network(
    hall: Hall, queue: QueueService, monkeypatch: pytest.MonkeyPatch
) -> None:
    issued = queue.issue_ticket("jobs")

    def no_network(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("Cek Status opened a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert isinstance(hall.look_up(issued.url), TicketFound)


def test_a_look_up_is_one_read_transaction(hall: Hall, queue: QueueService) -> None:
    issued = queue.issue_ticket("jobs")
    begun: list[object] = []

    def count(connection: object) -> None:
        begun.append(connection)

    event.listen(hall.db.engine, "begin", count)
    try:
        hall.look_up(issued.url)
        hall.look_up(f"{BASE}/r/{TOKEN}")  # not found: tickets, complaints, postings asked
    finally:
        event.remove(hall.db.engine, "begin", count)
    assert len(begun) == 2


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_status_message_has_its_words(language: str) -> None:
    messages = catalog(language)
    assert messages.keys() >= MESSAGE_KEYS
    for key in MESSAGE_KEYS - {"status.unreadable"}:
        assert f"{key}_hint" in messages, key
    phases = {f"status.ticket_{phase.value}" for phase in TicketPhase}
    assert messages.keys() >= phases | {f"{key}_hint" for key in phases}
    moves = {f"status.complaint_next_{status.value}" for status in Status}
    assert messages.keys() >= moves
