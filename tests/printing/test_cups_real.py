"""Print a slip through a real CUPS scheduler onto the cups-pdf virtual printer."""

import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from printing import render_slip
from printing.cups import CupsPrinter
from printing.printer import PrintError, PrintFault
from tests.printing.slip_tools import decode_qr, page_size_pt, rasterise
from tools.samples import URL, ticket

pytestmark = pytest.mark.cups

QUEUE = "kiosk_pdf_test"
PPD = "lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd"
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
SBIN = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])


def _tool(name: str) -> str:
    path = shutil.which(name, path=SBIN)
    if path is None:
        pytest.skip(f"CUPS is not installed: no {name!r} command (Debian cups, cups-client)")
    return path


def _run(*argv: str) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=True)
    return done.stdout


def _ensure_scheduler(lpstat: str, cupsd: str) -> None:
    if _run(lpstat, "-r").strip() == "scheduler is running":
        return
    subprocess.run([cupsd], check=True, timeout=30)
    deadline = time.monotonic() + 15
    while _run(lpstat, "-r").strip() != "scheduler is running":
        assert time.monotonic() < deadline, "cupsd was started but the scheduler never answered"
        time.sleep(0.1)


def _cups_pdf_model(lpinfo: str) -> str:
    models = _run(lpinfo, "-m").splitlines()
    if any(line.split(" ", 1)[0] == PPD for line in models):
        return PPD
    found = [line.split(" ", 1)[0] for line in models if "CUPS-PDF" in line]
    assert found, "no CUPS-PDF driver: install printer-driver-cups-pdf"
    return found[0]


def cups_pdf_output_dir() -> Path:
    """Return where cups-pdf writes the current user's jobs (``Out`` in cups-pdf.conf)."""
    text = CUPS_PDF_CONF.read_text() if CUPS_PDF_CONF.exists() else ""
    match = re.search(r"^Out\s+(.+?)\s*$", text, re.MULTILINE)
    out = match.group(1) if match else "${HOME}/PDF"
    return Path(out.replace("${HOME}", pwd.getpwuid(os.getuid()).pw_dir))


@pytest.fixture(scope="module")
def cups_queue() -> Iterator[str]:
    """A running scheduler with the cups-pdf capture printer QUEUE, deleted afterwards."""
    lpstat, lpadmin, lpinfo = _tool("lpstat"), _tool("lpadmin"), _tool("lpinfo")
    _tool("lp")
    _ensure_scheduler(lpstat, _tool("cupsd"))
    _run(lpadmin, "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-m", _cups_pdf_model(lpinfo))
    yield QUEUE
    _run(lpadmin, "-x", QUEUE)


def _wait_for_output(folder: Path, token: str) -> Path:
    deadline = time.monotonic() + 15
    while True:
        found = sorted(folder.glob(f"*{token}*.pdf"))
        if found:
            return found[0]
        assert time.monotonic() < deadline, f"cups-pdf wrote no *{token}*.pdf into {folder}"
        time.sleep(0.1)


def test_slip_printed_through_cups_pdf_decodes(cups_queue: str, tmp_path: Path) -> None:
    printer = CupsPrinter(cups_queue, timeout_s=30)
    assert printer.status().ok, printer.status().detail
    token = secrets.token_hex(6)
    slip = ticket(headline="B-042")

    job = printer.print_pdf(render_slip(slip), f"kiosktest{token}")

    assert job.job_id.startswith(f"{cups_queue}-")
    output = _wait_for_output(cups_pdf_output_dir(), token)
    printed = output.read_bytes()
    output.unlink()
    printed_width, _, pages = page_size_pt(printed, tmp_path)
    assert pages == 1
    assert printed_width == pytest.approx(page_size_pt(render_slip(slip), tmp_path)[0], abs=1.5)
    assert decode_qr(rasterise(printed, tmp_path)) == [URL]
    with pytest.raises(PrintError) as caught:
        CupsPrinter(f"{cups_queue}_missing").print_pdf(render_slip(slip), "nowhere")
    assert caught.value.fault is PrintFault.UNKNOWN_QUEUE


@pytest.fixture
def make_queue(cups_queue: str) -> Iterator[Callable[[str], str]]:
    """Make uniquely named cups-pdf queues on a device URI; each is deleted afterwards."""
    lpadmin, cancel = _tool("lpadmin"), _tool("cancel")
    model = _cups_pdf_model(_tool("lpinfo"))
    made: list[str] = []

    def make(device_uri: str) -> str:
        queue = f"kiosk_test_{secrets.token_hex(4)}"
        _run(lpadmin, "-p", queue, "-E", "-v", device_uri, "-m", model)
        made.append(queue)
        return queue

    yield make
    for queue in made:
        subprocess.run([cancel, "-a", queue], capture_output=True, timeout=30, check=False)
        _run(lpadmin, "-x", queue)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_doctor_sees_a_job_hung_past_the_time_out(make_queue: Callable[[str], str]) -> None:
    """A network printer that is off: the queue stays enabled and idle-looking, the job hangs."""
    queue = make_queue(f"socket://127.0.0.1:{_closed_port()}")
    printer = CupsPrinter(queue, timeout_s=1, cancel_on_failure=False)
    assert printer.status().ok, printer.status().detail
    with pytest.raises(PrintError) as caught:
        printer.print_pdf(render_slip(ticket()), "hung")
    assert caught.value.fault is PrintFault.TIMEOUT
    deadline = time.monotonic() + 15
    while (status := printer.status()).ok:
        assert time.monotonic() < deadline, "the hung job was never reported"
        time.sleep(0.2)
    assert (
        f"CUPS queue {queue}: 1 job(s) not printed within 1 s, the oldest {queue}-" in status.detail
    )


def _server_bins() -> list[str]:
    """Where cupsd looks for back-ends: ServerBin in cups-files.conf, else the defaults."""
    conf = Path("/etc/cups/cups-files.conf")
    text = conf.read_text() if conf.exists() else ""
    match = re.search(r"^ServerBin\s+(.+?)\s*$", text, re.MULTILINE)
    return [*(match.groups() if match else ()), "/usr/lib/cups", "/usr/libexec/cups"]


BACKEND = """#!/bin/sh
# mpp-kiosk test printer: reports out of paper while DIR/mode says so, as a thermal
# printer's back-end does, and never clears the report when the paper is back.
[ $# -eq 0 ] && { echo 'direct mppkiosktest "Unknown" "mpp-kiosk test printer"'; exit 0; }
dir=${DEVICE_URI#mppkiosktest:}
if [ "$(cat "$dir/mode")" = paper-out ]; then
  echo "STATE: +media-empty-error" >&2
  while [ "$(cat "$dir/mode")" = paper-out ]; do sleep 0.2; done
fi
if [ -n "$6" ]; then cat "$6"; else cat; fi > "$dir/printed-$1"
"""


@pytest.fixture
def paper_printer(make_queue: Callable[[str], str], tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A queue on a test back-end whose paper runs out while ``mode`` says paper-out."""
    folders = [Path(folder) / "backend" for folder in _server_bins()]
    found = [folder for folder in folders if folder.is_dir()]
    if not found or not os.access(found[0], os.W_OK):
        pytest.skip(f"cannot install a test back-end into {found[:1] or folders}")
    backend = found[0] / "mppkiosktest"
    backend.write_text(BACKEND)
    backend.chmod(0o700)  # CUPS runs a 0700 back-end as root, so it can read tmp_path
    (tmp_path / "mode").write_text("paper-out\n")
    try:
        yield make_queue(f"mppkiosktest:{tmp_path}"), tmp_path
    finally:
        backend.unlink()


def test_after_paper_out_the_next_slip_prints_although_cups_still_says_out_of_paper(
    paper_printer: tuple[str, Path],
) -> None:
    queue, folder = paper_printer
    printer = CupsPrinter(queue, timeout_s=30)
    with pytest.raises(PrintError) as caught:
        printer.print_pdf(render_slip(ticket()), "paper-out")
    assert caught.value.fault is PrintFault.PRINTER_STOPPED
    assert "out of paper" in caught.value.reason
    assert not printer.status().ok
    (folder / "mode").write_text("ok\n")

    job = printer.print_pdf(render_slip(ticket()), "paper-back")

    assert (folder / f"printed-{job.job_id.rsplit('-', 1)[1]}").exists()
    assert "media-empty-error" in _run(_tool("lpstat"), "-l", "-p", queue)  # CUPS keeps it
    assert printer.status().ok, printer.status().detail
    printer.print_pdf(render_slip(ticket()), "next")
