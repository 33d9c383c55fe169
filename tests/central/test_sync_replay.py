"""Property: however a hall's outbox arrives, the centre ends as one clean delivery leaves it.

Hypothesis makes a hall's history (its state, tickets moved by the queue engine's own
moves, complaints with notes and status moves) as the outbox entries a hall would send.
One site gets it as one ordered push; another gets it shuffled, with duplicates, cut into
batches, then — as a hall does with what was refused — sent again (shuffled, too) until
everything is accepted. Both sites must end with the same tickets, events, complaints,
timelines and notes.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from central.db import Database
from kiosk.complaints.categories import MOVES as COMPLAINT_MOVES
from kiosk.complaints.categories import Status
from kiosk.infra.sealed import Sealer
from kiosk.queueing.states import TRANSITIONS, EventKind, TicketState
from kiosk.sync.contract import Entry
from tests.helpers.central_sync import DeviceKey, Outbox, batch_json, central_state, make_device

SERVICES = ("jobs", "placement")
NOTE_CHARACTERS = st.characters(codec="utf-8", exclude_characters="\x00")
_EXAMPLES = itertools.count()
Make = Callable[[Outbox, dict[str, str]], Entry]
"""Makes one entry on the outbox; the dict maps a record's name to its token once made."""


@st.composite
def ticket_story(draw: st.DrawFn, name: str) -> list[Make]:
    """A ticket's issue and a walk through the engine's moves."""
    service = draw(st.sampled_from(SERVICES))
    story: list[Make] = [lambda box, tokens: _remember(tokens, name, box.issue(service))]
    state, counter = TicketState.WAITING, None
    for _ in range(draw(st.integers(0, 7))):
        moves = [(e, after) for (before, e), after in TRANSITIONS.items() if before is state]
        moves.sort()
        if not moves:
            break
        event, state = draw(st.sampled_from(moves))
        if event is EventKind.CALLED:
            counter = draw(st.integers(1, 3))
        if event is EventKind.TRANSFERRED:
            service = "placement" if service == "jobs" else "jobs"
        story.append(_ticket_event(name, event.value, counter, service))
    return story


def _ticket_event(name: str, event: str, counter: int | None, service: str) -> Make:
    return lambda box, tokens: box.event(tokens[name], event, counter, service)


def _remember(tokens: dict[str, str], name: str, entry: Entry) -> Entry:
    tokens[name] = entry.token
    return entry


@st.composite
def complaint_story(draw: st.DrawFn, name: str) -> list[Make]:
    """A complaint's submission, then notes and status moves along its lifecycle."""
    story: list[Make] = [lambda box, tokens: _remember(tokens, name, box.complaint())]
    status = Status.RECEIVED
    for _ in range(draw(st.integers(0, 5))):
        moves = sorted(COMPLAINT_MOVES[status])
        moving: bool = draw(st.booleans())
        if moves and moving:
            status = draw(st.sampled_from(moves))
            reason = draw(st.sampled_from(["", "Dokumen lengkap.", "<b>duplikat</b>'--"]))
            story.append(_complaint_status(name, status.value, reason))
        else:
            text = draw(st.text(NOTE_CHARACTERS, max_size=30))
            story.append(_complaint_note(name, text, draw(st.booleans())))
    return story


def _complaint_status(name: str, status: str, reason: str) -> Make:
    return lambda box, tokens: box.status(tokens[name], status, reason)


def _complaint_note(name: str, text: str, public: bool) -> Make:
    return lambda box, tokens: box.note(tokens[name], text, public)


@st.composite
def hall_history(draw: st.DrawFn) -> list[Entry]:
    """A hall's outbox: each record's story in order, the records' entries interleaved."""
    stories: list[list[Make]] = [[lambda box, tokens: box.hall()]]
    if draw(st.booleans()):
        stories.append([lambda box, tokens: box.hall(name="MPP Probolinggo (pindah)")])
    stories += [draw(ticket_story(f"ticket-{n}")) for n in range(draw(st.integers(1, 4)))]
    stories += [draw(complaint_story(f"complaint-{n}")) for n in range(draw(st.integers(0, 3)))]
    box, tokens, entries = Outbox(), dict[str, str](), list[Entry]()
    while stories:
        story = stories[draw(st.integers(0, len(stories) - 1))]
        entries.append(story.pop(0)(box, tokens))
        stories = [s for s in stories if s]
    return entries


def _push(client: TestClient, device: DeviceKey, entries: list[Entry]) -> set[str]:
    response = client.post("/api/v1/sync/push", json=batch_json(*entries), headers=device.headers)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    assert {r["id"] for r in answer["refused"]}.isdisjoint(answer["accepted"])
    return set(answer["accepted"])


def _batches(entries: list[Entry], cuts: list[int]) -> list[list[Entry]]:
    edges = sorted({0, len(entries), *(c % (len(entries) + 1) for c in cuts)})
    return [entries[a:b] for a, b in itertools.pairwise(edges) if b > a]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    history=hall_history(),
    seed=st.randoms(use_true_random=False),
    cuts=st.lists(st.integers(0, 200), max_size=6),
)
def test_shuffled_duplicated_partial_deliveries_end_as_one_clean_delivery(
    central_client: TestClient,
    central_db: Database,
    sealer: Sealer,
    history: list[Entry],
    seed: random.Random,
    cuts: list[int],
) -> None:
    example = next(_EXAMPLES)  # every example on two sites of its own, in one database
    clean = make_device(central_db, f"clean-{example}")
    messy = make_device(central_db, f"messy-{example}")
    assert _push(central_client, clean, history) == {str(e.id) for e in history}

    delivery = history + seed.sample(history, k=seed.randint(0, len(history)))
    seed.shuffle(delivery)
    held: set[str] = set()
    for batch in _batches(delivery, cuts):
        held |= _push(central_client, messy, batch)
    for _ in range(len(history)):  # what was refused is sent again, as a hall does
        unsent = [e for e in history if str(e.id) not in held]
        if not unsent:
            break
        seed.shuffle(unsent)
        held |= _push(central_client, messy, unsent)
    assert held == {str(e.id) for e in history}

    assert central_state(central_db, sealer, messy.site_id) == central_state(
        central_db, sealer, clean.site_id
    )
