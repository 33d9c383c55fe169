"""The hall-to-centre wire format: what a push may hold, refused whole when malformed."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from pydantic import ValidationError

from kiosk.queueing.states import EventKind
from kiosk.sync.contract import ENTRY_KINDS, MAX_BATCH, PushBatch, TicketEventEntry

TOKEN = "K5Q2M7XW3ZB4HJ7C6RT2VN5PDA"


def call(**changes: Any) -> dict[str, Any]:
    """A ticket-called entry as a hall sends it, with ``changes``."""
    entry: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "kind": "ticket.event",
        "token": TOKEN,
        "occurred_at": "2026-11-23T02:30:00+00:00",
        "payload": {"event": "called", "counter_number": 2},
    }
    return {**entry, **changes}


def test_a_batch_parses_into_typed_entries() -> None:
    batch = PushBatch.model_validate({"entries": [call()]})
    [entry] = batch.entries
    assert isinstance(entry, TicketEventEntry)
    assert (entry.payload.event, entry.payload.counter_number) == (EventKind.CALLED, 2)
    assert PushBatch.model_validate_json(batch.model_dump_json()) == batch


@pytest.mark.parametrize(
    "entry",
    [
        call(kind="ticket.deleted"),
        call(token="not-a-token"),
        call(occurred_at="2026-11-23T09:30:00"),  # no zone
        call(payload={"event": "called", "counter_number": 2, "extra": 1}),
        call(payload={"event": "teleported"}),
        call(id="42"),
    ],
)
def test_a_malformed_entry_refuses_the_whole_batch(entry: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        PushBatch.model_validate({"entries": [call(), entry]})


def test_a_batch_holds_one_to_max_batch_entries() -> None:
    PushBatch.model_validate({"entries": [call() for _ in range(MAX_BATCH)]})
    for size in (0, MAX_BATCH + 1):
        with pytest.raises(ValidationError):
            PushBatch.model_validate({"entries": [call() for _ in range(size)]})


def test_every_entry_kind_is_in_the_union() -> None:
    schema = PushBatch.model_json_schema()
    mapping = schema["properties"]["entries"]["items"]["discriminator"]["mapping"]
    assert sorted(mapping) == sorted(ENTRY_KINDS)
