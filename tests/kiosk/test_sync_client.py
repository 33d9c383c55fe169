"""The hall's HTTP client of the centre: the real `mpp-central serve` where it can, a fake else."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.sync.backoff import MAX_WAIT, Backoff, retry_after
from kiosk.sync.client import (
    BatchRefusedError,
    CentreBusyError,
    CentreClient,
    CentreConfusedError,
    CentreUnreachableError,
    TokenRejectedError,
)
from kiosk.sync.contract import Entry
from kiosk.sync.enrolment import Enrolment
from tests.helpers.fake_centre import FakeCentre, fake_centre
from tools.central_load import SimulatedHall
from tools.central_server import Centre, free_port, serving

SITE = "mpp-kab-probolinggo"
SOME_TOKEN = "A" * 26


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    """One real central service on SQLite for the module's tests."""
    folder = tmp_path_factory.mktemp("centre")
    with serving(folder, f"sqlite:///{folder / 'central.sqlite3'}") as running:
        yield running


@pytest.fixture
def fake() -> Iterator[FakeCentre]:
    """A scripted centre."""
    with fake_centre() as running:
        yield running


def _client(base: str, token: str = SOME_TOKEN) -> CentreClient:
    return CentreClient(Enrolment(base, token), timeout=(2, 5))


def test_a_push_is_one_gzipped_batch_and_the_answer_names_accepted_and_refused(
    centre: Centre,
) -> None:
    client = _client(centre.base, centre.add_device(SITE))
    hall = SimulatedHall(day_start=datetime.now(UTC) - timedelta(hours=1))
    issued = hall.issue()
    stray = hall.event(SimulatedHall().issue().token, "called", 1)  # a ticket the centre never saw
    entries = list[Entry]([hall.opening(), issued, hall.event(issued.token, "called", 2), stray])
    entries.sort(key=lambda entry: entry.id)
    result = client.push(entries)
    assert set(result.accepted) == {e.id for e in entries} - {stray.id}
    assert [refusal.id for refusal in result.refused] == [stray.id]
    assert result.refused[0].reason
    again = client.push(entries)  # replayed: the same answer, nothing applied twice
    assert set(again.accepted) == set(result.accepted)


def test_a_first_pull_gives_a_cursor_and_the_next_one_is_304(centre: Centre) -> None:
    client = _client(centre.base, centre.add_device(SITE))
    first = client.pull("")
    assert first.result is not None
    assert first.cursor == first.result.cursor
    second = client.pull(first.cursor)
    assert second.result is None
    assert second.cursor == first.cursor


@pytest.mark.parametrize("token", [SOME_TOKEN, "revoked"])
def test_an_unknown_or_revoked_token_is_a_clear_fault(centre: Centre, token: str) -> None:
    if token == "revoked":
        token = centre.add_device("mpp-kota-malang")
        [line] = [
            line for line in centre.command("device", "list").splitlines() if "malang" in line
        ]
        centre.command("device", "revoke", line.split()[0])
    with pytest.raises(TokenRejectedError, match="revoked or unknown"):
        _client(centre.base, token).pull("")


def test_the_request_is_signed_gzipped_and_carries_the_batch(fake: FakeCentre) -> None:
    hall = SimulatedHall()
    entries = list[Entry]([hall.opening(), hall.issue()])
    accepted = json.dumps({"accepted": [str(e.id) for e in entries], "refused": []})
    fake.answer(200, accepted.encode(), Content_Type="application/json")
    _client(fake.base).push(entries)
    [request] = fake.received
    assert request.headers["Authorization"] == f"Bearer {SOME_TOKEN}"
    assert request.headers["Content-Encoding"] == "gzip"
    assert [e["id"] for e in json.loads(request.body)["entries"]] == [str(e.id) for e in entries]


@pytest.mark.parametrize("status", [429, 503])
def test_busy_answers_carry_retry_after(fake: FakeCentre, status: int) -> None:
    fake.answer(status, Retry_After="7")
    with pytest.raises(CentreBusyError) as busy:
        _client(fake.base).pull("")
    assert (busy.value.status, busy.value.wait) == (status, 7.0)


def test_a_whole_batch_refused_says_why(fake: FakeCentre) -> None:
    detail = {"detail": {"message": "entries.0.kind: unknown kind", "details": []}}
    fake.answer(422, json.dumps(detail).encode(), Content_Type="application/json")
    with pytest.raises(BatchRefusedError, match=r"HTTP 422.*entries.0.kind: unknown kind"):
        _client(fake.base).push([SimulatedHall().opening()])


def test_a_proxy_page_and_a_server_fault_are_told_apart(fake: FakeCentre) -> None:
    fake.answer(200, b"<html>captive portal</html>", Content_Type="text/html")
    with pytest.raises(CentreConfusedError, match="text/html"):
        _client(fake.base).pull("")
    fake.answer(500)
    with pytest.raises(CentreUnreachableError, match="HTTP 500"):
        _client(fake.base).pull("")


def test_nothing_listening_is_unreachable() -> None:
    with pytest.raises(CentreUnreachableError, match="cannot reach"):
        _client(f"http://127.0.0.1:{free_port()}").pull("")


def test_backoff_doubles_with_jitter_up_to_five_minutes() -> None:
    backoff = Backoff(rng=random.Random(4))
    waits = [backoff.next_wait() for _ in range(14)]
    for n, wait in enumerate(waits):
        top = min(MAX_WAIT, 2.0**n)
        assert top / 2 <= wait <= top
    assert waits[-1] > 150
    backoff.reset()
    assert backoff.next_wait() <= 1.0


def test_retry_after_reads_seconds_and_dates_and_caps_them() -> None:
    now = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    assert retry_after("12", now) == 12.0
    assert retry_after("Mon, 23 Nov 2026 03:00:30 GMT", now) == 30.0
    assert retry_after("Mon, 23 Nov 2026 02:00:00 GMT", now) == 0.0
    assert retry_after("86400", now) == MAX_WAIT
    assert retry_after("soon", now) is None
    assert retry_after(None, now) is None
