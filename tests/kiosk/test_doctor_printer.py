"""doctor on a CUPS printer whose queue looks fine while its jobs hang."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.conftest import site_config
from tests.printing import fake_cups


def test_doctor_fails_on_a_job_hung_past_the_time_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    printer = {"backend": "cups", "name": "kiosk", "timeout_seconds": 20}
    config = site_config(tmp_path, f"sqlite:///{tmp_path / 'hall.sqlite3'}", printer=printer)
    assert main(["--config", str(config), "init"]) == 0
    sent = datetime.now() - timedelta(minutes=5)
    fake_cups.install(tmp_path, monkeypatch, jobs=[fake_cups.queued("kiosk-7", sent)])
    capsys.readouterr()

    code = main(["--config", str(config), "doctor"])

    out = capsys.readouterr().out
    assert code == 1
    (line,) = [line for line in out.splitlines() if "printer" in line]
    assert line.startswith("FAIL printer")
    assert "CUPS queue kiosk: 1 job(s) not printed within 20 s, the oldest kiosk-7" in line
