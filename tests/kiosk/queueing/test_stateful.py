"""Random sequences of queue operations against a plain in-memory model (hypothesis)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from kiosk.hall import Hall
from kiosk.models import Ticket
from kiosk.queueing import QueueError, rebuild_state
from tests.helpers.clock import FakeClock
from tests.helpers.queue_site import MONDAY_9, queue_hall

SERVICES = ("jobs", "placement", "complaint")
COUNTER_SERVICES = {1: {"jobs", "placement"}, 2: {"placement", "opp"}, 3: {"complaint", "jobs"}}
PRIORITY_RUN = 2  # the default mix "2:1"
# The counter actions on the ticket a counter holds: state before -> state after.
MOVES = {
    "recall": {"called": "called"},
    "start": {"called": "serving"},
    "finish": {"serving": "done"},
    "no_show": {"called": "no_show"},
}


@dataclass
class Visitor:
    """The model's view of one ticket."""

    id: int
    service: str
    priority: bool
    order: int  # issue order: every ticket of an example is issued at a distinct moment
    state: str = "waiting"
    counter: int | None = None


def regular_owed(calls: list[bool]) -> bool:
    """Under "2:1": two or more priority calls since the counter's last regular call."""
    last_regular = max((i for i, priority in enumerate(calls) if not priority), default=-1)
    return len(calls) - last_regular - 1 >= PRIORITY_RUN


class QueueMachine(RuleBasedStateMachine):
    """Each example runs on a fresh local day (a later Monday) of one shared database.

    The test sets ``hall`` and ``weeks`` on a subclass.
    """

    hall: ClassVar[Hall]
    clock: ClassVar[FakeClock]
    weeks: ClassVar[Iterator[int]]

    def __init__(self) -> None:
        super().__init__()
        self.clock.set(MONDAY_9 + timedelta(weeks=next(self.weeks)))
        self.queue = self.hall.queue
        self.visitors: dict[int, Visitor] = {}
        self.calls: dict[int, list[bool]] = {counter: [] for counter in COUNTER_SERVICES}
        self.numbers = dict.fromkeys(SERVICES, 0)

    def _held(self, counter: int) -> Visitor | None:
        return next(
            (
                v
                for v in self.visitors.values()
                if v.counter == counter and v.state in ("called", "serving")
            ),
            None,
        )

    def _expect_refusal(self, key: str, action: Callable[[], object]) -> None:
        with pytest.raises(QueueError) as refused:
            action()
        assert refused.value.key == key

    @rule(service=st.sampled_from(SERVICES), priority=st.booleans())
    def issue(self, service: str, priority: bool) -> None:
        self.clock.advance(seconds=7)
        issued = self.queue.issue_ticket(service, priority)
        self.numbers[service] += 1
        letter = {"jobs": "A", "placement": "B", "complaint": "C"}[service]
        assert issued.number == f"{letter}-{self.numbers[service]:03d}"
        self.visitors[issued.ticket_id] = Visitor(
            issued.ticket_id, service, priority, len(self.visitors)
        )

    @rule(counter=st.sampled_from(sorted(COUNTER_SERVICES)))
    def call_next(self, counter: int) -> None:
        if self._held(counter) is not None:
            self._expect_refusal("queue.counter_busy", lambda: self.queue.call_next(counter))
            return
        waiting = sorted(
            (
                v
                for v in self.visitors.values()
                if v.state == "waiting" and v.service in COUNTER_SERVICES[counter]
            ),
            key=lambda v: v.order,
        )
        owed = regular_owed(self.calls[counter])
        preferred = [v for v in waiting if v.priority != owed]
        expected = next(iter(preferred or waiting), None)
        called = self.queue.call_next(counter)
        assert (called.id if called else None) == (expected.id if expected else None)
        if expected is not None:
            expected.state, expected.counter = "called", counter
            self.calls[counter].append(expected.priority)

    @rule(counter=st.sampled_from(sorted(COUNTER_SERVICES)), move=st.sampled_from(sorted(MOVES)))
    def act(self, counter: int, move: str) -> None:
        action = getattr(self.queue, move)
        held = self._held(counter)
        if held is None:
            self._expect_refusal("queue.counter_idle", lambda: action(counter))
        elif held.state not in MOVES[move]:
            self._expect_refusal("queue.not_allowed", lambda: action(counter))
        else:
            assert action(counter).state == MOVES[move][held.state]
            held.state = MOVES[move][held.state]

    @rule(counter=st.sampled_from(sorted(COUNTER_SERVICES)), service=st.sampled_from(SERVICES))
    def transfer(self, counter: int, service: str) -> None:
        held = self._held(counter)
        if held is None:
            self._expect_refusal(
                "queue.counter_idle", lambda: self.queue.transfer(counter, service)
            )
        elif held.service == service:
            self._expect_refusal(
                "queue.same_service", lambda: self.queue.transfer(counter, service)
            )
        else:
            self.queue.transfer(counter, service)
            held.state, held.counter, held.service = "waiting", None, service

    @precondition(lambda self: bool(self.visitors))
    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        visitor = self.visitors[data.draw(st.sampled_from(sorted(self.visitors)))]
        if visitor.state in ("waiting", "called"):
            assert self.queue.cancel(visitor.id).state == "cancelled"
            visitor.state = "cancelled"
        else:
            self._expect_refusal("queue.not_allowed", lambda: self.queue.cancel(visitor.id))

    @invariant()
    def database_matches_the_model(self) -> None:
        with self.hall.db.reads() as session:
            tickets = session.scalars(
                select(Ticket).where(Ticket.id.in_(list(self.visitors)))
            ).all()
            for ticket in tickets:
                visitor = self.visitors[ticket.id]
                assert (ticket.state, ticket.service_code) == (visitor.state, visitor.service)
                assert rebuild_state(e.kind for e in ticket.events) == ticket.state
        assert len(tickets) == len(self.visitors)


def test_random_operations_match_the_model(tmp_path: Path) -> None:
    clock = FakeClock()
    with queue_hall(tmp_path, f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock) as hall:
        machine = type(
            "QueueOnTestHall",
            (QueueMachine,),
            {"hall": hall, "clock": clock, "weeks": itertools.count()},
        )
        run_state_machine_as_test(
            machine,
            settings=settings(
                max_examples=30, stateful_step_count=25, deadline=None, database=None
            ),
        )
