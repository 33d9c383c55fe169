"""Print a slip through a real CUPS scheduler onto the cups-pdf virtual printer."""

import os
import pwd
import re
import secrets
import shutil
import subprocess
import time
from collections.abc import Iterator
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
