"""Whether a service issues numbers now, and the reason the kiosk shows when it does not."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.i18n import translate
from kiosk.queueing.views import ServiceStatus
from kiosk.queueing.waits import estimate_minutes

OPEN = ServiceStatus(
    code="jobs",
    letter="A",
    waiting=3,
    priority_waiting=1,
    estimated_wait_minutes=15,
    open_now=True,
    closed_today=False,
    quota=200,
    issued=40,
)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({}, None),
        ({"issued": 200}, "Kuota hari ini sudah habis"),
        ({"open_now": False}, "Sedang tutup (di luar jam layanan)"),
        ({"closed_today": True, "open_now": False}, "Tutup hari ini"),
        ({"closed_today": True, "issued": 200}, "Tutup hari ini"),
    ],
)
def test_refusal_names_the_first_reason(changes: dict[str, object], reason: str | None) -> None:
    status = dataclasses.replace(OPEN, **changes)  # type: ignore[arg-type]
    key = status.refusal
    assert (translate(key, "id") if key else None) == reason


def test_people_waiting_never_read_as_no_wait() -> None:
    assert estimate_minutes(4, service_minutes=0.0, active_counters=2) == 2
    assert estimate_minutes(0, service_minutes=5.0, active_counters=1) == 0
    assert estimate_minutes(3, service_minutes=5.0, active_counters=2) == 8
