"""What `mpp-kiosk doctor` says about sync: enrolment, the centre, the token, the outbox."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest

from kiosk.cli import main
from kiosk.hall import Hall
from kiosk.sync import outbox
from kiosk.sync.contract import Entry
from kiosk.sync.enrolment import Enrolment, enrolment_path, save_enrolment
from kiosk.sync.status import SyncStatus
from tests.conftest import site_config
from tests.helpers.fake_centre import fake_centre
from tools.central_load import SimulatedHall


def _doctor(config: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    main(["--config", str(config), "doctor", "--json"])
    return {check["name"]: check for check in json.loads(capsys.readouterr().out)["checks"]}


def test_a_device_not_enrolled_is_told_how(
    hall: Hall, config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    centre = _doctor(config_file, capsys)["centre"]
    assert centre["ok"] is False
    assert "central enrol URL TOKEN" in str(centre["detail"])


@pytest.mark.parametrize(
    ("status", "said"), [(401, "revoked or unknown"), (503, "unreachable"), (200, "unreachable")]
)
def test_the_centre_and_the_token_are_checked(
    hall: Hall, config_file: Path, capsys: pytest.CaptureFixture[str], status: int, said: str
) -> None:
    with fake_centre() as centre:
        centre.answer(status, b"<html>proxy</html>")
        save_enrolment(enrolment_path(), Enrolment(centre.base, "A" * 26))
        check = _doctor(config_file, capsys)["centre"]
    assert check["ok"] is False
    assert said in str(check["detail"])
    assert centre.base in str(check["detail"])


def test_the_backlog_its_age_and_the_refused_are_shown(
    hall: Hall, config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    simulated = SimulatedHall(day_start=hall.clock() - timedelta(days=3))
    entries = list[Entry]([simulated.opening(), simulated.issue(), simulated.issue()])
    with hall.db.sessions.begin() as session:
        for entry in entries:
            outbox.record(session, entry)
        outbox.mark_refused(session, entries[1].id, "unknown service 'jobz'")
    check = _doctor(config_file, capsys)["outbox"]
    assert check["ok"] is False
    detail = str(check["detail"])
    assert "1 refused" in detail
    assert "unknown service 'jobz'" in detail
    assert str(UUID(str(entries[1].id))) in detail
    assert "days old" in detail


def test_a_token_left_in_the_toml_is_a_fault(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    config = site_config(tmp_path, database_url, central={"kiosk_token": "A" * 26})
    assert main(["--config", str(config), "init"]) == 0
    capsys.readouterr()
    check = _doctor(config, capsys)["centre"]
    assert check["ok"] is False
    assert "kiosk_token" in str(check["detail"])


def test_the_console_line_leaves_the_refused_entrys_reason_to_doctor() -> None:
    entry = UUID("0192f3a0-0000-7000-8000-000000000001")
    refused = outbox.Refused(id=entry, kind="ticket_event", reason="unknown service 'jobz'")
    status = SyncStatus(waiting=0, oldest=None, refused=(refused,), pulled_at=None, enrolled=True)
    now = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    assert status.line(now).endswith(
        f"(first refused: ticket_event {entry}: unknown service 'jobz')"
    )
    assert status.line(now, "id", detail=False) == (
        "tidak ada yang menunggu dikirim; 1 ditolak; belum pernah ambil data"
    )
