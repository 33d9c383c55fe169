"""Hostile pushes: refused whole with a clear 4xx and its reason, and nothing applied."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from central.db import Database
from central.models import AppliedEntry, Site, Ticket
from central.settings import Settings, SyncSection
from kiosk.sync.contract import MAX_BATCH, MAX_PUSH_BYTES
from tests.helpers.central_sync import CENTRE_NOW, DeviceKey, Outbox, batch_json, make_device

PUSH = "/api/v1/sync/push"


def good_batch() -> dict[str, Any]:
    box = Outbox()
    issued = box.issue()
    return batch_json(box.hall(), issued, box.event(issued.token, "called", counter=1))


def assert_nothing_applied(db: Database) -> None:
    with db.reads() as session:
        assert session.scalar(select(func.count()).select_from(AppliedEntry)) == 0
        assert session.scalar(select(func.count()).select_from(Ticket)) == 0
        assert {site.name for site in session.scalars(select(Site))} <= {"mpp-kab-probolinggo"}


def refusal(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]
    message: str = body["message"]
    return message


def test_a_body_over_the_limit_is_413_before_it_is_read(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> None:
    body = json.dumps(good_batch()).encode() + b" " * MAX_PUSH_BYTES
    response = central_client.post(PUSH, content=body, headers=device.headers)
    assert "at most" in refusal(response, 413)
    assert_nothing_applied(central_db)


def test_a_streamed_body_without_length_is_cut_off_at_the_limit(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> None:
    sent = []

    def ten_megabytes() -> Iterator[bytes]:
        yield json.dumps(good_batch()).encode()[:-1]
        for _ in range(160):
            sent.append(1)
            yield b" " * 65536
        yield b"}"

    response = central_client.post(PUSH, content=ten_megabytes(), headers=device.headers)
    refusal(response, 413)
    assert_nothing_applied(central_db)


def test_a_gzipped_push_applies(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> None:
    body = gzip.compress(json.dumps(good_batch()).encode())
    headers = {**device.headers, "Content-Encoding": "gzip", "Content-Type": "application/json"}
    response = central_client.post(PUSH, content=body, headers=headers)
    assert response.status_code == 200, response.text
    assert len(response.json()["accepted"]) == 3


def test_a_gzip_bomb_is_413_without_unpacking_it(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> None:
    # 64 MB of spaces after a valid start: a few dozen kilobytes on the wire.
    inner = json.dumps(good_batch()).encode()[:-1] + b" " * (64 * 1024 * 1024) + b"}"
    body = gzip.compress(inner, compresslevel=9)
    assert len(body) < 200_000
    headers = {**device.headers, "Content-Encoding": "gzip"}
    response = central_client.post(PUSH, content=body, headers=headers)
    assert "after gunzip" in refusal(response, 413)
    assert_nothing_applied(central_db)


@pytest.mark.parametrize(
    ("body", "encoding", "status", "says"),
    [
        (b"not gzip at all", "gzip", 400, "not valid gzip"),
        (gzip.compress(b'{"entries": []}')[:-6], "gzip", 400, "truncated"),
        (gzip.compress(b"{}") + b"trailing", "gzip", 400, "after the end"),
        (b"{}", "br", 415, "gzip"),
        (b"", None, 400, "not JSON"),
        (b'{"entries": [', None, 400, "not JSON"),
        (b"\xff\xfe{}", None, 400, "not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, None, 400, "not JSON"),
        (b'{"entries": ' + b"[" * 5000 + b"]" * 5000 + b"}", None, 400, "not JSON"),
    ],
    ids=[
        "garbage-gzip",
        "truncated-gzip",
        "gzip-then-garbage",
        "brotli",
        "empty",
        "cut-json",
        "not-utf8",
        "deep-nesting",
        "deep-entries",
    ],
)
def test_malformed_bodies_are_400_or_415(
    central_client: TestClient,
    central_db: Database,
    device: DeviceKey,
    body: bytes,
    encoding: str | None,
    status: int,
    says: str,
) -> None:
    headers = {**device.headers, **({"Content-Encoding": encoding} if encoding else {})}
    response = central_client.post(PUSH, content=body, headers=headers)
    assert says in refusal(response, status)
    assert_nothing_applied(central_db)


def _with(entry_changes: dict[str, Any], payload_changes: dict[str, Any] | None = None) -> Any:
    batch = good_batch()
    last = batch["entries"][-1]
    last.update(entry_changes)
    if payload_changes is not None:
        last["payload"] = {**last["payload"], **payload_changes}
    return batch


@pytest.mark.parametrize(
    "body",
    [
        {"entries": "everything"},
        {"entries": []},
        {"entries": [good_batch()["entries"][0]] * (MAX_BATCH + 1)},
        {"protocol": 2, "entries": good_batch()["entries"]},
        {**good_batch(), "site_id": "mpp-kota-malang"},
        [good_batch()],
        _with({"kind": "ticket.deleted"}),
        _with({"kind": "<script>alert(1)</script>"}),
        _with({"token": "'; DROP TABLE tickets; --"}),
        _with({"id": 42}),
        _with({"occurred_at": "2026-11-23T09:30:00"}),
        _with({"occurred_at": "yesterday"}),
        _with({}, {"event": "teleported"}),
        _with({}, {"counter_number": "two"}),
        _with({}, {"counter_number": 10**40}),
        _with({}, {"counter_number": 2.5}),
        _with({}, {"site_id": "mpp-kota-malang"}),
    ],
    ids=[
        "entries-not-a-list",
        "no-entries",
        "too-many-entries",
        "unknown-protocol",
        "a-site-in-the-body",
        "a-list",
        "unknown-kind",
        "html-kind",
        "sql-token",
        "number-id",
        "naive-moment",
        "word-moment",
        "unknown-event",
        "counter-as-word",
        "huge-counter",
        "counter-fraction",
        "extra-field",
    ],
)
def test_a_batch_that_is_not_a_batch_is_422_and_nothing_of_it_applies(
    central_client: TestClient, central_db: Database, device: DeviceKey, body: Any
) -> None:
    response = central_client.post(PUSH, json=body, headers=device.headers)
    message = refusal(response, 422)
    assert len(message) <= 300
    assert "<script>" not in response.text
    assert "DROP TABLE" not in response.text
    assert_nothing_applied(central_db)


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer NOT-A-DEVICE-TOKEN"],
)
def test_without_a_device_token_a_push_is_401(
    central_client: TestClient, central_db: Database, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization is not None else {}
    response = central_client.post(PUSH, json=good_batch(), headers=headers)
    refusal(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert_nothing_applied(central_db)


def test_a_revoked_token_is_401_and_its_body_never_read(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> None:
    from central.devices import revoke_device

    revoke_device(central_db, device.id, CENTRE_NOW)
    response = central_client.post(PUSH, content=b"garbage", headers=device.headers)
    assert "revoked" in refusal(response, 401)
    assert_nothing_applied(central_db)


@pytest.fixture
def slow_app(central_app: FastAPI) -> FastAPI:
    """The application allowing two requests a minute per device."""
    settings: Settings = central_app.state.settings
    central_app.state.settings = settings.model_copy(
        update={"sync": SyncSection(rate_per_minute=2)}
    )
    return central_app


def test_past_its_rate_a_device_gets_429_with_retry_after(
    slow_app: FastAPI, central_db: Database, device: DeviceKey
) -> None:
    other = make_device(central_db, device.site_id, "staff-1")
    with TestClient(slow_app) as client:
        for _ in range(2):
            assert client.post(PUSH, json=good_batch(), headers=device.headers).status_code == 200
        response = client.post(PUSH, json=good_batch(), headers=device.headers)
        assert "requests a minute" in refusal(response, 429)
        assert 1 <= int(response.headers["Retry-After"]) <= 30
        pulled = client.get("/api/v1/sync/pull", headers=device.headers)
        assert pulled.status_code == 429  # pushes and pulls share the device's rate
        # Another device of the hall has its own.
        assert client.post(PUSH, json=good_batch(), headers=other.headers).status_code == 200
    with central_db.reads() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 3


@pytest.mark.parametrize("field", ["chronology", "reporter_masked"])
def test_a_nul_character_in_a_text_is_422_on_every_database(
    central_client: TestClient, central_db: Database, device: DeviceKey, field: str
) -> None:
    box = Outbox()
    body = batch_json(box.issue(), box.complaint())
    payload = body["entries"][1]["payload"]
    if field == "chronology":
        payload["personal"]["chronology"] = "Gaji\u0000 belum dibayar"
    else:
        payload["reporter_masked"] = "S\u0000"
    response = central_client.post(PUSH, json=body, headers=device.headers)
    assert "U+0000" in refusal(response, 422)
    assert_nothing_applied(central_db)
