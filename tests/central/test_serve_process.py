"""End to end over real HTTP: a real ``mpp-central serve`` process fed by a simulated hall.

A hall's day is pushed in batches (one gzipped), pushed again in full (nothing changes),
read back as public records and pulled; a revoked device is refused. On SQLite and
PostgreSQL, like every central database test.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.sync.contract import Entry, PushBatch
from tools.central_load import SimulatedHall, batches
from tools.central_server import Centre, serving


@pytest.fixture
def centre(tmp_path: Path, database_url: str) -> Iterator[Centre]:
    """A real central service on the test database."""
    with serving(tmp_path, database_url) as running:
        yield running


def _push(centre: Centre, token: str, batch: PushBatch, *, gzipped: bool = False) -> Any:
    body = batch.model_dump_json().encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if gzipped:
        body, headers["Content-Encoding"] = gzip.compress(body), "gzip"
    answer = requests.post(
        f"{centre.base}/api/v1/sync/push", data=body, headers=headers, timeout=30
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def _records(centre: Centre, tokens: list[str]) -> list[Any]:
    """Each record as its public page shows it, less the time of the hall's last sync."""
    shown = []
    for token in tokens:
        record = requests.get(f"{centre.base}/api/v1/records/{token}", timeout=10).json()
        record["record"].pop("freshness")
        shown.append(record["record"])
    return shown


def test_a_halls_day_pushed_twice_over_http_is_kept_once(centre: Centre) -> None:
    token = centre.add_device("mpp-kab-probolinggo")
    hall = SimulatedHall(day_start=datetime.now(UTC) - timedelta(hours=2))
    day = list(batches(iter([hall.opening(), *hall.visits(150)]), size=200))
    waiting = [hall.issue("jobs") for _ in range(3)]
    day.append(PushBatch(entries=list[Entry](waiting)))
    for n, batch in enumerate(day):
        result = _push(centre, token, batch, gzipped=n == 0)
        assert (len(result["accepted"]), result["refused"]) == (len(batch.entries), [])
    shown = _records(centre, hall.tokens)
    for batch in day:  # the hall never heard back and sends everything again
        assert _push(centre, token, batch)["refused"] == []
    assert _records(centre, hall.tokens) == shown
    last = requests.get(f"{centre.base}/r/{waiting[-1].token}", timeout=10)
    assert last.status_code == 200
    assert waiting[-1].payload.number in last.text
    assert "2 orang" in last.text
    pulled = requests.get(
        f"{centre.base}/api/v1/sync/pull",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert pulled.status_code == 200
    again = requests.get(
        f"{centre.base}/api/v1/sync/pull",
        headers={"Authorization": f"Bearer {token}", "If-None-Match": pulled.headers["ETag"]},
        timeout=10,
    )
    assert again.status_code == 304


def test_a_revoked_device_is_refused_and_changes_nothing(centre: Centre) -> None:
    token = centre.add_device("mpp-kab-probolinggo")
    [device] = [line for line in centre.command("device", "list").splitlines() if "hall" in line]
    centre.command("device", "revoke", device.split()[0])
    hall = SimulatedHall()
    answer = requests.post(
        f"{centre.base}/api/v1/sync/push",
        data=PushBatch(entries=[hall.opening(), hall.issue()]).model_dump_json(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=10,
    )
    assert answer.status_code == 401
    assert requests.get(f"{centre.base}/r/{hall.tokens[0]}", timeout=10).status_code == 404
