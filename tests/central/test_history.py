"""A ticket's history at the centre: the hall's moves, and a projection that late events fix."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from central.history import (
    CALLED,
    DONE,
    NONE,
    SERVING,
    WAITING,
    Step,
    allowed,
    project,
    state_before,
)

START = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def step(n: int, event: str, counter: int | None = None, service: str | None = None) -> Step:
    return Step(f"{n:08d}", event, START + timedelta(minutes=n), counter, service)


def test_a_history_projects_the_ticket_it_made() -> None:
    history = [
        step(0, "issued", service="jobs"),
        step(1, "called", 2),
        step(2, "transferred", 2, "placement"),
        step(3, "called", 3),
        step(4, "recalled", 3),
        step(5, "started", 3),
    ]
    now = project(reversed(history))
    assert now is not None
    assert (now.state, now.service_code, now.counter_number) == (SERVING, "placement", 3)
    assert (now.called_at, now.finished_at) == (history[4].at, None)
    done = project([*history, step(6, "finished", 3)])
    assert done is not None
    assert (done.state, done.finished_at) == (DONE, START + timedelta(minutes=6))


def test_without_its_issue_there_is_no_ticket() -> None:
    assert project([step(1, "called", 1)]) is None
    assert state_before([], step(1, "called", 1)) == NONE


def test_the_issue_opens_a_history_even_when_a_clock_put_an_event_before_it() -> None:
    issued = Step("b", "issued", START, None, "jobs")
    early = Step("a", "called", START - timedelta(seconds=3), 1, None)
    now = project([early, issued])
    assert now is not None
    assert now.state == CALLED


def test_a_step_is_checked_against_the_history_before_its_moment() -> None:
    known = [step(0, "issued", service="jobs"), step(3, "called", 1), step(4, "started", 1)]
    # The first call and a transfer arrive after the second call: each fits its place.
    first_call, transfer = step(1, "called", 1), step(2, "transferred", 1, "placement")
    assert allowed(known, first_call)
    assert not allowed(known, transfer)  # before the first call lands, nothing to transfer
    assert state_before(known, transfer) == WAITING
    known.append(first_call)
    assert allowed(known, transfer)
    # Until the transfer lands, the second call does not fit and is skipped.
    half = project(known)
    assert half is not None
    assert (half.state, half.service_code, half.called_at) == (SERVING, "jobs", first_call.at)
    whole = project([*known, transfer])
    assert whole is not None
    assert (whole.state, whole.service_code) == (SERVING, "placement")
