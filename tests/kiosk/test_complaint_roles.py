"""Who sees a complaint's personal data: handling roles only, masked until "show" (logged).

The command line signs the officer in with their PIN before anything is opened.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.cli import main
from kiosk.demo import seed_demo
from kiosk.demo.complaints import PHONE_E164, REPORTER_NIK, WORKER_NIK
from kiosk.errors import InvalidInput
from kiosk.hall import Hall, open_hall
from kiosk.hall_key import open_device_key
from kiosk.models import ComplaintAccess, Staff
from kiosk.settings import load_settings
from tests.conftest import site_config
from tests.helpers.complaints import fill, new_form


def _submit(hall: Hall) -> str:
    open_device_key(hall.db, create=True)  # the hall's key, as init makes it
    form = new_form()
    fill(form)
    return hall.complaints.submit(form).reference


def _log(hall: Hall) -> list[tuple[str, str]]:
    with hall.db.reads() as session:
        rows = session.execute(
            select(Staff.username, ComplaintAccess.action)
            .join(Staff, Staff.id == ComplaintAccess.staff_id)
            .order_by(ComplaintAccess.id)
        )
        return [(username, action) for username, action in rows]


def test_a_handler_opens_masked_and_shows_on_request_both_logged(hall: Hall) -> None:
    seed_demo(hall)
    reference = _submit(hall)
    siti = hall.staff.member("siti")

    detail = hall.complaints.open(reference, siti.id)
    assert not detail.shown
    text = "\n".join(f"{name}: {value}" for name, value in detail.lines("id"))
    for secret in (REPORTER_NIK, WORKER_NIK, PHONE_E164, "Siti Aminah"):
        assert secret not in text
    assert "3507••••••••0012" in text
    assert "0812•••••890" in text
    assert detail.complaint.chronology  # what happened stays readable: it is the case

    shown = hall.complaints.open(reference, siti.id, show=True)
    assert shown.shown
    assert shown.complaint.reporter_nik == REPORTER_NIK
    assert shown.complaint.reporter_phone == PHONE_E164
    assert _log(hall) == [("siti", "open"), ("siti", "show")]


def test_a_role_that_does_not_handle_complaints_opens_nothing(
    tmp_path: Path, database_url: str
) -> None:
    config = site_config(tmp_path, database_url, staff={"complaint_roles": ["supervisor"]})
    hall = open_hall(load_settings(config))
    try:
        seed_demo(hall)
        reference = _submit(hall)
        for show in (False, True):
            with pytest.raises(InvalidInput) as refused:
                hall.complaints.open(reference, hall.staff.member("siti").id, show=show)
            assert refused.value.message("en") == (
                "Your role does not handle complaints, so you may not open one."
            )
        with pytest.raises(InvalidInput, match=r"staff\.complaints_not_allowed"):
            hall.complaints.add_note(reference, hall.staff.member("budi").id, "dihubungi")
        assert _log(hall) == []
        assert hall.complaints.open(reference, hall.staff.member("kepala").id).reference
        assert _log(hall) == [("kepala", "open")]
    finally:
        hall.close()


def _cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    config: Path,
    *argv: str,
    typed: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    code = main(["--config", str(config), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_complaints_show_signs_the_officer_in_and_logs_who_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = site_config(tmp_path, f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    hall = open_hall(load_settings(config))
    try:
        seed_demo(hall)
        reference = _submit(hall)
    finally:
        hall.close()
    show = ("complaints", "show", reference, "--staff", "siti")

    code, out, err = _cli(capsys, monkeypatch, config, *show)
    assert (code, out) == (2, "")
    assert err == "mpp-kiosk: PIN of siti: no PIN on standard input\n"
    code, out, err = _cli(capsys, monkeypatch, config, *show, typed="2222\n")
    assert (code, out, err) == (2, "", "mpp-kiosk: PIN salah. Sisa percobaan: 4.\n")

    code, out, err = _cli(capsys, monkeypatch, config, *show, typed="1111\n")
    assert (code, err) == (0, "")
    assert REPORTER_NIK not in out
    assert "NIK pelapor: 3507••••••••0012" in out
    code, out, _ = _cli(capsys, monkeypatch, config, *show, "--reveal", typed="1111\n")
    assert code == 0
    assert f"NIK pelapor: {REPORTER_NIK}" in out

    hall = open_hall(load_settings(config))
    try:
        assert _log(hall) == [("siti", "open"), ("siti", "show")]
    finally:
        hall.close()
