"""Calling and serving: the priority mix, transfers, recalls, illegal moves, the event log."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.hall import Hall
from kiosk.models import TicketEvent
from kiosk.queueing import (
    EventKind,
    IllegalTransitionError,
    QueueError,
    QueueService,
    TicketState,
    rebuild_state,
)
from tests.helpers.clock import FakeClock
from tests.helpers.queue_site import queue_hall
from tests.helpers.staff import supervisor


def _serve(queue: QueueService, counter: int) -> str | None:
    called = queue.call_next(counter)
    if called is None:
        return None
    queue.start(counter)
    queue.finish(counter)
    return called.number


def _event_count(hall: Hall) -> int:
    with hall.db.reads() as session:
        return session.scalar(select(func.count()).select_from(TicketEvent)) or 0


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        ("2:1", "P P R P P R P R R R"),
        ("1:1", "P R P R P R P R P R"),
        ("3:2", "P P P R R P P R R R"),
    ],
)
def test_priority_goes_first_under_the_configured_mix(
    tmp_path: Path, database_url: str, clock: FakeClock, ratio: str, expected: str
) -> None:
    with queue_hall(tmp_path, database_url, clock, queue={"priority_ratio": ratio}) as hall:
        queue = hall.queue
        kinds = {}
        for _ in range(5):  # regulars came first, so age alone would serve them first
            kinds[queue.issue_ticket("jobs").number] = "R"
            clock.advance(seconds=10)
        for _ in range(5):
            kinds[queue.issue_ticket("jobs", priority=True).number] = "P"
            clock.advance(seconds=10)
        predicted = [w.number for w in queue.waiting_list(1)]
        served = [_serve(queue, 1) for _ in range(10)]
        assert " ".join(kinds[str(number)] for number in served) == expected
        assert predicted == served
        assert _serve(queue, 1) is None


def test_a_counter_calls_only_its_services_oldest_first(queue: QueueService) -> None:
    jobs = queue.issue_ticket("jobs")
    complaint = queue.issue_ticket("complaint")
    placement = queue.issue_ticket("placement")
    first = queue.call_next(2)
    assert first is not None
    assert first.number == placement.number
    queue.no_show(2)
    assert queue.call_next(2) is None
    called = queue.call_next(3)
    assert called is not None
    assert called.id == jobs.ticket_id
    assert called.state is TicketState.CALLED
    assert called.counter_number == 3
    queue.no_show(3)
    again = queue.call_next(3)
    assert again is not None
    assert again.id == complaint.ticket_id


def test_a_counter_holding_a_ticket_cannot_call_next(queue: QueueService, hall: Hall) -> None:
    queue.issue_ticket("jobs")
    queue.issue_ticket("jobs")
    held = queue.call_next(1)
    assert held is not None
    before = _event_count(hall)
    for action in (lambda: queue.call_next(1), lambda: (queue.start(1), queue.call_next(1))):
        with pytest.raises(IllegalTransitionError) as refused:
            action()
        assert refused.value.key == "queue.counter_busy"
        assert refused.value.params == {"counter": 1, "number": held.number}
    assert _event_count(hall) == before + 1  # only the start
    queue.finish(1)
    following = queue.call_next(1)
    assert following is not None
    assert following.number == "A-002"


def test_a_transfer_keeps_the_visitors_place(queue: QueueService, clock: FakeClock) -> None:
    visitor = queue.issue_ticket("jobs")
    for _ in range(3):
        clock.advance(minutes=1)
        queue.issue_ticket("placement")
    queue.call_next(1)
    clock.advance(minutes=1)
    moved = queue.transfer(1, "placement")
    assert (moved.number, moved.service_code, moved.issued_service) == (
        "A-001",
        "placement",
        "jobs",
    )
    assert (moved.state, moved.counter_number, moved.queued_at) == (
        TicketState.WAITING,
        None,
        visitor.issued_at,
    )
    assert [w.number for w in queue.waiting_list(2)] == ["A-001", "B-001", "B-002", "B-003"]
    called = queue.call_next(2)
    assert called is not None
    assert called.id == visitor.ticket_id
    history = queue.ticket(visitor.ticket_id).history
    assert [e.kind for e in history] == ["issued", "called", "transferred", "called"]
    assert history[2].service_code == "placement"
    assert history[2].counter_number == 1


def test_recall_repeats_the_call(queue: QueueService) -> None:
    queue.issue_ticket("jobs")
    queue.call_next(1)
    recalled = queue.recall(1)
    assert recalled.state is TicketState.CALLED
    calls = queue.last_calls()
    assert [(c.number, c.counter_number, c.recall) for c in calls] == [
        ("A-001", 1, True),
        ("A-001", 1, False),
    ]
    assert calls[0].event_id > calls[1].event_id


@pytest.mark.parametrize(
    ("setup", "action", "key"),
    [
        ("", "start", "queue.counter_idle"),
        ("", "recall", "queue.counter_idle"),
        ("call", "finish", "queue.not_allowed"),
        ("call start", "no_show", "queue.not_allowed"),
        ("call start", "recall", "queue.not_allowed"),
        ("call start", "start", "queue.not_allowed"),
        ("call", "transfer_same", "queue.same_service"),
        ("call", "transfer_unknown", "queue.unknown_service"),
        ("", "call_unknown_counter", "queue.unknown_counter"),
        ("call start finish", "cancel", "queue.not_allowed"),
        ("", "cancel_unknown", "queue.unknown_ticket"),
        ("", "bad_quota", "queue.bad_quota"),
        ("", "unknown_staff", "queue.unknown_staff"),
    ],
)
def test_illegal_moves_are_refused_with_a_key_and_change_nothing(
    queue: QueueService, hall: Hall, setup: str, action: str, key: str
) -> None:
    ticket = queue.issue_ticket("jobs")
    steps = {"call": queue.call_next, "start": queue.start, "finish": queue.finish}
    for step in setup.split():
        steps[step](1)
    before = _event_count(hall), queue.ticket(ticket.ticket_id).ticket
    actions: dict[str, Callable[[], object]] = {
        "start": lambda: queue.start(1),
        "recall": lambda: queue.recall(1),
        "finish": lambda: queue.finish(1),
        "no_show": lambda: queue.no_show(1),
        "transfer_same": lambda: queue.transfer(1, "jobs"),
        "transfer_unknown": lambda: queue.transfer(1, "visa"),
        "call_unknown_counter": lambda: queue.call_next(9),
        "cancel": lambda: queue.cancel(ticket.ticket_id),
        "cancel_unknown": lambda: queue.cancel(999_999),
        "bad_quota": lambda: queue.set_quota_today("jobs", 0, supervisor(hall)),
        "unknown_staff": lambda: queue.staff_id("nobody"),
    }
    with pytest.raises(QueueError) as refused:
        actions[action]()
    assert refused.value.key == key
    assert refused.value.message("en")
    assert refused.value.message("id")
    assert (_event_count(hall), queue.ticket(ticket.ticket_id).ticket) == before


def test_cancel_frees_the_counter(queue: QueueService) -> None:
    first = queue.issue_ticket("jobs")
    second = queue.issue_ticket("jobs")
    called = queue.call_next(1)
    assert called is not None
    assert called.id == first.ticket_id
    assert queue.cancel(called.id).state is TicketState.CANCELLED
    assert queue.cancel(second.ticket_id).state is TicketState.CANCELLED
    assert queue.call_next(1) is None


def test_every_move_is_one_event_and_the_state_replays_from_events(
    queue: QueueService, hall: Hall
) -> None:
    for service in ("jobs", "jobs", "placement", "complaint", "jobs"):
        queue.issue_ticket(service)
    moves: list[tuple[Callable[[int], object], int]] = [
        (queue.call_next, 1),
        (queue.recall, 1),
        (queue.start, 1),
        (queue.finish, 1),
        (queue.call_next, 3),
        (queue.no_show, 3),
        (queue.call_next, 1),
        (queue.start, 1),
        (lambda c: queue.transfer(c, "complaint"), 1),
        (queue.call_next, 3),
    ]
    for move, counter in moves:
        move(counter)
    assert _event_count(hall) == 5 + len(moves)
    states = []
    for ticket_id in range(1, 6):
        detail = queue.ticket(ticket_id)
        assert rebuild_state(e.kind for e in detail.history) is detail.ticket.state
        states.append(detail.ticket.state.value)
    assert states == ["done", "no_show", "called", "waiting", "waiting"]


def test_rebuild_state_refuses_a_history_the_engine_cannot_write() -> None:
    assert rebuild_state([EventKind.ISSUED, EventKind.CALLED]) is TicketState.CALLED
    with pytest.raises(IllegalTransitionError):
        rebuild_state([EventKind.ISSUED, EventKind.FINISHED])
    with pytest.raises(IllegalTransitionError):
        rebuild_state([EventKind.CALLED])
