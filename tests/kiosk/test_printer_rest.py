"""The hall's printer rests after a failure: one visitor waits for a hung printer, not each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.hall import Hall, open_hall
from kiosk.queueing.take import TakeNumber, TakeStep
from kiosk.settings import load_settings
from printing import Paper
from tests.conftest import site_config
from tests.helpers.clock import FakeClock
from tests.printing import fake_cups
from tests.printing.fake_cups import PENDING


@pytest.fixture
def hall(tmp_path: Path, clock: FakeClock) -> Iterator[Hall]:
    printer = {"backend": "cups", "name": "kiosk", "timeout_seconds": 2.5}
    config = site_config(tmp_path, f"sqlite:///{tmp_path / 'hall.sqlite3'}", printer=printer)
    opened = open_hall(load_settings(config), clock)
    try:
        yield opened
    finally:
        opened.close()


def _visitor(hall: Hall) -> TakeNumber:
    take = TakeNumber(hall.queue, hall.settings)
    take.open()
    take.choose("opp")
    if take.step is TakeStep.ASKING_PRIORITY:
        take.answer_priority(False)
    assert take.issue() is TakeStep.ISSUED
    return take


def test_after_a_hung_slip_the_next_visitors_are_not_kept_waiting(
    hall: Hall, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_cups.install(tmp_path, monkeypatch, jobs=[PENDING])  # the job never leaves
    printer = hall.printer()  # the kiosk window keeps one for its life

    first = _visitor(hall)
    assert first.print_slip(printer, Paper.MM80, "id") is TakeStep.PRINT_FAILED
    assert len(fake.calls("lp")) == 1
    for _ in range(3):
        later = _visitor(hall)
        assert later.print_slip(printer, Paper.MM80, "id") is TakeStep.PRINT_FAILED
    assert len(fake.calls("lp")) == 1  # nobody else waited for the hung printer
    assert "1 job(s) not printed within 2.5 s" in printer.status().detail  # doctor sees it
