"""The desk's part of ``mpp-central``: demo officers at ``init --demo``, ``purge``, and
``doctor`` failing while the database holds complaints the key cannot open."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from central.app import create_app
from central.cli import main
from central.db import open_database
from central.demo import DEMO_PASSWORD
from central.officers import DeskPolicy, Outcome, sign_in
from central.settings import load_settings
from tests.helpers.central_sync import Outbox, batch_json, make_device, write_config

NOW_POLICY = DeskPolicy.of(load_settings(Path("config/central.toml")).desk)


@pytest.fixture
def config(tmp_path: Path, database_url: str) -> Path:
    return write_config(tmp_path, database_url)


def test_init_demo_adds_an_officer_of_each_role_once_and_prints_the_password(
    config: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(config), "init", "--demo"]) == 0
    out = capsys.readouterr().out
    assert "demo officers demo-viewer, demo-handler, demo-admin" in out
    assert DEMO_PASSWORD in out
    assert main(["--config", str(config), "init", "--demo", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["demo"]["officers"] == []
    db = open_database(database_url)
    try:
        made = sign_in(
            db, "demo-handler", DEMO_PASSWORD, "127.0.0.1", datetime.now(UTC), NOW_POLICY
        )
    finally:
        db.dispose()
    assert made.outcome is Outcome.SIGNED_IN


def test_purge_says_how_many_it_erased(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(config), "init"]) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "purge"]) == 0
    assert capsys.readouterr().out.startswith("erased the personal data of 0 complaint(s) ")


def test_doctor_fails_while_complaints_are_sealed_with_another_key(
    config: Path, tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(config), "init"]) == 0
    settings = load_settings(config)
    db = open_database(database_url)
    try:
        device = make_device(db)
        outbox = Outbox()
        complaint = outbox.complaint()
        with TestClient(create_app(settings, db)) as client:
            answer = client.post(
                "/api/v1/sync/push",
                json=batch_json(outbox.hall(), complaint),
                headers=device.headers,
            )
            assert answer.status_code == 200
    finally:
        db.dispose()
    capsys.readouterr()
    assert main(["--config", str(config), "doctor"]) == 0
    assert "ok   complaints sealed: 1 complaint(s) open with the key" in capsys.readouterr().out

    # Another centre's key in its place (a restore gone wrong).
    (tmp_path / "other").mkdir()
    assert main(["--config", str(write_config(tmp_path / "other", database_url)), "init"]) == 0
    key = settings.keys.complaints_key_path
    key.unlink()
    os.link(tmp_path / "other" / "keys" / "complaints.key", key)
    capsys.readouterr()
    assert main(["--config", str(config), "doctor"]) == 1
    out = capsys.readouterr().out
    assert (
        f"FAIL complaints sealed: 1 complaint(s) the key cannot open: {complaint.payload.reference}"
        in out
    )
