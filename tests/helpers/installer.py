"""Running installer/ scripts against a staging root, and reading what they wrote."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
INSTALLER = PROJECT / "installer"
VENV = Path(sys.executable).parent.parent
"""The test run's own venv: staged releases use it (--use-venv) instead of building one."""

SITE = ("--site-id", "mpp-kota-test", "--name", "MPP Kota Uji", "--timezone", "Asia/Makassar")


@dataclass(frozen=True)
class Entry:
    """One line of /opt/mpp-kiosk/install-manifest: what install.sh wrote, and how."""

    kind: str
    path: str
    mode: str  # the octal mode, or a link's target
    owner: str
    group: str


def run(script: str, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run installer/SCRIPT with ARGS; its output kept for the assertion."""
    result = subprocess.run(
        [str(INSTALLER / script), *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "START_TIMEOUT": "60"},
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"{script} exited {result.returncode}:\n{result.stderr}")
    return result


def install(root: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """install.sh --root ROOT with the test venv and the test site."""
    return run("install.sh", "--root", root, "--use-venv", VENV, *SITE, *args)


def manifest(root: Path) -> dict[str, Entry]:
    """The manifest install.sh left in ROOT, by path."""
    lines = (root / "opt/mpp-kiosk/install-manifest").read_text(encoding="utf-8").splitlines()
    entries = [Entry(*line.split("\t")) for line in lines]
    return {entry.path: entry for entry in entries}


def current_release(root: Path) -> str:
    """The release /opt/mpp-kiosk/current points at."""
    return os.readlink(root / "opt/mpp-kiosk/current").removeprefix("releases/")


def releases(root: Path) -> list[str]:
    """The releases kept beside each other, oldest first."""
    return sorted(path.name for path in (root / "opt/mpp-kiosk/releases").iterdir())


def verify_root(staged: Path, into: Path) -> Path:
    """A copy of STAGED that systemd-analyze verify --root can read.

    The machine's own unit files (sysinit.target and the rest) and the programs the
    units start (cage, xinit) are copied in; each release's venv, a link to the test
    venv outside the root, becomes a copy of that venv's bin/ folder.
    """
    shutil.copytree(staged, into, symlinks=True)
    for release in (into / "opt/mpp-kiosk/releases").iterdir():
        venv = release / "venv"
        target = Path(os.readlink(venv))
        venv.unlink()
        shutil.copytree(target / "bin", venv / "bin", symlinks=True)
    shutil.copytree("/lib/systemd/system", into / "usr/lib/systemd/system", symlinks=True)
    (into / "usr/bin").mkdir(parents=True, exist_ok=True)
    for program in ("cage", "xinit"):
        found = shutil.which(program)
        assert found, f"{program} is missing: run installer/system-deps.sh"
        shutil.copy2(found, into / "usr/bin" / program)
    return into
