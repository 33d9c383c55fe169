"""A complaint from a kiosk to the agency's desk and back: real `mpp-central serve` and
`mpp-kiosk sync --once` processes.

The hall keeps a complaint; after a sync it is in the desk's inbox; a handler verifies it,
takes it in hand with a public note and resolves it through the desk's pages; after each
step the family's page says so at once and the hall's ``central_complaints`` after its
next sync; the audit log holds every step.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from central.db import open_database
from central.models import AuditEntry
from central.officers import Role, add_officer
from kiosk.cli import main
from kiosk.clock import system_clock
from kiosk.hall import Hall, open_hall
from kiosk.hall_key import key_path
from kiosk.infra.sealed import ensure_key
from kiosk.models import CentralComplaint
from kiosk.settings import load_settings
from tests.helpers.complaints import fill, new_form
from tests.helpers.desk import PASSWORD, DeskBrowser
from tests.helpers.queue_site import ALL_DAY, queue_config
from tools.central_server import Centre, serving

MPP_KIOSK = str(Path(sys.executable).with_name("mpp-kiosk"))
SITE = "mpp-kab-probolinggo"


@pytest.fixture
def centre_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'central.sqlite3'}"


@pytest.fixture
def centre(tmp_path: Path, centre_url: str) -> Iterator[Centre]:
    (tmp_path / "centre-folder").mkdir()
    with serving(tmp_path / "centre-folder", centre_url) as running:
        yield running


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """The hall on SQLite (the hall's and the centre's own tests cover PostgreSQL)."""
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    return queue_config(tmp_path, url, service_changes={"hours": ALL_DAY})


@pytest.fixture
def hall(config: Path) -> Iterator[Hall]:
    ensure_key(key_path())  # as `mpp-kiosk init` makes it
    opened = open_hall(load_settings(config), system_clock)
    try:
        yield opened
    finally:
        opened.close()


def _sync(config: Path) -> None:
    done = subprocess.run(
        [MPP_KIOSK, "--config", str(config), "sync", "--once"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _in_the_hall(hall: Hall, token: str) -> tuple[str, list[str]] | None:
    with hall.db.reads() as session:
        row = session.get(CentralComplaint, token)
        return None if row is None else (row.status, [n["text"] for n in row.public_notes])


def _public(centre: Centre, token: str) -> tuple[str, list[str]]:
    record = requests.get(f"{centre.base}/api/v1/records/{token}", timeout=10).json()["record"]
    return record["status"], [item["note"] for item in record["timeline"] if item["note"]]


def test_a_kiosk_complaint_is_handled_at_the_desk_to_resolved_and_each_step_reaches_the_hall(
    centre: Centre, centre_url: str, config: Path, hall: Hall
) -> None:
    assert (
        main(["--config", str(config), "central", "enrol", centre.base, centre.add_device(SITE)])
        == 0
    )
    form = new_form()
    fill(form)
    complaint = hall.complaints.submit(form)
    token = complaint.public_token
    _sync(config)

    central = open_database(centre_url)
    try:
        add_officer(central, "ani", PASSWORD, Role.HANDLER, [SITE], datetime.now(UTC))
    finally:
        central.dispose()
    desk = DeskBrowser(centre.base)
    desk.sign_in("ani")
    assert complaint.reference in desk.get("/desk/inbox").text
    note = "Keluarga sudah dihubungi; kasus diteruskan ke BP3MI."
    steps: list[tuple[str, dict[str, str], tuple[str, list[str]]]] = [
        ("status", {"status": "verified", "reason": "KTP cocok"}, ("verified", [])),
        ("note", {"text": note, "public": "yes"}, ("verified", [note])),
        ("status", {"status": "in_progress"}, ("in_progress", [note])),
        ("note", {"text": "Nomor majikan dari P3MI."}, ("in_progress", [note])),
        ("status", {"status": "resolved", "reason": "Gaji dibayar"}, ("resolved", [note])),
    ]
    for action, fields, expected in steps:
        desk.act(token, action, **fields)
        assert _public(centre, token) == expected  # the family's page at once
        _sync(config)
        assert _in_the_hall(hall, token) == expected  # the hall by its next pull

    central = open_database(centre_url)
    try:
        with central.reads() as session:
            logged = session.execute(
                select(AuditEntry.officer, AuditEntry.action, AuditEntry.detail)
                .where(AuditEntry.action.in_(("sign_in", "status", "note")))
                .order_by(AuditEntry.id)
            ).all()
    finally:
        central.dispose()
    assert [tuple(row) for row in logged] == [
        ("ani", "sign_in", ""),
        ("ani", "status", "verified"),
        ("ani", "note", "public"),
        ("ani", "status", "in_progress"),
        ("ani", "note", "internal"),
        ("ani", "status", "resolved"),
    ]
