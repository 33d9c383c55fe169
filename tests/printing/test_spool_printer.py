"""The spool back-end and the back-end factory."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from printing import make_printer
from printing.cups import CupsPrinter
from printing.printer import PrintError, PrintFault
from printing.spool import LEFTOVER_AGE_S, SpoolPrinter

PDF = b"%PDF-1.4 fake slip\n%%EOF\n"


def test_writes_the_pdf_under_its_job_name(tmp_path: Path) -> None:
    job = SpoolPrinter(tmp_path / "spool").print_pdf(PDF, "A-007")
    assert job.backend == "spool"
    assert job.path is not None
    assert job.path.parent == tmp_path / "spool"
    assert job.path.name == job.job_id
    assert job.path.name.endswith("-A-007.pdf")
    assert job.path.read_bytes() == PDF
    assert sorted(p.name for p in (tmp_path / "spool").iterdir()) == [job.path.name]


def test_names_sort_in_printing_order(tmp_path: Path) -> None:
    printer = SpoolPrinter(tmp_path)
    names = [printer.print_pdf(PDF, name).job_id for name in ("Z-9", "A-1", "M-5") * 20]
    assert len(set(names)) == len(names)
    assert sorted(names) == names


def test_hostile_job_names_stay_in_the_folder(tmp_path: Path) -> None:
    printer = SpoolPrinter(tmp_path / "spool")
    for name in ("../../etc/passwd", "", "\x00\n", "Antrian ñ/é *?"):
        job = printer.print_pdf(PDF, name)
        assert job.path is not None
        assert job.path.parent == tmp_path / "spool"
    names = sorted(p.name for p in (tmp_path / "spool").iterdir())
    assert [name.split("-", 1)[1] for name in names] == [
        "etc-passwd.pdf",
        "slip.pdf",
        "slip.pdf",
        "Antrian-n-e.pdf",
    ]


def test_content_is_synced_before_it_gets_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_rename = os.fsync, os.rename

    def fsync(descriptor: int) -> None:
        events.append("fsync")
        real_fsync(descriptor)

    def rename(source: str, target: Path) -> None:
        events.append(f"rename {Path(source).name[:1]}{Path(source).suffix} -> {target.suffix}")
        real_rename(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "rename", rename)
    SpoolPrinter(tmp_path).print_pdf(PDF, "A-007")
    assert events == ["fsync", "rename ..part -> .pdf", "fsync"]


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def rename(source: str, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(PrintError, match="No space left on device") as caught:
        SpoolPrinter(tmp_path).print_pdf(PDF, "A-007")
    assert caught.value.fault is PrintFault.SPOOL_FAILED
    assert list(tmp_path.iterdir()) == []


def test_status_reports_whether_the_folder_is_writable(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    good = SpoolPrinter(tmp_path / "spool").status()
    bad = SpoolPrinter(blocker / "spool").status()
    assert good.ok
    assert "is writable" in good.detail
    assert not bad.ok
    assert str(blocker / "spool") in bad.detail
    with pytest.raises(PrintError) as caught:
        SpoolPrinter(blocker / "spool").print_pdf(PDF, "A-007")
    assert caught.value.fault is PrintFault.SPOOL_FAILED


def test_make_printer_builds_the_configured_backend(tmp_path: Path) -> None:
    spool = make_printer("spool", name=None, spool_dir=tmp_path, timeout_s=5)
    cups = make_printer("cups", name="kiosk", spool_dir=tmp_path, timeout_s=5)
    assert isinstance(spool, SpoolPrinter)
    assert spool.folder == tmp_path
    assert isinstance(cups, CupsPrinter)
    assert (cups.queue, cups.timeout_s) == ("kiosk", 5)


@pytest.mark.parametrize(
    ("backend", "name", "message"),
    [("cups", None, "needs a queue name"), ("laser", "x", "unknown printer back-end")],
)
def test_make_printer_rejects_bad_settings(
    backend: str, name: str | None, message: str, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match=message):
        make_printer(backend, name=name, spool_dir=tmp_path, timeout_s=5)


INTERRUPTED = """
import os, signal, sys
from pathlib import Path
from printing.spool import SpoolPrinter

def killed(*args: object) -> None:  # the power cut between the write and the rename
    os.kill(os.getpid(), signal.SIGKILL)

os.rename = killed
SpoolPrinter(Path(sys.argv[1])).print_pdf(b"%PDF-1.4 half a slip", "A-007")
"""


def test_a_slip_interrupted_before_its_rename_leaves_no_part_file_for_long(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "spool"
    done = subprocess.run([sys.executable, "-c", INTERRUPTED, str(folder)], check=False)
    assert done.returncode == -signal.SIGKILL
    (left,) = folder.glob(".*.part")
    minutes_ago = time.time() - 2 * LEFTOVER_AGE_S
    os.utime(left, (minutes_ago, minutes_ago))  # the kiosk comes back a while later
    being_written = folder / ".tmp-another-process.part"
    being_written.write_bytes(b"%PDF")

    job = SpoolPrinter(folder).print_pdf(PDF, "A-008")

    assert sorted(p.name for p in folder.iterdir()) == sorted([job.job_id, being_written.name])
