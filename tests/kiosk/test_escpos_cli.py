"""A hall configured for an ESC/POS printer: print-test prints on it, doctor asks its state."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.conftest import site_config
from tests.helpers.escpos_printer import COVER_OPEN, FakeNetworkPrinter, raster_image
from tests.printing.slip_tools import decode_qr


@pytest.fixture
def fake() -> Iterator[FakeNetworkPrinter]:
    printer = FakeNetworkPrinter().start()
    yield printer
    printer.stop()


@pytest.fixture
def config(tmp_path: Path, fake: FakeNetworkPrinter) -> Path:
    return site_config(
        tmp_path,
        f"sqlite:///{tmp_path / 'hall.sqlite3'}",
        printer={"backend": "escpos", "device": fake.device, "paper_width": 58},
    )


def test_print_test_prints_a_slip_on_the_configured_thermal_printer(
    tmp_path: Path, config: Path, fake: FakeNetworkPrinter, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(config), "print-test"]) == 0
    assert capsys.readouterr().out.strip() == "job printer-test"
    page = raster_image(fake.job_bytes())
    assert page.width == 384  # 58 mm paper: 48 mm of 8 dots
    page.save(tmp_path / "test.png")
    (url,) = decode_qr(tmp_path / "test.png")
    assert url.startswith("https://")


def test_doctor_names_a_printer_with_its_cover_open(
    config: Path, fake: FakeNetworkPrinter, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.state = COVER_OPEN
    assert main(["--config", str(config), "doctor"]) == 1
    out = capsys.readouterr().out
    assert f"printer: escpos: cover open (tcp 127.0.0.1:{fake.port})" in out
    assert fake.job_bytes() == b""
