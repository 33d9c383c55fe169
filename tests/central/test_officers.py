"""The officer commands, Argon2id hashes, the lockout under parallel guesses."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from central.cli import main
from central.db import Database, open_database
from central.models import AuditEntry, DeskSession, Officer
from central.officers import DeskPolicy, Outcome, Role, add_officer, session_of, sign_in
from tests.helpers.central_sync import write_config

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
PASSWORD = "kata sandi panjang 1"
POLICY = DeskPolicy(
    idle=timedelta(minutes=30),
    lifetime=timedelta(hours=10),
    attempts=5,
    lockout=timedelta(minutes=15),
)


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the officer types at the hidden prompts, in order (the test fills it)."""
    answers: list[str] = []
    prompts: list[str] = []

    def getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr("central.cli.officers.getpass.getpass", getpass)
    return answers


@pytest.fixture
def config(tmp_path: Path, database_url: str) -> Path:
    path = write_config(tmp_path, database_url)
    assert main(["--config", str(path), "init"]) == 0
    return path


def _officers(config_path: Path, database_url: str) -> list[Officer]:
    db = open_database(database_url)
    try:
        with db.reads() as session:
            return list(session.scalars(select(Officer).order_by(Officer.username)))
    finally:
        db.dispose()


def test_officer_commands_hash_with_argon2id_and_never_print_the_password(
    config: Path, database_url: str, typed: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    typed += [PASSWORD, PASSWORD]
    args = ["--config", str(config), "officer", "add", "ani", "--role", "handler"]
    assert main([*args, "--site", "mpp-kab-probolinggo"]) == 0
    out, err = capsys.readouterr()
    assert out == "officer ani added: handler, mpp-kab-probolinggo\n"
    (ani,) = _officers(config, database_url)
    assert ani.password_hash.startswith("$argon2id$")
    assert PASSWORD not in ani.password_hash + out + err

    typed += ["satu dua tiga empat", "satu dua tiga lima"]
    assert main(["--config", str(config), "officer", "passwd", "ani"]) == 2
    assert capsys.readouterr().err == "mpp-central: the two passwords differ; nothing was changed\n"
    typed += ["pendek", "pendek"]
    assert main(["--config", str(config), "officer", "passwd", "ani"]) == 2
    assert "12 to 1024 characters" in capsys.readouterr().err
    typed += [PASSWORD, PASSWORD]
    assert main([*args[:-2], "--role", "viewer"]) == 2
    assert capsys.readouterr().err == "mpp-central: officer ani already exists\n"
    typed += [PASSWORD, PASSWORD]
    assert main([*args[:3], "add", "budi", "--role", "viewer", "--site", "Bad Site"]) == 2
    assert "'Bad Site' is not a site id" in capsys.readouterr().err
    assert main(["--config", str(config), "officer", "disable", "nobody"]) == 2
    assert capsys.readouterr().err == "mpp-central: no officer nobody\n"
    assert main(["--config", str(config), "officer", "disable", "ani"]) == 0
    assert capsys.readouterr().out == "officer ani disabled\n"
    assert main(["--config", str(config), "officer", "list"]) == 0
    assert capsys.readouterr().out == "ani  handler  mpp-kab-probolinggo  disabled\n"


def test_a_new_password_replaces_the_old_and_ends_the_sessions(central_db: Database) -> None:
    add_officer(central_db, "ani", PASSWORD, Role.HANDLER, [], NOW)
    assert (
        sign_in(central_db, "ani", PASSWORD, "10.0.0.9", NOW, POLICY).outcome is Outcome.SIGNED_IN
    )
    from central.officers import set_password

    set_password(central_db, "ani", "sandi baru yang panjang", NOW)
    with central_db.reads() as session:
        assert session.scalars(select(DeskSession)).all() == []
    assert sign_in(central_db, "ani", PASSWORD, "10.0.0.9", NOW, POLICY).outcome is Outcome.REFUSED
    assert (
        sign_in(central_db, "ani", "sandi baru yang panjang", "10.0.0.9", NOW, POLICY).outcome
        is Outcome.SIGNED_IN
    )


def test_parallel_guesses_never_pass_the_lockout(central_db: Database) -> None:
    """Twenty guesses at once from twenty threads: only five passwords are ever checked."""
    add_officer(central_db, "ani", PASSWORD, Role.HANDLER, [], NOW)
    start = threading.Barrier(20)
    outcomes: list[Outcome] = []

    def guess(n: int) -> None:
        start.wait()
        outcomes.append(
            sign_in(central_db, "ani", f"tebakan nomor {n}", "10.0.0.66", NOW, POLICY).outcome
        )

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes).count(Outcome.REFUSED) == 5
    assert outcomes.count(Outcome.LOCKED) == 15
    # Locked: even the right password is refused, and the log says why.
    assert sign_in(central_db, "ani", PASSWORD, "10.0.0.66", NOW, POLICY).outcome is Outcome.LOCKED
    with central_db.reads() as session:
        details = session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "sign_in_failed")
        ).all()
    assert sorted(details) == ["locked"] * 16 + ["refused"] * 5
    later = NOW + POLICY.lockout
    assert (
        sign_in(central_db, "ani", PASSWORD, "10.0.0.9", later, POLICY).outcome is Outcome.SIGNED_IN
    )


def test_unknown_and_disabled_officers_are_refused_alike(central_db: Database) -> None:
    add_officer(central_db, "ani", PASSWORD, Role.VIEWER, [], NOW)
    from central.officers import disable_officer

    assert (
        sign_in(central_db, "nobody", PASSWORD, "10.0.0.9", NOW, POLICY).outcome is Outcome.REFUSED
    )
    made = sign_in(central_db, "ani", PASSWORD, "10.0.0.9", NOW, POLICY)
    disable_officer(central_db, "ani", NOW)
    with central_db.sessions.begin() as session:
        assert session_of(session, made.token, NOW, POLICY) is None
    assert sign_in(central_db, "ani", PASSWORD, "10.0.0.9", NOW, POLICY).outcome is Outcome.REFUSED


def test_sessions_end_when_idle_or_too_old(central_db: Database) -> None:
    add_officer(central_db, "ani", PASSWORD, Role.VIEWER, ["mpp-kab-probolinggo"], NOW)
    made = sign_in(central_db, "ani", PASSWORD, "10.0.0.9", NOW, POLICY)
    at = NOW
    for _ in range(25):  # used every 25 minutes: alive until 10 hours have passed
        at += timedelta(minutes=25)
        with central_db.sessions.begin() as session:
            signed = session_of(session, made.token, at, POLICY)
        assert (signed is not None) == (at - NOW <= POLICY.lifetime)
        if signed is None:
            break
        assert signed.officer.sites == ("mpp-kab-probolinggo",)
        assert signed.officer.sees("mpp-kab-probolinggo")
        assert not signed.officer.sees("mpp-x")
    other = sign_in(central_db, "ani", PASSWORD, "10.0.0.9", NOW, POLICY)
    with central_db.sessions.begin() as session:
        assert session_of(session, other.token, NOW + timedelta(minutes=31), POLICY) is None
    with central_db.sessions.begin() as session:  # and it is gone, not just refused once
        assert session_of(session, other.token, NOW + timedelta(minutes=1), POLICY) is None
