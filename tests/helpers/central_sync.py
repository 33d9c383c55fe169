"""For the centre's sync tests: a hall's records told as outbox entries, its device, a clock.

Each entry is made one second after the previous one on the outbox's own clock, with a
UUIDv7 id of its moment, so the order they are made in is the order a hall sends them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import select

from central.db import Database
from central.devices import add_device
from central.models import (
    AppliedEntry,
    Complaint,
    ComplaintNote,
    ComplaintStatus,
    Site,
    Ticket,
    TicketEvent,
)
from central.sealing import personal_place
from kiosk.infra.sealed import Sealer
from kiosk.references import RefKind, new_public_token, new_reference
from kiosk.sync.contract import (
    ComplaintNoteEntry,
    ComplaintStatusEntry,
    ComplaintSubmittedEntry,
    Entry,
    HallEntry,
    PushBatch,
    TicketEventEntry,
    TicketIssuedEntry,
)
from kiosk.sync.ids import uuid7
from tests.helpers.toml import dump_toml
from tools.central_load import hall_state

OPENING = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 23 November 2026, 08:00 WIB
CENTRE_NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # 10:00 WIB that day
SITE = "mpp-kab-probolinggo"
DAY = date(2026, 11, 23)
PERSONAL = {"reporter_name": "Siti Aminah", "nik": "3507011203900012"}
_ENTRY: TypeAdapter[Entry] = TypeAdapter(Entry)


class Outbox:
    """A hall's outbox, made entry by entry on a clock of its own."""

    def __init__(self, start: datetime = OPENING) -> None:
        self.moment = start
        self.hall_token = new_public_token()
        self._numbers: dict[str, int] = {}

    def _tick(self) -> datetime:
        self.moment += timedelta(seconds=1)
        return self.moment

    def entry(self, kind: str, token: str, payload: dict[str, Any]) -> Entry:
        """An entry of ``kind`` about ``token``, validated as the centre would."""
        moment = self._tick()
        return _ENTRY.validate_python(
            {
                "id": uuid7(moment),
                "kind": kind,
                "token": token,
                "occurred_at": moment,
                "payload": payload,
            }
        )

    def hall(self, **changes: Any) -> HallEntry:
        """The hall's state (two services, three counters), with ``changes``."""
        payload = {**hall_state().model_dump(mode="json"), **changes}
        made = self.entry("hall", self.hall_token, payload)
        assert isinstance(made, HallEntry)
        return made

    def issue(self, service: str = "jobs", **changes: Any) -> TicketIssuedEntry:
        """A ticket issued in ``service``: a fresh token, the service's next number."""
        self._numbers[service] = self._numbers.get(service, 0) + 1
        letter = "A" if service == "jobs" else "B"
        payload = {
            "reference": str(new_reference(RefKind.TICKET, DAY)),
            "number": f"{letter}-{self._numbers[service]:03d}",
            "service_code": service,
            "day": DAY.isoformat(),
            "priority": False,
            **changes,
        }
        made = self.entry("ticket.issued", new_public_token(), payload)
        assert isinstance(made, TicketIssuedEntry)
        return made

    def event(
        self, token: str, event: str, counter: int | None = None, service: str | None = None
    ) -> TicketEventEntry:
        """Something happened to a ticket (``service``: the one it is in after the event)."""
        payload = {"event": event, "counter_number": counter, "service_code": service}
        made = self.entry("ticket.event", token, payload)
        assert isinstance(made, TicketEventEntry)
        return made

    def complaint(self, **changes: Any) -> ComplaintSubmittedEntry:
        """A complaint about unpaid wages in Taiwan, with personal answers."""
        payload = {
            "reference": str(new_reference(RefKind.COMPLAINT, DAY)),
            "day": DAY.isoformat(),
            "urgent": False,
            "categories": ["unpaid_wages"],
            "destination_country": "TW",
            "reporter_masked": "S••• A•••",
            "personal": PERSONAL,
            **changes,
        }
        made = self.entry("complaint.submitted", new_public_token(), payload)
        assert isinstance(made, ComplaintSubmittedEntry)
        return made

    def note(self, token: str, text: str, public: bool = True) -> ComplaintNoteEntry:
        """A note on a complaint."""
        payload = {"note_id": str(uuid7(self.moment)), "text": text, "public": public}
        made = self.entry("complaint.note", token, payload)
        assert isinstance(made, ComplaintNoteEntry)
        return made

    def status(self, token: str, status: str, reason: str = "") -> ComplaintStatusEntry:
        """A complaint's status moved."""
        made = self.entry("complaint.status", token, {"status": status, "reason": reason})
        assert isinstance(made, ComplaintStatusEntry)
        return made


def batch_json(*entries: Entry) -> dict[str, Any]:
    """A push body (as JSON data) holding ``entries``."""
    data: dict[str, Any] = PushBatch(entries=list(entries)).model_dump(mode="json")
    return data


class CentreClock:
    """The centre's clock in a test: ``get_now`` answers it; the test moves it."""

    def __init__(self, start: datetime = CENTRE_NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.now += timedelta(seconds=seconds)


@dataclass(frozen=True)
class DeviceKey:
    """A hall device as the sync API knows it: its site, its id and its bearer token."""

    site_id: str
    id: int
    token: str

    @property
    def headers(self) -> dict[str, str]:
        """The ``Authorization`` header of its requests."""
        return {"Authorization": f"Bearer {self.token}"}


def make_device(db: Database, site_id: str = SITE, name: str = "kiosk-1") -> DeviceKey:
    """A new device of ``site_id`` (and the site, if new), with its token."""
    made = add_device(db, site_id, name, CENTRE_NOW)
    return DeviceKey(site_id=site_id, id=made.device.id, token=made.token)


def central_state(
    db: Database, sealer: Sealer | None = None, site_id: str | None = None
) -> dict[str, list[tuple[Any, ...]]]:
    """What the halls' pushes left in the centre, sorted, without the centre's own moments.

    Left out: when the centre received or changed a row (``received_at``, ``updated_at``,
    ``last_sync_at``), revisions (given in arrival order) and the sealed bytes (a random
    nonce each time); with ``sealer``, the personal answers are opened instead. With
    ``site_id``, only that site's rows, without the ``site_id`` column.
    """
    state: dict[str, list[tuple[Any, ...]]] = {}
    with db.reads() as session:
        for model, skipped in (
            (Site, {"last_sync_at", "created_at"}),
            (AppliedEntry, {"received_at"}),
            (Ticket, {"updated_at"}),
            (TicketEvent, set()),
            (Complaint, {"revision", "personal_sealed"}),
            (ComplaintStatus, set()),
            (ComplaintNote, set()),
        ):
            table = model.__table__
            if site_id is not None:
                skipped = {*skipped, "site_id"}
            columns = [c for c in table.columns if c.name not in skipped]
            query = select(*columns)
            if model is Complaint and sealer is not None:
                query = query.add_columns(Complaint.site_id, Complaint.personal_sealed)
            if site_id is not None:
                query = query.where(table.c.site_id == site_id)
            rows = []
            for row in session.execute(query):
                if model is Complaint and sealer is not None:
                    *kept, site, sealed = row
                    token = row.token
                    opened = sealer.open_personal(sealed, personal_place(site, token))
                    rows.append((*kept, opened))
                else:
                    rows.append(tuple(row))
            state[model.__tablename__] = sorted(rows, key=repr)
    return state


def write_config(tmp_path: Path, database_url: str, **sections: dict[str, Any]) -> Path:
    """A central configuration on the test database, its key file in ``tmp_path``."""
    raw: dict[str, Any] = {
        "database": {"url": database_url},
        "keys": {"complaints_key": str(tmp_path / "keys" / "complaints.key")},
        **sections,
    }
    path = tmp_path / "central.toml"
    path.write_text(dump_toml(raw), encoding="utf-8")
    return path
