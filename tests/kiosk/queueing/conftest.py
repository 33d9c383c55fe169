"""Queue fixtures: a hall open all day on the test database, a hand-moved clock, the service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.hall import Hall
from kiosk.queueing.service import QueueService
from tests.helpers.clock import FakeClock
from tests.helpers.queue_site import queue_hall


@pytest.fixture
def hall(tmp_path: Path, database_url: str, clock: FakeClock) -> Iterator[Hall]:
    with queue_hall(tmp_path, database_url, clock) as opened:
        yield opened


@pytest.fixture
def queue(hall: Hall) -> QueueService:
    return hall.queue
