"""uninstall.sh on a staged install: the programs go, the data stays unless --purge."""

from __future__ import annotations

import os
from pathlib import Path

from tests.helpers.installer import VENV, run


def _everything(root: Path) -> set[str]:
    return {
        "/" + str((Path(folder) / name).relative_to(root))
        for folder, dirs, files in os.walk(root)
        for name in dirs + files
    }


def test_uninstall_keeps_the_data_and_the_configuration(kiosk_copy: Path) -> None:
    root = kiosk_copy
    run("update.sh", "--root", root, "--use-venv", VENV)  # a rollback folder and two releases

    result = run("uninstall.sh", "--root", root)

    assert result.stdout.startswith("uninstall.sh: removed from ")
    left = _everything(root)
    assert "/opt/mpp-kiosk" not in left
    assert "/usr/local/bin/mpp-kiosk" not in left
    assert not any(path.startswith("/etc/systemd/system/") for path in left)
    assert not (root / "var/lib/mpp-kiosk-rollback").exists()
    assert {
        "/var/lib/mpp-kiosk/hall.sqlite3",
        "/var/lib/mpp-kiosk/complaints.key",
        "/etc/mpp-kiosk/kiosk.toml",
        "/etc/mpp-kiosk/backup.passphrase",
        "/var/backups/mpp-kiosk",
        "/etc/localtime",
    } <= left


def test_purge_leaves_only_the_time_zone(kiosk_copy: Path) -> None:
    root = kiosk_copy
    run("uninstall.sh", "--root", root, "--purge")
    left = {path for path in _everything(root) if not (root / path.lstrip("/")).is_dir()}
    assert left == {"/etc/localtime"}  # and empty system folders such as /etc/udev/rules.d


def test_uninstall_of_nothing_is_one_line(tmp_path: Path) -> None:
    result = run("uninstall.sh", "--root", tmp_path, check=False)
    assert (result.returncode, result.stderr) == (
        1,
        f"uninstall.sh: nothing installed here ({tmp_path}/opt/mpp-kiosk/install-manifest"
        " is missing)\n",
    )
