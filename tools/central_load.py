"""A simulated hall's outbox, as push batches: for the central service's bench and end-to-end tests.

A day at a hall is its state, then visitors: each ticket issued, called at a counter,
started and finished (some miss their call), and now and then a complaint. Every entry is
a :mod:`kiosk.sync.contract` model, so what this sends is exactly what a real hall sends.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from kiosk.references import RefKind, new_public_token, new_reference
from kiosk.sync.contract import (
    MAX_BATCH,
    ComplaintSubmitted,
    ComplaintSubmittedEntry,
    CounterState,
    HallEntry,
    HallState,
    PushBatch,
    ServiceState,
    TicketEvent,
    TicketEventEntry,
    TicketIssued,
    TicketIssuedEntry,
)
from kiosk.sync.ids import uuid7

SERVICES = (("jobs", "A", "Informasi Lowongan Kerja", "Job information"),
            ("placement", "B", "Pendaftaran & Penempatan", "Registration & placement"))  # fmt: skip
OPENING = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 08:00 WIB


def hall_state(name: str = "MPP Kabupaten Probolinggo") -> HallState:
    """A hall with two services and three counters, in WIB."""
    return HallState(
        name=name,
        timezone="Asia/Jakarta",
        hotline="0800-1000",
        services=[
            ServiceState(
                code=code,
                letter=letter,
                names={"id": name_id, "en": name_en},
                typical_service_minutes=6.0,
                active_counters=2,
            )
            for code, letter, name_id, name_en in SERVICES
        ],
        counters=[
            CounterState(number=n, names={"id": f"Loket {n}", "en": f"Counter {n}"})
            for n in (1, 2, 3)
        ],
    )


@dataclass
class SimulatedHall:
    """One hall's day, told as outbox entries; ``tokens`` are its tickets' public tokens."""

    hall_token: str = field(default_factory=new_public_token)
    seed: int = 1
    day_start: datetime = OPENING
    tokens: list[str] = field(default_factory=list)
    _clock: datetime = OPENING
    _numbers: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._clock = self.day_start

    def _tick(self) -> datetime:
        self._clock += timedelta(milliseconds=self._rng.randint(50, 4000))
        return self._clock

    @property
    def day(self) -> date:
        """The hall's local day (WIB)."""
        return (self.day_start + timedelta(hours=7)).date()

    def opening(self) -> HallEntry:
        """The hall's state, sent first."""
        moment = self._tick()
        return HallEntry(
            id=uuid7(moment), kind="hall", token=self.hall_token, occurred_at=moment,
            payload=hall_state(),
        )  # fmt: skip

    def issue(self, service: str = "jobs", priority: bool = False) -> TicketIssuedEntry:
        """A ticket issued; its token joins ``tokens``."""
        letter = dict((code, letter) for code, letter, *_ in SERVICES)[service]
        self._numbers[service] = self._numbers.get(service, 0) + 1
        token, moment = new_public_token(), self._tick()
        self.tokens.append(token)
        payload = TicketIssued(
            reference=new_reference(RefKind.TICKET, self.day),
            number=f"{letter}-{self._numbers[service]:03d}",
            service_code=service,
            day=self.day,
            priority=priority,
        )
        return TicketIssuedEntry(
            id=uuid7(moment), kind="ticket.issued", token=token, occurred_at=moment,
            payload=payload,
        )  # fmt: skip

    def event(self, token: str, event: str, counter: int | None = None) -> TicketEventEntry:
        """Something happened to a ticket at a counter."""
        moment = self._tick()
        return TicketEventEntry(
            id=uuid7(moment), kind="ticket.event", token=token, occurred_at=moment,
            payload=TicketEvent.model_validate({"event": event, "counter_number": counter}),
        )  # fmt: skip

    def complaint(self) -> ComplaintSubmittedEntry:
        """A complaint about unpaid wages in Taiwan, with personal answers."""
        moment = self._tick()
        payload = ComplaintSubmitted(
            reference=new_reference(RefKind.COMPLAINT, self.day),
            day=self.day,
            urgent=False,
            categories=["unpaid_wages"],  # type: ignore[list-item]  # validated into Category
            destination_country="TW",
            reporter_masked="S••• A•••",
            personal={"reporter_name": "Siti Aminah", "chronology": "Gaji belum dibayar."},
        )
        return ComplaintSubmittedEntry(
            id=uuid7(moment), kind="complaint.submitted", token=new_public_token(),
            occurred_at=moment, payload=payload,
        )  # fmt: skip

    def visits(self, count: int) -> Iterator[Any]:
        """``count`` visitors, each issued, called, started and finished (one in ten missed)."""
        for n in range(count):
            issued = self.issue("jobs" if n % 3 else "placement", priority=n % 7 == 0)
            yield issued
            counter = 1 + n % 3
            yield self.event(issued.token, "called", counter)
            if self._rng.random() < 0.1:
                yield self.event(issued.token, "no_show", counter)
                continue
            yield self.event(issued.token, "started", counter)
            yield self.event(issued.token, "finished", counter)
            if n % 50 == 49:
                yield self.complaint()


def batches(entries: Iterator[Any], size: int = MAX_BATCH) -> Iterator[PushBatch]:
    """Entries cut into push batches of at most ``size``."""
    chunk: list[Any] = []
    for entry in entries:
        chunk.append(entry)
        if len(chunk) == size:
            yield PushBatch(entries=chunk)
            chunk = []
    if chunk:
        yield PushBatch(entries=chunk)
