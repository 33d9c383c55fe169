"""A printer that just failed rests: later slips fail at once, and it is tried again later."""

from pathlib import Path

import pytest

from printing import render_slip
from printing.breaker import RestingPrinter
from printing.cups import CupsPrinter
from printing.printer import PrintError, PrintFault
from tests.printing import fake_cups
from tests.printing.fake_cups import DONE, HELD, PENDING, FakeTime
from tools.samples import TICKET

PDF = render_slip(TICKET)


def _resting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: list[fake_cups.Answer]
) -> tuple[fake_cups.FakeCups, FakeTime, RestingPrinter]:
    """A CUPS printer with a 20 s time-out behind a 60 s rest, on one fake clock."""
    fake = fake_cups.install(tmp_path, monkeypatch, jobs=jobs)
    time = FakeTime()
    cups = CupsPrinter("kiosk", timeout_s=20, poll_s=10, clock=time.clock, sleep=time.sleep)
    return fake, time, RestingPrinter(cups, rest_s=60, clock=time.clock)


def test_a_hung_printer_makes_one_visitor_wait_not_each_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake, time, printer = _resting(tmp_path, monkeypatch, [PENDING, PENDING, PENDING, DONE])

    with pytest.raises(PrintError) as first:
        printer.print_pdf(PDF, "A-001")
    assert first.value.fault is PrintFault.TIMEOUT
    assert time.now == 20

    time.sleep(30)
    with pytest.raises(PrintError) as second:
        printer.print_pdf(PDF, "A-002")
    assert second.value.fault is PrintFault.TIMEOUT
    assert second.value.reason == (
        "not sent: the printer failed 30 s ago (job kiosk-7 not printed within 20 s); "
        "tried again 60 s after that"
    )
    assert time.now == 50  # no wait at all
    assert len(fake.calls("lp")) == 1

    time.sleep(30)
    assert printer.print_pdf(PDF, "A-003").job_id == "kiosk-7"
    assert len(fake.calls("lp")) == 2
    assert printer.print_pdf(PDF, "A-004").job_id == "kiosk-7"
    assert len(fake.calls("lp")) == 3


def test_a_rest_does_not_hide_the_printer_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_cups.install(tmp_path, monkeypatch)
    status = RestingPrinter(CupsPrinter("kiosk")).status()
    assert status.ok
    assert status.detail == "CUPS queue kiosk is enabled and accepting jobs"


def test_a_quick_failure_costs_nobody_a_wait_so_the_next_slip_tries_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paper out is said at once: staff put paper in, and the next slip prints."""
    fake, _, printer = _resting(tmp_path, monkeypatch, [HELD, DONE])
    with pytest.raises(PrintError) as held:
        printer.print_pdf(PDF, "A-001")
    assert held.value.fault is PrintFault.HELD
    assert printer.print_pdf(PDF, "A-002").job_id == "kiosk-7"
    assert len(fake.calls("lp")) == 2
