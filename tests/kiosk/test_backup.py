"""mpp-kiosk backup and restore: a populated hall round-trips; bad files, passphrases and
schemas are refused in one line with nothing changed; a restore is whole or not at all."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from kiosk.cli import main
from kiosk.db import alembic_config
from kiosk.hall import open_hall
from kiosk.hall_key import key_path
from kiosk.migrations import SCHEMA_HEAD
from kiosk.models import Staff
from kiosk.settings import load_settings
from tests.conftest import site_config
from tests.helpers.clock import FakeClock
from tests.helpers.complaints import fill, new_form
from tests.helpers.feeds import load

PASSPHRASE = "kunci cadangan aula 2026"
DEMO_FEED = Path(__file__).resolve().parents[2] / "config" / "demo" / "jobs.json"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return site_config(tmp_path, f"sqlite:///{tmp_path / 'hall.sqlite3'}")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "backup.pass"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def run(capsys: pytest.CaptureFixture[str], config: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--config", str(config), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def populate(config: Path, tickets: int = 3) -> str:
    """A hall in use: the jobs feed, tickets called, a complaint; its reference."""
    hall = open_hall(load_settings(config), FakeClock())
    try:
        with hall.db.sessions.begin() as session:
            if session.query(Staff).filter_by(username="rina").first() is None:
                session.add(Staff(username="rina", name="Rina", role="officer", pin_hash="-"))
        assert not load(hall, DEMO_FEED).rejected
        for _ in range(tickets):
            hall.queue.issue_ticket("jobs")
        hall.queue.call_next(1)
        hall.queue.start(1)
        hall.queue.finish(1)
        form = new_form()
        fill(form)
        return hall.complaints.submit(form).reference
    finally:
        hall.close()


def opened(config: Path, reference: str) -> list[tuple[str, str]]:
    """The complaint's answers in full, as an officer who shows them reads them."""
    hall = open_hall(load_settings(config), FakeClock())
    try:
        detail = hall.complaints.open(reference, hall.queue.staff_id("rina"), show=True)
        return detail.lines("en")
    finally:
        hall.close()


def dump(config: Path) -> list[str]:
    """Every table and row of the hall database, as SQL."""
    path = Path(load_settings(config).database.url.removeprefix("sqlite:///"))
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return list(connection.iterdump())


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.mppbak"))


@pytest.fixture
def backed_up(
    tmp_path: Path, config: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, str, list[str], bytes]:
    """A populated hall and its backup: (file, complaint reference, dump, key)."""
    reference = populate(config)
    code, out, err = run(
        capsys, config, "backup", str(tmp_path / "backups"), "--passphrase-file", str(secret)
    )
    assert (code, err) == (0, ""), err
    (file,) = backups(tmp_path / "backups")
    assert str(file) in out
    return file, reference, dump(config), key_path().read_bytes()


def test_a_populated_hall_round_trips(
    backed_up: tuple[Path, str, list[str], bytes],
    config: Path,
    secret: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file, reference, before, key = backed_up
    answers = opened(config, reference)  # recorded as a show: the database moves on
    assert oct(file.stat().st_mode & 0o777) == "0o600"
    assert b"CREATE TABLE" not in file.read_bytes()  # sealed, not a plain copy
    tables = {match[1] for line in before if (match := re.match(r'INSERT INTO "?(\w+)', line))}
    assert {"tickets", "complaints", "postings", "outbox"} <= tables
    populate(config, tickets=2)  # the hall goes on after the backup
    assert dump(config) != before

    code, out, err = run(capsys, config, "restore", str(file), "--passphrase-file", str(secret))
    assert (code, err) == (0, "")
    assert "restored the backup of mpp-kab-probolinggo" in out
    assert dump(config) == before
    assert key_path().read_bytes() == key
    assert opened(config, reference) == answers  # the restored key opens the complaint


def test_a_new_device_is_restored_from_the_backup_alone(
    backed_up: tuple[Path, str, list[str], bytes],
    config: Path,
    secret: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file, _, before, key = backed_up
    database = Path(load_settings(config).database.url.removeprefix("sqlite:///"))
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm"), key_path()):
        path.unlink(missing_ok=True)
    code, out, err = run(
        capsys, config, "--json", "restore", str(file), "--passphrase-file", str(secret)
    )
    assert (code, err) == (0, "")
    assert json.loads(out)["keys"] == ["complaints.key"]
    assert dump(config) == before
    assert key_path().read_bytes() == key
    assert oct(key_path().stat().st_mode & 0o777) == "0o600"
    assert oct(database.stat().st_mode & 0o777) == "0o600"


def test_a_backup_from_an_older_schema_is_brought_up_to_date(
    tmp_path: Path, config: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = Path(load_settings(config).database.url.removeprefix("sqlite:///"))
    engine = create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0010")
    engine.dispose()
    folder = tmp_path / "backups"
    code, out, _ = run(
        capsys, config, "--json", "backup", str(folder), "--passphrase-file", str(secret)
    )
    assert (code, json.loads(out)["schema"]) == (0, "0010")
    database.unlink()
    (file,) = backups(folder)
    code, out, err = run(
        capsys, config, "--json", "restore", str(file), "--passphrase-file", str(secret)
    )
    assert (code, err) == (0, "")
    assert json.loads(out)["schema"] == SCHEMA_HEAD
    with contextlib.closing(sqlite3.connect(database)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            SCHEMA_HEAD,
        )


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (lambda data: data[:-1] + bytes([data[-1] ^ 1]), "wrong passphrase, or the backup file"),
        (lambda data: data[:200], "wrong passphrase, or the backup file is damaged"),
        (lambda data: b"SQLite format 3\x00" + data, "not an mpp-kiosk backup file"),
        (lambda data: data.replace(b'"n": 32768', b'"n": 3'), "header is damaged"),
    ],
)
def test_a_damaged_file_is_refused_before_anything_is_touched(
    backed_up: tuple[Path, str, list[str], bytes],
    config: Path,
    secret: Path,
    capsys: pytest.CaptureFixture[str],
    spoil: object,
    reason: str,
) -> None:
    file, _, _, key = backed_up
    assert callable(spoil)
    file.write_bytes(spoil(file.read_bytes()))
    populate(config, tickets=1)
    now = dump(config)
    code, _, err = run(capsys, config, "restore", str(file), "--passphrase-file", str(secret))
    assert code == 2
    assert reason in err
    assert err.count("\n") == 1
    assert dump(config) == now
    assert key_path().read_bytes() == key


def test_the_wrong_passphrase_restores_nothing(
    backed_up: tuple[Path, str, list[str], bytes],
    tmp_path: Path,
    config: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file, _, before, _ = backed_up
    wrong = tmp_path / "wrong.pass"
    wrong.write_text("not the passphrase at all", encoding="utf-8")
    wrong.chmod(0o400)
    populate(config, tickets=1)
    now = dump(config)
    code, _, err = run(capsys, config, "restore", str(file), "--passphrase-file", str(wrong))
    assert code == 2
    assert "wrong passphrase" in err
    assert dump(config) == now != before


def test_a_backup_from_a_newer_schema_is_refused(
    tmp_path: Path, config: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(config)
    database = Path(load_settings(config).database.url.removeprefix("sqlite:///"))
    with contextlib.closing(sqlite3.connect(database)) as connection, connection:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    folder = tmp_path / "backups"
    assert run(capsys, config, "backup", str(folder), "--passphrase-file", str(secret))[0] == 0
    with contextlib.closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    now = dump(config)
    (file,) = backups(folder)
    code, _, err = run(capsys, config, "restore", str(file), "--passphrase-file", str(secret))
    assert code == 2
    assert "the backup's schema 9999 is newer than this app's" in err
    assert dump(config) == now


def test_a_restore_that_cannot_finish_leaves_the_old_database_and_key(
    backed_up: tuple[Path, str, list[str], bytes],
    config: Path,
    secret: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file, _, before, _ = backed_up
    populate(config, tickets=1)
    now = dump(config)
    other_key = key_path().read_bytes()[::-1]
    key_path().write_bytes(other_key)
    database = Path(load_settings(config).database.url.removeprefix("sqlite:///"))
    with contextlib.closing(sqlite3.connect(database, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
        code, _, err = run(capsys, config, "restore", str(file), "--passphrase-file", str(secret))
        writer.execute("ROLLBACK")
    assert code == 1
    assert "stop the kiosk, staff and sync services first" in err
    assert dump(config) == now != before
    assert key_path().read_bytes() == other_key


def test_backups_are_rotated_keeping_the_newest(
    tmp_path: Path, config: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(config, tickets=1)
    folder = tmp_path / "backups"
    unrelated = folder / "notes.txt"
    folder.mkdir()
    unrelated.write_text("keep me", encoding="utf-8")
    made = []
    for _ in range(4):
        code, out, _ = run(
            capsys, config, "--json", "backup", str(folder), "--keep", "2",
            "--passphrase-file", str(secret),
        )  # fmt: skip
        assert code == 0
        made.append(Path(json.loads(out)["path"]))
    assert backups(folder) == made[2:]
    assert unrelated.exists()


def test_the_nightly_timer_takes_the_passphrase_file_from_the_configuration(
    tmp_path: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = site_config(
        tmp_path,
        f"sqlite:///{tmp_path / 'hall.sqlite3'}",
        backup={"passphrase_file": str(secret), "keep": 1},
    )
    populate(config, tickets=1)
    folder = tmp_path / "nightly"
    for _ in range(2):
        assert run(capsys, config, "backup", str(folder))[0] == 0
    assert len(backups(folder)) == 1


@pytest.mark.parametrize(
    ("content", "mode", "reason"),
    [
        (PASSPHRASE, 0o644, "is readable by others: chmod 600 it"),
        ("pendek", 0o600, "needs at least 10 characters"),
        ("", 0o600, "needs at least 10 characters"),
    ],
)
def test_an_unsafe_or_short_passphrase_is_refused(
    tmp_path: Path,
    config: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    mode: int,
    reason: str,
) -> None:
    populate(config, tickets=1)
    path = tmp_path / "weak.pass"
    path.write_text(content, encoding="utf-8")
    path.chmod(mode)
    folder = tmp_path / "backups"
    code, _, err = run(capsys, config, "backup", str(folder), "--passphrase-file", str(path))
    assert code == 2
    assert reason in err
    assert err.count("\n") == 1
    assert not folder.exists()


def test_without_a_terminal_or_a_passphrase_file_it_says_how(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(config, tickets=1)
    with open(os.devnull) as stdin, pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", stdin)
        code, _, err = run(capsys, config, "backup", str(tmp_path / "backups"))
    assert code == 2
    assert "no passphrase: give --passphrase-file or set backup.passphrase_file" in err


def test_a_backup_of_another_site_is_refused(
    backed_up: tuple[Path, str, list[str], bytes],
    tmp_path: Path,
    secret: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file, _, _, _ = backed_up
    (tmp_path / "other").mkdir()
    other = site_config(
        tmp_path / "other",
        f"sqlite:///{tmp_path / 'other' / 'hall.sqlite3'}",
        site={"id": "mpp-kota-malang"},
    )
    code, _, err = run(capsys, other, "restore", str(file), "--passphrase-file", str(secret))
    assert code == 2
    assert "the backup is of site 'mpp-kab-probolinggo'" in err
    assert not (tmp_path / "other" / "hall.sqlite3").exists()


def test_a_postgresql_hall_is_told_to_use_pg_dump(
    tmp_path: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = site_config(tmp_path, "postgresql+psycopg://kiosk@127.0.0.1:5432/mpp")
    code, _, err = run(
        capsys, config, "backup", str(tmp_path / "b"), "--passphrase-file", str(secret)
    )
    assert code == 2
    assert "PostgreSQL: back it up on the database server with pg_dump" in err


@pytest.mark.parametrize(
    ("typed", "code", "said"),
    [
        ([PASSPHRASE, PASSPHRASE], 0, ""),
        ([PASSPHRASE, PASSPHRASE + "!"], 2, "the two passphrases differ; nothing was written"),
    ],
)
def test_at_a_terminal_the_passphrase_is_typed_twice(
    tmp_path: Path,
    config: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    typed: list[str],
    code: int,
    said: str,
) -> None:
    populate(config, tickets=1)
    answers = iter(typed)
    prompts: list[str] = []

    def getpass(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", getpass)
    folder = tmp_path / "backups"
    result, _, err = run(capsys, config, "backup", str(folder))
    assert (result, err.strip().removeprefix("mpp-kiosk: ")) == (code, said)
    assert prompts == ["Backup passphrase: ", "Again: "]
    assert len(backups(folder)) == (1 if code == 0 else 0)
