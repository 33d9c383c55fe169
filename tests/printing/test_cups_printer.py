"""The CUPS back-end against fake lp/lpstat commands, and the lpstat parsers."""

import time
from pathlib import Path

import pytest

from printing import Paper, lpstat, render_slip
from printing.cups import CupsPrinter
from printing.printer import PrintError, PrintFault
from tests.printing import fake_cups
from tests.printing.fake_cups import DONE, PENDING, RUNNING
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
HELD = (0, "kiosk-7  root  2048  Mon Nov 23 2026\n\tAlerts: job-hold-until-specified\n", "")


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
    fake = fake_cups.install(tmp_path, monkeypatch, jobs=[PENDING], printer=[printer])
    started = time.monotonic()
    error = fail(CupsPrinter("kiosk", timeout_s=30), PrintFault.PRINTER_STOPPED)
    assert time.monotonic() - started < 5
    assert words in error.reason
    assert fake.calls("cancel") == [["kiosk-7"]]


def test_held_job(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fake_cups.install(tmp_path, monkeypatch, jobs=[HELD])
    fail(CupsPrinter("kiosk"), PrintFault.HELD)
    assert fake.calls("cancel") == [["kiosk-7"]]


def test_job_not_finished_in_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fake_cups.install(tmp_path, monkeypatch, jobs=[PENDING])
    started = time.monotonic()
    error = fail(CupsPrinter("kiosk", timeout_s=0.5, poll_s=0.05), PrintFault.TIMEOUT)
    assert 0.5 <= time.monotonic() - started < 3
    assert "not printed within 0.5 s" in error.reason
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


@pytest.mark.parametrize("queue", ["", "-o", "two words", "a/b", "x#1", "q" * 200])
def test_invalid_queue_names_are_refused(queue: str) -> None:
    with pytest.raises(ValueError, match="invalid CUPS queue name"):
        CupsPrinter(queue)


def test_parsers_read_real_lpstat_output() -> None:
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
