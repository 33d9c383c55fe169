"""The hall's SQLite file (PIN hashes, sealed personal data) is readable by its user only."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.db import data_dir
from kiosk.infra.db import DatabaseError, Schema, open_database
from tests.conftest import site_config

NO_MIGRATIONS = Schema(migrations=Path("nowhere"), head="0001", lock=1, program="test")


@pytest.fixture(autouse=True)
def _usual_umask() -> Iterator[None]:
    """The umask a service user usually has: files 0644, folders 0755 unless made private."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_makes_the_data_folder_0700_and_the_database_0600(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = site_config(tmp_path, "")  # the embedded SQLite file in the data directory
    assert main(["--config", str(config), "init", "--demo"]) == 0
    capsys.readouterr()
    folder = data_dir()
    assert mode(folder) == 0o700
    database = folder / "hall.sqlite3"
    written = [database, *(database.with_name(f"hall.sqlite3{end}") for end in ("-wal", "-shm"))]
    assert {path.name: mode(path) for path in written if path.exists()} == {
        path.name: 0o600 for path in written if path.exists()
    }
    assert mode(database) == 0o600


def test_an_older_install_with_a_readable_file_is_narrowed(tmp_path: Path) -> None:
    database = tmp_path / "hall.sqlite3"
    folder_mode = mode(tmp_path)
    database.touch(mode=0o644)
    database.chmod(0o644)
    db = open_database(f"sqlite:///{database}", NO_MIGRATIONS)
    db.dispose()
    assert mode(database) == 0o600
    assert mode(tmp_path) == folder_mode  # a folder it did not make is left as it was


def test_a_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(DatabaseError, match="cannot create the database file"):
        open_database(f"sqlite:///{blocker / 'hall.sqlite3'}", NO_MIGRATIONS)
