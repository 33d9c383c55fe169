"""The central server's units (installer/central): the service and the daily purge pass
systemd-analyze verify against this machine's systemd, and start real commands."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

UNITS = Path(__file__).parents[2] / "installer" / "central"
PROGRAM = "/opt/mpp-central/venv/bin/mpp-central"


def _exec_start(unit: Path) -> list[str]:
    line = next(x for x in unit.read_text().splitlines() if x.startswith("ExecStart="))
    return shlex.split(line.removeprefix("ExecStart="))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A root with the machine's own units, the central units and the program they start."""
    root = tmp_path / "root"
    shutil.copytree("/lib/systemd/system", root / "usr/lib/systemd/system", symlinks=True)
    (root / "etc/systemd/system").mkdir(parents=True)
    for unit in UNITS.iterdir():
        shutil.copy2(unit, root / "etc/systemd/system" / unit.name)
    program = root / PROGRAM.lstrip("/")
    program.parent.mkdir(parents=True)
    shutil.copy2(Path(sys.executable).with_name("mpp-central"), program)
    return root


def test_every_central_unit_passes_systemd_analyze_verify(root: Path) -> None:
    units = sorted(p.name for p in UNITS.iterdir())
    assert units == ["mpp-central-purge.service", "mpp-central-purge.timer", "mpp-central.service"]
    for name in units:
        result = subprocess.run(
            [
                "systemd-analyze",
                "verify",
                f"--root={root}",
                "--man=no",
                "--generators=no",
                f"/etc/systemd/system/{name}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (result.returncode, result.stderr) == (0, ""), name


@pytest.mark.parametrize("unit", ["mpp-central.service", "mpp-central-purge.service"])
def test_the_units_start_commands_the_program_has(unit: str) -> None:
    argv = _exec_start(UNITS / unit)
    assert argv[0] == PROGRAM
    here = [str(Path(sys.executable).with_name("mpp-central")), argv[1], "--help"]
    done = subprocess.run(here, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    for flag in argv[2:]:
        if flag.startswith("--"):
            assert flag in done.stdout


def test_the_purge_runs_daily_and_catches_up_after_a_night_off() -> None:
    timer = (UNITS / "mpp-central-purge.timer").read_text()
    assert "OnCalendar=*-*-* 02:00:00" in timer
    assert "Persistent=true" in timer
