"""Applying a hall's pushed outbox entries to the central tables: idempotent, ordered, one site.

A push is applied in the caller's transaction (one per push) for the pushing device's site,
which the caller takes from the device, never from the body. An entry whose id the site
already sent is accepted again and changes nothing. The others are grouped by the record
they are about and applied in (``occurred_at``, ``id``) order; an entry that cannot apply
(an event of a ticket the centre has not seen yet, a move the ticket's history does not
allow) is refused with a reason and not recorded, so the hall may send it again; the rest
of the batch still applies.

Deliveries may come shuffled, duplicated and cut anywhere (two devices of a hall pushing
one outbox, an answer lost on the way back): the centre still ends as one clean delivery
leaves it, once the hall has sent again what was refused. So a ticket's state is a
projection of its events in time order (:mod:`central.history`): an event is accepted when
the history *before its moment* allows it, and one that arrives late slots into its place.
A complaint's status is its latest timeline row by (moment, id); the hall's state is its
latest ``hall`` entry by (moment, id).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final, cast
from uuid import UUID

import psycopg
from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from central.history import ISSUED, TRANSFERRED, WAITING, Step, allowed, project, state_before
from central.models import (
    AppliedEntry,
    Base,
    Complaint,
    ComplaintNote,
    ComplaintStatus,
    Site,
    Ticket,
    TicketEvent,
)
from central.revisions import next_revisions
from central.sealing import personal_place
from kiosk.infra.sealed import KeyFileError, Sealer
from kiosk.sync.contract import (
    ComplaintNoteEntry,
    ComplaintStatusEntry,
    ComplaintSubmittedEntry,
    Entry,
    HallEntry,
    PushResult,
    Refusal,
    TicketEventEntry,
    TicketIssuedEntry,
)

RECEIVED: Final = "received"
"""A complaint's status when it is submitted: the first row of its timeline."""
HALL: Final = "hall"
"""An entry kind, and ``complaint_notes.origin`` of a note made at the hall."""


class RefusedError(Exception):
    """An entry that cannot apply (now); the message is the reason the hall is given."""


def _order(entry: Entry) -> tuple[datetime, UUID]:
    return (entry.occurred_at, entry.id)


def _shown_to_hall(entry: Entry) -> bool:
    """Whether an entry changes what its hall pulls of a complaint (status, public notes)."""
    if isinstance(entry, ComplaintNoteEntry):
        return entry.payload.public
    return isinstance(entry, ComplaintSubmittedEntry | ComplaintStatusEntry)


def _records(entries: Iterable[Entry]) -> list[list[Entry]]:
    """Entries grouped by the record they are about, each group and the groups in order."""
    groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        family = entry.kind.split(".", 1)[0]
        groups[(family, "" if family == HALL else entry.token)].append(entry)
    ordered = [sorted(group, key=_order) for group in groups.values()]
    return sorted(ordered, key=lambda group: _order(group[0]))


def _copy(connection: Connection, table: Table, rows: list[dict[str, object]]) -> None:
    """Rows into a PostgreSQL table in one ``COPY`` (an executemany is a statement per row).

    The columns are the first row's keys, every row has them; each value goes through its
    column type's bind processing, as in an INSERT, and a driver error is raised as
    SQLAlchemy's, as an INSERT's would be.
    """
    columns = [table.c[name] for name in rows[0]]
    processors = [column.type.bind_processor(connection.dialect) for column in columns]
    quote = connection.dialect.identifier_preparer
    sql = (
        f"COPY {quote.format_table(table)} "
        f"({', '.join(quote.quote(column.name) for column in columns)}) FROM STDIN"
    )
    driver = cast("psycopg.Connection[Any]", connection.connection.driver_connection)
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(
                    [
                        process(row[column.name]) if process else row[column.name]
                        for column, process in zip(columns, processors, strict=True)
                    ]
                )
    except psycopg.Error as fault:
        raise DBAPIError.instance(
            sql, None, fault, psycopg.Error, dialect=connection.dialect
        ) from fault


@dataclass
class _Known:
    """What the centre already holds of the records a push is about, loaded in a few queries."""

    tickets: dict[str, Ticket] = field(default_factory=dict)
    """The tickets the centre held before the push (their rows are updated)."""
    new_tickets: dict[str, dict[str, object]] = field(default_factory=dict)
    """The tickets the push issues, as the rows to insert."""
    steps: dict[str, list[Step]] = field(default_factory=lambda: defaultdict(list))
    complaints: dict[str, Complaint] = field(default_factory=dict)
    timelines: dict[str, list[tuple[datetime, str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    """Per complaint: (moment, entry id, status) of each timeline row."""
    note_ids: set[str] = field(default_factory=set)

    def has_ticket(self, token: str) -> bool:
        """Whether the centre holds the ticket, or the push issues it."""
        return token in self.tickets or token in self.new_tickets

    @classmethod
    def load(cls, session: Session, site_id: str, entries: Sequence[Entry]) -> _Known:
        """Load the tickets, complaints and notes that ``entries`` name."""
        known = cls()
        tickets = {e.token for e in entries if e.kind.startswith("ticket.")}
        complaints = {e.token for e in entries if e.kind.startswith("complaint.")}
        notes = [str(e.payload.note_id) for e in entries if isinstance(e, ComplaintNoteEntry)]
        if tickets:
            for ticket in session.scalars(
                select(Ticket).where(Ticket.site_id == site_id, Ticket.token.in_(tickets))
            ):
                known.tickets[ticket.token] = ticket
            for token, entry_id, event, at, counter, service in session.execute(
                select(
                    TicketEvent.token,
                    TicketEvent.entry_id,
                    TicketEvent.event,
                    TicketEvent.at,
                    TicketEvent.counter_number,
                    TicketEvent.service_code,
                ).where(TicketEvent.site_id == site_id, TicketEvent.token.in_(tickets))
            ):
                known.steps[token].append(Step(entry_id, event, at, counter, service))
        if complaints:
            for complaint in session.scalars(
                select(Complaint).where(
                    Complaint.site_id == site_id, Complaint.token.in_(complaints)
                )
            ):
                known.complaints[complaint.token] = complaint
            for token, at, entry_id, status in session.execute(
                select(
                    ComplaintStatus.token,
                    ComplaintStatus.at,
                    ComplaintStatus.entry_id,
                    ComplaintStatus.status,
                ).where(ComplaintStatus.site_id == site_id, ComplaintStatus.token.in_(complaints))
            ):
                known.timelines[token].append((at, entry_id, status))
        if notes:
            known.note_ids.update(
                session.scalars(
                    select(ComplaintNote.note_id).where(
                        ComplaintNote.site_id == site_id, ComplaintNote.note_id.in_(notes)
                    )
                )
            )
        return known


class PushApplier:
    """Applies one push of one site inside the caller's transaction (never commits).

    Args:
        session: the push's writing session.
        site_id: the pushing device's site.
        now: the centre's moment for ``received_at``, ``updated_at`` and ``last_sync_at``.
        sealer: gives the sealer of complaints' personal answers (loaded on first need:
            while the key cannot be read, complaints are refused and the rest applies).
    """

    def __init__(
        self, session: Session, site_id: str, now: datetime, sealer: Callable[[], Sealer]
    ) -> None:
        self._session = session
        self._site_id = site_id
        self._now = now
        self._sealer = sealer
        self._known = _Known()
        self._rows: dict[type[Base], list[dict[str, object]]] = defaultdict(list)
        """Rows of the append-only tables, inserted together at the end of the push."""
        self._new_complaints: list[Complaint] = []
        self._revised: list[Complaint] = []
        """The complaints whose hall's view changed, in order: each takes a revision."""

    def apply(self, entries: Sequence[Entry]) -> PushResult:
        """Apply ``entries``: the ids the centre now holds (applied or seen before), the refused.

        Takes the site's row lock first (on PostgreSQL), so that two pushes of one site
        apply one after the other; SQLite's ``BEGIN IMMEDIATE`` already serialises writers.
        """
        session, site_id = self._session, self._site_id
        site = session.execute(  # FOR NO KEY UPDATE: rows naming the site may still be added
            select(Site).where(Site.site_id == site_id).with_for_update(key_share=True)
        ).scalar_one()
        site.last_sync_at = self._now
        unique: dict[UUID, Entry] = {}
        for entry in entries:
            unique.setdefault(entry.id, entry)
        seen = set(
            session.scalars(
                select(AppliedEntry.entry_id).where(
                    AppliedEntry.site_id == site_id,
                    AppliedEntry.entry_id.in_([str(i) for i in unique]),
                )
            )
        )
        fresh = [e for e in unique.values() if str(e.id) not in seen]
        refusals: dict[UUID, str] = {}
        with session.no_autoflush:
            self._known = _Known.load(session, site_id, fresh)
            for group in _records(fresh):
                if isinstance(group[0], HallEntry):
                    self._hall(site, [e for e in group if isinstance(e, HallEntry)])
                    applied = group
                else:
                    applied = []
                    for entry in group:
                        try:
                            self._entry(entry)
                        except RefusedError as refused:
                            refusals[entry.id] = str(refused)
                        else:
                            applied.append(entry)
                    self._settle(group[0].token, applied)
                self._rows[AppliedEntry].extend(self._applied(entry) for entry in applied)
            session.flush()  # the site, and the tickets the centre held before
            self._insert(Ticket, list(self._known.new_tickets.values()))
            self._insert(TicketEvent, self._rows[TicketEvent])
            self._insert(AppliedEntry, self._rows[AppliedEntry])
            # Last, the revisions: the sequence's row stays locked until the commit, so
            # pushes of other sites wait for it only as long as the end of this one.
            revisions = next_revisions(session, len(self._revised))
            for complaint, revision in zip(self._revised, revisions, strict=True):
                complaint.revision = revision
            session.add_all(self._new_complaints)
            session.flush()  # the complaints, before the rows that name them
            self._insert(ComplaintStatus, self._rows[ComplaintStatus])
            self._insert(ComplaintNote, self._rows[ComplaintNote])
        return PushResult(
            accepted=[i for i in unique if i not in refusals],
            refused=[Refusal(id=i, reason=reason) for i, reason in refusals.items()],
        )

    def _insert(self, model: type[Base], rows: list[dict[str, object]]) -> None:
        """Insert rows of one table at once: ``COPY`` on PostgreSQL, else one executemany."""
        if not rows:
            return
        table, connection = cast(Table, model.__table__), self._session.connection()
        if connection.dialect.name == "postgresql":
            _copy(connection, table, rows)
        else:
            connection.execute(insert(table), rows)

    def _applied(self, entry: Entry) -> dict[str, object]:
        return {
            "site_id": self._site_id,
            "entry_id": str(entry.id),
            "kind": entry.kind,
            "token": entry.token,
            "occurred_at": entry.occurred_at,
            "received_at": self._now,
        }

    def _entry(self, entry: Entry) -> None:
        if isinstance(entry, TicketIssuedEntry):
            self._issue(entry)
        elif isinstance(entry, TicketEventEntry):
            self._event(entry)
        elif isinstance(entry, ComplaintSubmittedEntry):
            self._submit(entry)
        elif isinstance(entry, ComplaintNoteEntry):
            self._note(entry)
        elif isinstance(entry, ComplaintStatusEntry):
            self._status(entry)

    def _settle(self, token: str, applied: list[Entry]) -> None:
        """After a record's entries: project its ticket, or its complaint's status and revision.

        A complaint's revision moves when its hall's view of it does (status, public notes),
        so that the hall pulls it.
        """
        if not applied:
            return
        if self._known.has_ticket(token):
            now = project(self._known.steps[token])
            assert now is not None  # a known ticket's history holds its issue
            projected: dict[str, object] = {
                "state": now.state,
                "service_code": now.service_code,
                "counter_number": now.counter_number,
                "called_at": now.called_at,
                "finished_at": now.finished_at,
                "updated_at": self._now,
            }
            if (row := self._known.new_tickets.get(token)) is not None:
                row.update(projected)
            elif ticket := self._known.tickets.get(token):
                for name, value in projected.items():
                    setattr(ticket, name, value)
        if complaint := self._known.complaints.get(token):
            at, _, status = max(self._known.timelines[token])
            complaint.status, complaint.status_changed_at = status, at
            if any(_shown_to_hall(entry) for entry in applied):
                self._revised.append(complaint)  # its revision is taken at the end

    def _hall(self, site: Site, entries: list[HallEntry]) -> None:
        """The hall's state: its latest ``hall`` entry by (moment, id), whatever the arrival."""
        latest = self._session.execute(
            select(AppliedEntry.occurred_at, AppliedEntry.entry_id)
            .where(AppliedEntry.site_id == self._site_id, AppliedEntry.kind == HALL)
            .order_by(AppliedEntry.occurred_at.desc(), AppliedEntry.entry_id.desc())
            .limit(1)
        ).first()
        newest = max(entries, key=_order)
        if latest is not None and tuple(latest) >= (newest.occurred_at, str(newest.id)):
            return
        hall = newest.payload
        site.name, site.timezone, site.hotline = hall.name, hall.timezone, hall.hotline
        site.state = hall.model_dump_json()

    def _issue(self, entry: TicketIssuedEntry) -> None:
        if self._known.has_ticket(entry.token):
            raise RefusedError("ticket already issued by another entry")
        issued = entry.payload
        self._known.new_tickets[entry.token] = {
            "site_id": self._site_id,
            "token": entry.token,
            "reference": issued.reference,
            "number": issued.number,
            "service_code": issued.service_code,
            "day": issued.day,
            "priority": issued.priority,
            "state": WAITING,
            "counter_number": None,
            "issued_at": entry.occurred_at,
            "queued_at": entry.occurred_at,
            "called_at": None,
            "finished_at": None,
            "posting_token": issued.posting_token,
            "updated_at": self._now,
        }
        self._add_step(
            entry.token, Step(str(entry.id), ISSUED, entry.occurred_at, None, issued.service_code)
        )

    def _event(self, entry: TicketEventEntry) -> None:
        if not self._known.has_ticket(entry.token):
            raise RefusedError("unknown ticket: its issue has not reached the centre")
        event = entry.payload
        kind = event.event.value
        if kind == ISSUED:
            raise RefusedError("a ticket is issued by a ticket.issued entry, not an event")
        if kind == TRANSFERRED and event.service_code is None:
            raise RefusedError("a transfer names the service it sends the ticket to")
        step = Step(
            str(entry.id), kind, entry.occurred_at, event.counter_number, event.service_code
        )
        steps = self._known.steps[entry.token]
        if not allowed(steps, step):
            raise RefusedError(f"impossible move: {kind} from {state_before(steps, step)}")
        self._add_step(entry.token, step)

    def _add_step(self, token: str, step: Step) -> None:
        self._known.steps[token].append(step)
        self._rows[TicketEvent].append(
            {
                "site_id": self._site_id,
                "entry_id": step.entry_id,
                "token": token,
                "event": step.event,
                "at": step.at,
                "counter_number": step.counter_number,
                "service_code": step.service_code,
            }
        )

    def _complaint(self, token: str) -> Complaint:
        complaint = self._known.complaints.get(token)
        if complaint is None:
            raise RefusedError("unknown complaint: its submission has not reached the centre")
        return complaint

    def _submit(self, entry: ComplaintSubmittedEntry) -> None:
        if entry.token in self._known.complaints:
            raise RefusedError("complaint already submitted by another entry")
        submitted, place = entry.payload, personal_place(self._site_id, entry.token)
        try:
            sealer = self._sealer()
        except KeyFileError:
            raise RefusedError("the centre cannot seal personal answers now (no key)") from None
        complaint = Complaint(
            site_id=self._site_id,
            token=entry.token,
            reference=submitted.reference,
            day=submitted.day,
            created_at=entry.occurred_at,
            urgent=submitted.urgent,
            categories=" ".join(category.value for category in submitted.categories),
            destination_country=submitted.destination_country,
            reporter_masked=submitted.reporter_masked,
            personal_sealed=sealer.seal_personal(dict(submitted.personal), place),
            key_id=sealer.key_id,
            status=RECEIVED,
            status_changed_at=entry.occurred_at,
            revision=0,  # given at the end of the push
        )
        self._known.complaints[entry.token] = complaint
        self._new_complaints.append(complaint)  # added once its revision is known
        self._add_status(entry, RECEIVED, "")

    def _note(self, entry: ComplaintNoteEntry) -> None:
        complaint, note = self._complaint(entry.token), entry.payload
        note_id = str(note.note_id)
        if note_id in self._known.note_ids:
            raise RefusedError("note id already used by another entry")
        self._known.note_ids.add(note_id)
        self._rows[ComplaintNote].append(
            {
                "site_id": complaint.site_id,
                "note_id": note_id,
                "token": entry.token,
                "at": entry.occurred_at,
                "text": note.text,
                "public": note.public,
                "origin": HALL,
            }
        )

    def _status(self, entry: ComplaintStatusEntry) -> None:
        self._complaint(entry.token)
        self._add_status(entry, entry.payload.status.value, entry.payload.reason)

    def _add_status(self, entry: Entry, status: str, reason: str) -> None:
        self._known.timelines[entry.token].append((entry.occurred_at, str(entry.id), status))
        self._rows[ComplaintStatus].append(
            {
                "site_id": self._site_id,
                "entry_id": str(entry.id),
                "token": entry.token,
                "status": status,
                "at": entry.occurred_at,
                "reason": reason,
            }
        )
