"""The CUPS back-end against fake lp/lpstat commands, and the lpstat parsers."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from printing import Paper, lpstat, render_slip
from printing.cups import CupsPrinter
from printing.printer import PrintError, PrintFault
from tests.printing import fake_cups
from tests.printing.fake_cups import DONE, HELD, IDLE, PENDING, RUNNING, FakeTime, queued
from tools.samples import TICKET

PDF = render_slip(TICKET)
NOT_RUNNING = (0, "scheduler is not running\n", "")
NO_SUCH_QUEUE = (1, "", "lp: Error - The printer or class does not exist.\n")
PAPER_OUT = (
    0,
    "printer kiosk now printing kiosk-7.  enabled since Mon Nov 23 10:54:15 2026\n"
    "\tMedia empty\n\tForm mounted:\n\tAlerts: media-empty-error\n",
    "",
)
DISABLED = (
    0,
    "printer kiosk disabled since Mon Nov 23 10:54:30 2026 -\n"
    "\tPaper out, staff notified\n\tForm mounted:\n\tAlerts: paused\n",
    "",
)
HUNG = (
    0,
    "printer kiosk now printing kiosk-7.  enabled since Tue Dec  1 13:43:31 2026\n"
    "\tThe printer may not exist or is unavailable at this time.\n\tForm mounted:\n"
    "\tAlerts: none\n",
    "",
)


def fail(printer: CupsPrinter, fault: PrintFault) -> PrintError:
    with pytest.raises(PrintError) as caught:
        printer.print_pdf(PDF, "A-007")
    assert caught.value.fault is fault
    assert str(caught.value) == caught.value.reason
    return caught.value


def test_prints_and_waits_until_the_job_leaves_the_queue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_cups.install(tmp_path, monkeypatch, jobs=[PENDING, PENDING, DONE])
    job = CupsPrinter("kiosk", timeout_s=5, poll_s=0.01).print_pdf(PDF, "Antrian\nA-007")
    assert (job.backend, job.job_id, job.path) == ("cups", "kiosk-7", None)
    width, length = lpstat.media_size_mm(PDF) or (0, 0)
    assert width == Paper.MM80
    assert fake.calls("lp") == [
        ["-d", "kiosk", "-t", "Antrian A-007", "-o", f"media=Custom.80x{length}mm"]
    ]
    assert fake.submitted() == PDF
    assert len([c for c in fake.calls("lpstat") if c[:1] == ["-W"]]) == 3
    assert fake.calls("cancel") == []


def test_media_option_can_be_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fake_cups.install(tmp_path, monkeypatch)
    CupsPrinter("kiosk", media=None).print_pdf(PDF, "A-007")
    assert fake.calls("lp") == [["-d", "kiosk", "-t", "A-007"]]


def test_lp_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    error = fail(CupsPrinter("kiosk"), PrintFault.NOT_INSTALLED)
    assert "'lp' command is not installed" in error.reason
    status = CupsPrinter("kiosk").status()
    assert not status.ok
    assert "'lpstat' command is not installed" in status.detail


def test_unknown_queue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_cups.install(tmp_path, monkeypatch, lp=[NO_SUCH_QUEUE])
    error = fail(CupsPrinter("nope"), PrintFault.UNKNOWN_QUEUE)
    assert error.reason == "CUPS queue nope does not exist"


def test_scheduler_down(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_cups.install(tmp_path, monkeypatch, lp=[NO_SUCH_QUEUE], scheduler=[NOT_RUNNING])
    fail(CupsPrinter("kiosk"), PrintFault.SCHEDULER_DOWN)


def test_queue_not_accepting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refused = (1, "", 'lp: Destination "kiosk" is not accepting jobs.\n')
    fake_cups.install(tmp_path, monkeypatch, lp=[refused])
    fail(CupsPrinter("kiosk"), PrintFault.REJECTED)


@pytest.mark.parametrize(
    ("printer", "words"),
    [(PAPER_OUT, "out of paper; Media empty"), (DISABLED, "printer disabled; Paper out")],
)
def test_stopped_printer_fails_fast_and_cancels_the_job(
    printer: fake_cups.Answer, words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_cups.install(tmp_path, monkeypatch, jobs=[PENDING], printer=[IDLE, printer])
    time = FakeTime()
    cups = CupsPrinter("kiosk", timeout_s=30, clock=time.clock, sleep=time.sleep)
    error = fail(cups, PrintFault.PRINTER_STOPPED)
    assert time.sleeps == []
    assert words in error.reason
    assert fake.calls("cancel") == [["kiosk-7"]]


def test_a_fault_shown_before_the_job_does_not_cancel_it_and_is_known_stale_once_it_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CUPS keeps "out of paper" after the paper is back: every later slip was cancelled."""
    fake = fake_cups.install(
        tmp_path, monkeypatch, jobs=[PENDING, PENDING, DONE], printer=[PAPER_OUT]
    )
    time = FakeTime()
    printer = CupsPrinter("kiosk", timeout_s=30, poll_s=1, clock=time.clock, sleep=time.sleep)
    assert not printer.status().ok
    job = printer.print_pdf(PDF, "A-008")
    assert job.job_id == "kiosk-7"
    assert fake.calls("cancel") == []
    assert printer.status().ok, printer.status().detail


def test_a_fault_shown_before_the_job_that_does_not_print_times_out_saying_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_cups.install(tmp_path, monkeypatch, jobs=[PENDING], printer=[PAPER_OUT])
    time = FakeTime()
    printer = CupsPrinter("kiosk", timeout_s=20, poll_s=1, clock=time.clock, sleep=time.sleep)
    error = fail(printer, PrintFault.TIMEOUT)
    assert (
        error.reason
        == "job kiosk-7 not printed within 20 s (kiosk shows: out of paper; Media empty)"
    )
    assert fake.calls("cancel") == [["kiosk-7"]]
    assert not printer.status().ok


def test_held_job(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fake_cups.install(tmp_path, monkeypatch, jobs=[HELD])
    fail(CupsPrinter("kiosk"), PrintFault.HELD)
    assert fake.calls("cancel") == [["kiosk-7"]]


def test_job_not_finished_in_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The time-out is counted on the printer's clock, so the machine's load cannot race it."""
    fake = fake_cups.install(tmp_path, monkeypatch, jobs=[PENDING])
    time = FakeTime()
    printer = CupsPrinter("kiosk", timeout_s=0.5, poll_s=0.2, clock=time.clock, sleep=time.sleep)
    error = fail(printer, PrintFault.TIMEOUT)
    assert time.sleeps == pytest.approx([0.2, 0.2, 0.1])
    assert error.reason == "job kiosk-7 not printed within 0.5 s"
    assert len(fake.calls("lp")) == 1
    assert len([c for c in fake.calls("lpstat") if c[:1] == ["-W"]]) == 4
    assert fake.calls("cancel") == [["kiosk-7"]]


def test_failed_job_is_kept_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fake_cups.install(tmp_path, monkeypatch, jobs=[HELD])
    fail(CupsPrinter("kiosk", cancel_on_failure=False), PrintFault.HELD)
    assert fake.calls("cancel") == []


@pytest.mark.parametrize(
    ("script", "ok", "detail"),
    [
        ({}, True, "CUPS queue kiosk is enabled and accepting jobs"),
        ({"scheduler": [NOT_RUNNING]}, False, "the CUPS scheduler (cupsd) is not running"),
        ({"printer": [(1, "", "lpstat: Invalid destination")]}, False, "does not exist"),
        ({"printer": [PAPER_OUT]}, False, "CUPS queue kiosk: out of paper"),
        ({"printer": [DISABLED]}, False, "CUPS queue kiosk: printer disabled"),
        ({"accepting": [(0, "kiosk not accepting requests since X -\n", "")]}, False, "not ac"),
    ],
)
def test_status(
    script: dict[str, list[fake_cups.Answer]],
    ok: bool,
    detail: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_cups.install(tmp_path, monkeypatch, **script)
    status = CupsPrinter("kiosk").status()
    assert status.ok is ok
    assert detail in status.detail


def test_status_sees_a_job_waiting_longer_than_the_time_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hung job made each visitor wait 20 s while the queue looked enabled and idle."""
    hour_ago = datetime.now() - timedelta(hours=1)
    fake_cups.install(tmp_path, monkeypatch, jobs=[queued("kiosk-7", hour_ago)], printer=[HUNG])
    status = CupsPrinter("kiosk", timeout_s=20).status()
    assert not status.ok
    assert status.detail == (
        f"CUPS queue kiosk: 1 job(s) not printed within 20 s, the oldest kiosk-7 waiting since "
        f"{hour_ago:%Y-%m-%d %H:%M:%S} (The printer may not exist or is unavailable at this time.)"
    )


def test_status_is_fine_with_a_job_younger_than_the_time_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = datetime.now() + timedelta(hours=1)
    fake_cups.install(tmp_path, monkeypatch, jobs=[queued("kiosk-9", later)])
    assert CupsPrinter("kiosk", timeout_s=20).status().ok


@pytest.mark.parametrize("queue", ["", "-o", "two words", "a/b", "x#1", "q" * 200])
def test_invalid_queue_names_are_refused(queue: str) -> None:
    with pytest.raises(ValueError, match="invalid CUPS queue name"):
        CupsPrinter(queue)


def test_parsers_read_real_lpstat_output() -> None:
    listing = "d_hang-1                root              1024   Tue Dec  1 13:43:31 2026\n"
    assert lpstat.queued_jobs(listing + PENDING[1]) == [
        lpstat.QueuedJob("d_hang-1", datetime(2026, 12, 1, 13, 43, 31)),
        lpstat.QueuedJob("kiosk-7", datetime(2026, 11, 23, 10, 54, 15)),
    ]
    assert lpstat.queued_jobs(HELD[1]) == []
    assert lpstat.request_id("request id is kiosk_pdf-12 (0 file(s))\n") == "kiosk_pdf-12"
    assert lpstat.request_id("") is None
    assert lpstat.job_reasons(PENDING[1], "kiosk-7") == ("job-printing",)
    assert lpstat.job_reasons(PENDING[1], "kiosk-70") is None
    assert lpstat.job_reasons(RUNNING[1], "kiosk-7") is None
    stopped = lpstat.printer_state(DISABLED[1])
    assert stopped == lpstat.PrinterState(False, "Paper out, staff notified", ("paused",))
    assert lpstat.printer_state(fake_cups.IDLE[1]) == lpstat.PrinterState(True, "", ())
    assert lpstat.media_size_mm(b"/MediaBox [ 0 0 164.4094 396.8504 ]") == (58, 141)
    assert lpstat.media_size_mm(b"no page here") is None
