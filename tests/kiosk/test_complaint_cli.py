"""The ``mpp-kiosk complaints`` commands: list masked, show (logged), note, status, clear errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.cli import main
from kiosk.demo.complaints import PHONE_E164, REPORTER_NIK
from kiosk.hall import open_hall
from kiosk.models import ComplaintAccess, Staff
from kiosk.pins import hash_pin
from kiosk.settings import load_settings
from tests.conftest import site_config
from tests.helpers.complaints import fill, new_form


def run(capsys: pytest.CaptureFixture[str], config: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--config", str(config), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_staff_list_open_note_and_move_a_complaint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("482193\n" * 5))  # rina's PIN, at each prompt
    config = site_config(tmp_path, f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    hall = open_hall(load_settings(config))
    try:
        with hall.db.sessions.begin() as session:
            session.add(
                Staff(username="rina", name="Rina", role="officer", pin_hash=hash_pin("482193"))
            )
        form = new_form()
        fill(form)
        reference = hall.complaints.submit(form).reference
    finally:
        hall.close()

    code, out, _ = run(capsys, config, "complaints", "list", "--json")
    assert code == 0
    (line,) = json.loads(out)["complaints"]
    assert (line["reference"], line["status"]) == (reference, "received")
    assert (line["reporter"], line["phone"]) == ("Siti A••••• R•••••", "0812•••••890")

    code, out, _ = run(
        capsys, config, "complaints", "show", reference, "--staff", "rina", "--reveal"
    )
    assert code == 0
    assert f"NIK pelapor: {REPORTER_NIK}" in out
    assert PHONE_E164 in out

    code, out, _ = run(
        capsys, config, "complaints", "note", reference, "Dihubungi", "--staff", "rina"
    )
    assert (code, out.rstrip().endswith("Dihubungi")) == (0, True)
    code, out, _ = run(
        capsys, config, "complaints", "status", reference, "verified", "--staff", "rina"
    )
    assert (code, "Diterima → Diverifikasi" in out) == (0, True)

    code, _, err = run(
        capsys, config, "complaints", "status", reference, "closed", "--staff", "budi"
    )
    assert (code, err) == (2, "mpp-kiosk: Nama pengguna tidak dikenal.\n")
    code, _, err = run(
        capsys, config, "complaints", "status", reference, "resolved", "--staff", "rina"
    )
    assert (code, err) == (
        2,
        "mpp-kiosk: Status pengaduan tidak dapat diubah ke status itu.\n",
    )

    hall = open_hall(load_settings(config))
    try:
        with hall.db.reads() as session:
            assert session.scalar(select(func.count()).select_from(ComplaintAccess)) == 1
    finally:
        hall.close()
