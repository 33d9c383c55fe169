"""A test hall for the queue: a fake clock and the default configuration with overrides."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.clock import Clock
from kiosk.hall import Hall, open_hall
from kiosk.settings import PROJECT_CONFIG, load_settings
from tests.helpers.toml import dump_toml

JAKARTA = ZoneInfo("Asia/Jakarta")
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=JAKARTA)  # a Monday, the hall open
ALL_DAY = {key: ["00:00-23:59"] for key in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def queue_config(
    tmp_path: Path,
    database_url: str,
    *,
    counters: list[dict[str, Any]] | None = None,
    service_changes: dict[str, Any] | None = None,
    per_service: dict[str, dict[str, Any]] | None = None,
    queue: dict[str, Any] | None = None,
) -> Path:
    """The default configuration on a test database, changed for the test.

    Args:
        service_changes: keys to set on every service.
        per_service: keys to set on one service, by its code.
    """
    with PROJECT_CONFIG.open("rb") as handle:
        raw = tomllib.load(handle)
    raw["database"] = {"url": database_url}
    raw["printer"] = {**raw["printer"], "spool_dir": str(tmp_path / "spool")}
    raw["services"] = [
        {**service, **(service_changes or {}), **(per_service or {}).get(service["code"], {})}
        for service in raw["services"]
    ]
    if counters is not None:
        raw["counters"] = counters
    if queue is not None:
        raw["queue"] = queue
    path = tmp_path / "kiosk.toml"
    path.write_text(dump_toml(raw), encoding="utf-8")
    return path


def counters_for_all(count: int) -> list[dict[str, Any]]:
    """``count`` counters that each serve every configured service."""
    with PROJECT_CONFIG.open("rb") as handle:
        codes = [service["code"] for service in tomllib.load(handle)["services"]]
    return [
        {"number": n, "name": {"id": f"Loket {n}", "en": f"Counter {n}"}, "services": codes}
        for n in range(1, count + 1)
    ]


@contextmanager
def queue_hall(tmp_path: Path, database_url: str, clock: Clock, **changes: Any) -> Iterator[Hall]:
    """The hall opened on a queue configuration (see :func:`queue_config`) with a clock."""
    hall = open_hall(load_settings(queue_config(tmp_path, database_url, **changes)), clock)
    try:
        yield hall
    finally:
        hall.close()
