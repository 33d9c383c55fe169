"""``mpp-central``: every command and its error paths, through ``central.cli.main``."""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text

from central.cli import main
from central.db import open_database
from central.migrations import SCHEMA_HEAD
from central.models import Device, P3mi, Posting, Rate, Site
from central.settings import CONFIG_ENV
from tests.helpers.central_sync import write_config
from tests.helpers.feeds import feed, p3mi, posting

TOKEN = re.compile(r"^[A-Z2-7]{26}$")
DEMO_FEED = Path(__file__).resolve().parents[2] / "config" / "demo" / "jobs.json"


@pytest.fixture
def config(tmp_path: Path, database_url: str) -> Path:
    """A valid configuration of the centre on the test database (not yet initialised)."""
    return write_config(tmp_path, database_url)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run a command; its exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], config: Path, *argv: str) -> Any:
    """Run a command that must succeed, with ``--json``; its output parsed."""
    code, out, err = run(capsys, "--config", str(config), *argv, "--json")
    assert (code, err) == (0, ""), err
    return json.loads(out)


def one_line_error(err: str) -> str:
    """The single ``mpp-central: …`` line on stderr, checked to be one."""
    assert err.startswith("mpp-central: "), err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.strip()


def test_init_migrates_and_makes_a_private_key_once(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run_json(capsys, config, "init")
    assert first["schema"] == SCHEMA_HEAD
    key = tmp_path / "keys" / "complaints.key"
    assert first["complaints_key"] == str(key)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    content = key.read_bytes()
    assert run_json(capsys, config, "init")["schema"] == SCHEMA_HEAD
    assert key.read_bytes() == content  # never replaced


def test_init_demo_adds_the_demo_site_one_device_and_the_feed_once(
    config: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--config", str(config), "init", "--demo")
    assert (code, err) == (0, "")
    assert "demo site mpp-kab-probolinggo added" in out
    token = out.strip().splitlines()[-1]
    assert TOKEN.match(token)
    again = run_json(capsys, config, "init", "--demo")
    assert again["demo"]["device"] is None
    assert again["demo"]["token"] is None
    assert again["demo"]["feed"]["postings"] == {"added": 0, "updated": 0, "unchanged": 60}
    db = open_database(database_url)
    try:
        with db.reads() as session:
            site = session.get_one(Site, "mpp-kab-probolinggo")
            assert (site.name, site.timezone, site.hotline) == (
                "MPP Kabupaten Probolinggo",
                "Asia/Jakarta",
                "0800-1000",
            )
            devices = session.scalars(select(Device)).all()
            assert [d.token_hash for d in devices] == [hashlib.sha256(token.encode()).hexdigest()]
            assert len(session.scalars(select(Posting)).all()) == 60
            assert len(session.scalars(select(P3mi)).all()) == 10
            assert len(session.scalars(select(Rate)).all()) == 12
    finally:
        db.dispose()


def test_device_add_prints_the_token_once_and_keeps_only_its_hash(
    config: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(capsys, config, "init")
    made = run_json(capsys, config, "device", "add", "mpp-kota-malang", "--name", "loket 1")
    token = made["token"]
    assert TOKEN.match(token)
    assert made["site_created"] is True
    assert made["device"]["site_id"] == "mpp-kota-malang"
    assert made["device"]["name"] == "loket 1"
    second = run_json(capsys, config, "device", "add", "mpp-kota-malang")
    assert second["site_created"] is False
    assert second["token"] != token
    db = open_database(database_url)
    try:
        with db.reads() as session:
            hashes = session.scalars(select(Device.token_hash).order_by(Device.id)).all()
            dumped = " ".join(
                str(row) for row in session.execute(text("SELECT * FROM devices")).all()
            )
    finally:
        db.dispose()
    assert hashes[0] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in dumped
    code, out, _ = run(capsys, "--config", str(config), "device", "add", "mpp-kota-malang")
    assert code == 0
    assert "shown this once" in out
    assert TOKEN.match(out.strip().splitlines()[-1])


def test_device_list_and_revoke(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys, config, "init")
    assert run_json(capsys, config, "device", "list") == {"devices": []}
    code, out, _ = run(capsys, "--config", str(config), "device", "list")
    assert (code, out) == (0, "no devices\n")
    made = run_json(capsys, config, "device", "add", "mpp-kota-malang")["device"]
    listed = run_json(capsys, config, "device", "list")["devices"]
    assert [(d["id"], d["revoked_at"]) for d in listed] == [(made["id"], None)]
    revoked = run_json(capsys, config, "device", "revoke", str(made["id"]))
    assert revoked["revoked_now"] is True
    assert revoked["device"]["revoked_at"] is not None
    again = run_json(capsys, config, "device", "revoke", str(made["id"]))
    assert again["revoked_now"] is False
    assert again["device"]["revoked_at"] == revoked["device"]["revoked_at"]
    code, out, _ = run(capsys, "--config", str(config), "device", "list")
    assert code == 0
    assert "mpp-kota-malang  hall  revoked " in out


def test_json_may_come_before_the_command_too(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(capsys, config, "init")
    code, out, err = run(capsys, "--config", str(config), "--json", "device", "list")
    assert (code, err, json.loads(out)) == (0, "", {"devices": []})


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["device", "add", "Not A Site"], "is not a site id"),
        (["device", "add", "mpp-x", "--name", " "], "a device name has 1 to 120 characters"),
        (["device", "revoke", "999"], "no device 999"),
    ],
)
def test_bad_device_input_is_exit_2_with_one_line(
    config: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    run_json(capsys, config, "init")
    code, out, err = run(capsys, "--config", str(config), *argv)
    assert (code, out) == (2, "")
    assert message in one_line_error(err)


def test_feed_import_upserts_and_bumps_revisions_only_for_what_changed(
    config: Path, tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(capsys, config, "init")
    path = tmp_path / "feed.json"
    rates = [{"currency": "TWD", "idr": "512.40", "as_of": "2026-11-20"}]
    path.write_bytes(feed([posting("P-1"), posting("P-2")], rates=rates))
    first = run_json(capsys, config, "feed", "import", str(path))
    assert first["postings"] == {"added": 2, "updated": 0, "unchanged": 0}
    assert first["p3mi"] == {"added": 1, "updated": 0, "unchanged": 0}
    assert first["rates"] == {"added": 1, "updated": 0, "unchanged": 0}
    before = _published(database_url)
    assert sorted(r for _, r in before.values()) == [1, 2, 3, 4]  # one revision each

    path.write_bytes(feed([posting("P-1"), posting("P-2", quota=9)], rates=rates))
    second = run_json(capsys, config, "feed", "import", str(path))
    assert second["postings"] == {"added": 0, "updated": 1, "unchanged": 1}
    after = _published(database_url)
    assert after["P-1"] == before["P-1"]
    assert after["P-2"][0] == before["P-2"][0]  # the public token stays
    assert after["P-2"][1] == 5
    stored = _posting_record(database_url, "P-2")
    assert stored["quota"] == 9
    assert stored["source"] == "Uji"  # the feed's source, kept with each posting


def test_feed_import_leaves_bad_records_out_and_exits_1(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(capsys, config, "init")
    path = tmp_path / "feed.json"
    bad = [
        posting("P-1"),
        posting("P-2", quota=0),
        posting("P-3", p3mi_licence="KEP.9999/KA/2026"),
        posting("P-1", quota=3),
    ]
    path.write_bytes(feed(bad, p3mis=[p3mi(), {"licence_number": "x"}]))
    code, out, err = run(capsys, "--config", str(config), "feed", "import", str(path), "--json")
    assert (code, err) == (1, "")
    report = json.loads(out)
    assert report["postings"]["added"] == 1
    assert report["rejected_records"] == 4
    positions = [r["position"] for r in report["rejected"]]
    assert "postings[1].quota" in positions
    assert "postings[2].p3mi_licence" in positions
    assert "postings[3].id" in positions
    assert any(p.startswith("p3mi[1]") for p in positions)
    code, out, _ = run(capsys, "--config", str(config), "feed", "import", str(path))
    assert code == 1
    assert "left out 4 record(s):" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON (line 1"),
        (b'{"source": "\xc3\x28"}', "not UTF-8 text"),
        (b'{"version": 2, "source": "x", "postings": []}', "not a jobs feed (version:"),
        (b"[]", "not a jobs feed"),
        (b"[" * 10_000 + b"]" * 10_000, "not a jobs feed (top level: must be an object"),
        (b'{"postings": [' + b"7" * 5000 + b"]}", "not valid JSON (a run of more than 1,000"),
        (b"\x00" * 10, "not valid JSON (line 1, column 1"),
        (None, "cannot read the file"),
    ],
)
def test_an_unusable_feed_file_is_exit_2_and_imports_nothing(
    config: Path,
    tmp_path: Path,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    content: bytes | None,
    message: str,
) -> None:
    run_json(capsys, config, "init")
    path = tmp_path / "feed.json"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "--config", str(config), "feed", "import", str(path))
    assert (code, out) == (2, "")
    assert message in one_line_error(err)
    assert _published(database_url) == {}


def test_doctor_passes_on_an_initialised_centre(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(capsys, config, "init")
    report = run_json(capsys, config, "doctor")
    assert report["ok"] is True
    assert [c["name"] for c in report["checks"]] == [
        "config",
        "database",
        "complaints key",
        "complaints sealed",
    ]
    code, out, _ = run(capsys, "--config", str(config), "doctor")
    assert code == 0
    assert "ok   database: " in out
    assert f"at schema {SCHEMA_HEAD}" in out


def test_doctor_finds_an_uninitialised_database_and_a_missing_key(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--config", str(config), "doctor", "--json")
    assert code == 1
    checks = {c["name"]: c for c in json.loads(out)["checks"]}
    assert checks["config"]["ok"] is True
    assert not checks["database"]["ok"]
    assert "no schema yet: run 'mpp-central init'" in checks["database"]["detail"]
    assert not checks["complaints key"]["ok"]
    assert "is missing" in checks["complaints key"]["detail"]


def test_doctor_finds_a_key_others_may_read(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(capsys, config, "init")
    (tmp_path / "keys" / "complaints.key").chmod(0o644)
    code, out, _ = run(capsys, "--config", str(config), "doctor")
    assert code == 1
    assert "FAIL complaints key: " in out
    assert "readable by others" in out


def test_doctor_on_a_bad_config_reports_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "central.toml"
    path.write_text("[server]\nport = 0\n", encoding="utf-8")
    code, out, _ = run(capsys, "--config", str(path), "doctor")
    assert code == 1
    assert out.startswith("FAIL config: ")
    assert "server.port" in out


def test_commands_on_an_uninitialised_database_are_exit_1(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["device", "list"], ["device", "add", "mpp-x"], ["feed", "import", "x.json"]):
        code, out, err = run(capsys, "--config", str(config), *argv)
        assert (code, out) == (1, "")
        assert "no schema yet: run 'mpp-central init'" in one_line_error(err)


def test_a_database_that_cannot_be_reached_is_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, "postgresql+psycopg://nobody@127.0.0.1:9/nowhere")
    for argv in (["init"], ["device", "list"], ["serve"]):
        code, out, err = run(capsys, "--config", str(config), *argv)
        assert (code, out) == (1, "")
        assert "database unreachable: " in one_line_error(err)


@pytest.mark.parametrize(
    ("toml", "message", "exit_code"),
    [
        ("[server]\nport = 0\n", "server.port: ", 2),
        ("[servers]\n", "servers: unknown key", 2),
        # As the hall: a database URL the service cannot use is a bad configuration.
        ("[database]\nurl = 'mysql://x/y'\n", "database.url: unsupported database 'mysql'", 2),
    ],
)
def test_a_bad_configuration_is_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    toml: str,
    message: str,
    exit_code: int,
) -> None:
    path = tmp_path / "central.toml"
    path.write_text(toml, encoding="utf-8")
    for argv in (["init"], ["serve"], ["device", "list"]):
        code, out, err = run(capsys, "--config", str(path), *argv)
        assert (code, out) == (exit_code, "")
        assert message in one_line_error(err)


def test_the_configuration_comes_from_the_environment_too(
    config: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(CONFIG_ENV, str(config))
    code, out, err = run(capsys, "init", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["schema"] == SCHEMA_HEAD


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["serve", "--port", "0"],
        ["serve", "--port", "http"],
        ["serve", "--workers", "0"],
        ["device"],
        ["device", "revoke", "one"],
        ["feed"],
        ["launch"],
    ],
)
def test_bad_usage_is_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    assert code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_serve_checks_the_database_and_key_then_hands_uvicorn_the_factory(
    config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: calls.append((a, k)))
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    code, _, err = run(capsys, "--config", str(config), "serve")
    assert code == 1
    assert "run 'mpp-central init'" in one_line_error(err)
    run_json(capsys, config, "init")
    key = config.parent / "keys" / "complaints.key"
    key.chmod(0o640)
    code, _, err = run(capsys, "--config", str(config), "serve")
    assert code == 1
    assert "readable by others" in one_line_error(err)
    assert calls == []
    key.chmod(0o600)
    argv = ["--config", str(config), "serve", "--port", "8123", "--workers", "3"]
    assert run(capsys, *argv)[0] == 0
    ((args, kwargs),) = calls
    assert args == ("central.app:serve_app",)
    assert kwargs["factory"] is True
    assert (kwargs["host"], kwargs["port"], kwargs["workers"]) == ("127.0.0.1", 8123, 3)
    assert os.environ[CONFIG_ENV] == str(config.resolve())


def test_serve_runs_a_real_server_that_answers_over_http(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, f"sqlite:///{tmp_path / 'central.sqlite3'}")
    run_json(capsys, config, "init")
    port = _free_port()
    env = {**os.environ, CONFIG_ENV: str(config)}
    argv = [sys.executable, "-m", "central.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        response = _wait_for(f"http://127.0.0.1:{port}/api/v1/health", server)
        assert response.status_code == 200
        assert response.json()["status"] == "ok"
        assert response.headers["x-robots-tag"] == "noindex"
        assert "server" not in response.headers
    finally:
        server.terminate()
        server.wait(timeout=10)
        assert server.stderr is not None
        server.stderr.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(url: str, server: subprocess.Popen[bytes]) -> httpx.Response:
    deadline = time.monotonic() + 20
    while True:
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _published(database_url: str) -> dict[str, tuple[str, int]]:
    """Feed id (or key) of each published record -> (token or key, revision)."""
    db = open_database(database_url)
    try:
        with db.reads() as session:
            found: dict[str, tuple[str, int]] = {}
            for posting_row in session.scalars(select(Posting)):
                found[posting_row.feed_id] = (posting_row.token, posting_row.revision)
            for p3mi_row in session.scalars(select(P3mi)):
                found[p3mi_row.licence_number] = (p3mi_row.licence_number, p3mi_row.revision)
            for rate in session.scalars(select(Rate)):
                found[rate.currency] = (rate.currency, rate.revision)
            return found
    finally:
        db.dispose()


def _posting_record(database_url: str, feed_id: str) -> dict[str, Any]:
    db = open_database(database_url)
    try:
        with db.reads() as session:
            row = session.scalars(select(Posting).where(Posting.feed_id == feed_id)).one()
            record: dict[str, Any] = json.loads(row.record)
            return record
    finally:
        db.dispose()
