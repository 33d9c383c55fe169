"""update.sh on a staged install: a new version beside the old, a migrated copy of the
data, the switch, and the automatic rollback when the new version fails its first start.

A new version that fails is staged as a venv whose mpp-kiosk is the real one for every
command but the faces, which die at start the way a broken build does; one that cannot
migrate dies at `init` too. The first start in a staging root is the face started
offscreen as its unit starts it: it must say READY=1 and feed the watchdog.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.installer import INSTALLER, VENV, current_release, releases, run

BROKEN = """#!/bin/sh
case "$1" in {commands}) echo "ImportError: a broken build" >&2; exit 1 ;; esac
exec {real} "$@"
"""


def _broken_venv(folder: Path, commands: str) -> Path:
    (folder / "bin").mkdir(parents=True)
    script = folder / "bin/mpp-kiosk"
    script.write_text(BROKEN.format(commands=commands, real=VENV / "bin/mpp-kiosk"))
    script.chmod(0o755)
    return folder


@pytest.fixture
def installed(kiosk_copy: Path) -> Path:
    (kiosk_copy / "var/lib/mpp-kiosk/kiosk.log").write_text("before the update\n")
    return kiosk_copy


def _dump(root: Path) -> list[str]:
    with sqlite3.connect(root / "var/lib/mpp-kiosk/hall.sqlite3") as db:
        return list(db.iterdump())


def _data(root: Path) -> dict[str, bytes]:
    folder = root / "var/lib/mpp-kiosk"
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_an_update_switches_after_migrating_a_copy(installed: Path) -> None:
    old = current_release(installed)
    before = _dump(installed)

    result = run("update.sh", "--root", installed, "--use-venv", VENV)

    new = current_release(installed)
    assert new != old
    assert releases(installed) == [old, new]
    assert f"{new} is in service; {old} and its data are kept" in result.stdout
    assert _dump(installed) == before
    kept = installed / "var/lib/mpp-kiosk-rollback"
    assert (kept / "release").read_text() == f"{old}\n"
    assert (kept / "mpp-kiosk/kiosk.log").read_text() == "before the update\n"
    assert not (installed / "var/lib/mpp-kiosk-update").exists()

    run("update.sh", "--root", installed, "--use-venv", VENV)
    assert releases(installed) == [new, current_release(installed)]  # two releases kept


@pytest.mark.parametrize(
    ("dies_at", "outcome"),
    [
        ("kiosk|display", "{new} failed its first start; rolled back to {old} with its data"),
        (
            "init|kiosk|display",
            "{new} could not migrate a copy of the data; {old} kept, nothing changed",
        ),
    ],
)
def test_a_new_version_that_fails_leaves_the_old_one_and_its_data(
    dies_at: str, outcome: str, installed: Path, tmp_path: Path
) -> None:
    old = current_release(installed)
    data = _data(installed)
    broken = _broken_venv(tmp_path / "broken", dies_at)

    result = run("update.sh", "--root", installed, "--use-venv", broken, check=False)

    assert result.returncode == 1
    assert "ImportError: a broken build" in result.stderr
    updating = result.stdout.splitlines()[0]
    assert updating.startswith(f"update.sh: updating {old} -> ")
    new = updating.rsplit(" ", 1)[1]
    assert result.stderr.splitlines()[-1] == "update.sh: " + outcome.format(new=new, old=old)
    assert current_release(installed) == old
    assert releases(installed) == [old]
    assert _data(installed) == data
    assert not (installed / "var/lib/mpp-kiosk-update").exists()
    assert not (installed / "var/lib/mpp-kiosk-rollback").exists()


def test_rollback_by_hand_puts_back_the_version_and_data_before_the_update(
    installed: Path,
) -> None:
    old = current_release(installed)
    data = _data(installed)
    run("update.sh", "--root", installed, "--use-venv", VENV)
    (installed / "var/lib/mpp-kiosk/kiosk.log").write_text("written by the new version\n")

    result = run("update.sh", "--root", installed, "--rollback")

    assert result.stdout == f"update.sh: rolled back to {old} with the data it had\n"
    assert current_release(installed) == old
    assert _data(installed) == data
    again = run("update.sh", "--root", installed, "--rollback", check=False)
    assert (again.returncode, again.stderr) == (1, "update.sh: nothing to roll back to\n")


def test_update_before_install_is_one_line(tmp_path: Path) -> None:
    result = run("update.sh", "--root", tmp_path / "nothing", "--use-venv", VENV, check=False)
    assert (result.returncode, result.stderr) == (
        1,
        f"update.sh: {tmp_path}/nothing/etc/mpp-kiosk/install.conf is missing;"
        " run install.sh first\n",
    )


def test_the_data_folders_are_swapped_in_one_step(tmp_path: Path) -> None:
    served, migrated = tmp_path / "mpp-kiosk", tmp_path / "copy"
    served.mkdir()
    migrated.mkdir()
    (served / "hall.sqlite3").write_text("old")
    (migrated / "hall.sqlite3").write_text("new")
    exchange = str(INSTALLER / "lib/exchange.py")

    subprocess.run([sys.executable, exchange, served, migrated], check=True)

    assert (served / "hall.sqlite3").read_text() == "new"
    assert (migrated / "hall.sqlite3").read_text() == "old"
    gone = subprocess.run(
        [sys.executable, exchange, served, tmp_path / "gone"], capture_output=True, text=True
    )
    assert (gone.returncode, gone.stderr) == (
        1,
        f"exchange.py: {served} <-> {tmp_path}/gone: No such file or directory\n",
    )
    assert (served / "hall.sqlite3").read_text() == "new"


def test_one_installer_at_a_time(installed: Path) -> None:
    holder = os.open(installed, os.O_RDONLY)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)  # as a running install.sh holds it
        result = run("update.sh", "--root", installed, "--use-venv", VENV, check=False)
    finally:
        os.close(holder)
    assert (result.returncode, result.stderr) == (
        1,
        "update.sh: another install.sh, update.sh or uninstall.sh is running here\n",
    )
    assert releases(installed) == [current_release(installed)]
