"""The command line: init, doctor and their faults, as an operator runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk.cli import main
from kiosk.db import open_database
from kiosk.sync.enrolment import Enrolment, enrolment_path, save_enrolment
from tests.conftest import site_config
from tests.helpers.fake_centre import fake_centre
from tests.printing.slip_tools import decode_qr, pdf_text, rasterise


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_demo_twice_is_harmless(config_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--config", str(config_file), "init", "--demo", "--json")
    assert code == 0
    first = json.loads(out)
    assert first["demo_staff_added"] == 3
    code, out, _ = _run(capsys, "--config", str(config_file), "init", "--demo", "--json")
    assert code == 0
    second = json.loads(out)
    assert second["demo_staff_added"] == 0
    assert second["schema"] == first["schema"]


def test_doctor_reports_each_check_and_passes_on_a_healthy_site(
    config_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert _run(capsys, "--config", str(config_file), "init")[0] == 0
    with fake_centre() as centre:
        centre.answer(304)  # the enrolled centre knows the token and has nothing new
        save_enrolment(enrolment_path(), Enrolment(centre.base, "A" * 26))
        code, out, _ = _run(capsys, "--config", str(config_file), "doctor", "--json")
    report = json.loads(out)
    assert [check["name"] for check in report["checks"]] == [
        "config",
        "info",
        "database",
        "complaints key",
        "centre",
        "outbox",
        "staff",
        "printer",
        "display",
    ]
    assert code == 0, report
    assert report["ok"] is True


def test_doctor_names_each_fault_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(variable, raising=False)
    config = site_config(tmp_path, f"sqlite:///{tmp_path / 'never-initialised.sqlite3'}")
    code, out, _ = _run(capsys, "--config", str(config), "doctor")
    assert code == 1
    lines = out.splitlines()
    assert any(line.startswith("FAIL database") and "mpp-kiosk init" in line for line in lines)
    assert any(line.startswith("FAIL display") and "xvfb-run" in line for line in lines)
    assert any(
        line.startswith("FAIL complaints key") and "mpp-kiosk init" in line for line in lines
    )
    assert any(line.startswith("ok   printer") for line in lines)


def test_bad_config_exits_2_with_the_key_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = site_config(tmp_path, "sqlite:///x.sqlite3", site={"timezone": "UTC"})
    code, out, err = _run(capsys, "--config", str(config), "init")
    assert code == 2
    assert out == ""
    assert "site.timezone" in err
    assert not (tmp_path / "x.sqlite3").exists()


def test_missing_config_exits_2_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "--config", str(tmp_path / "nope.toml"), "init")
    assert code == 2
    assert err.count("\n") == 1
    assert "configuration file not found" in err


def test_unreachable_database_exits_1_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = site_config(tmp_path, "postgresql+psycopg://nobody@127.0.0.1:9/nowhere")
    code, _, err = _run(capsys, "--config", str(config), "init")
    assert code == 1
    assert err.startswith("mpp-kiosk: database unreachable:")
    assert err.count("\n") == 1


def test_database_from_a_newer_app_exits_1_untouched(
    config_file: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "--config", str(config_file), "init")[0] == 0
    db = open_database(database_url)
    with db.sessions.begin() as session:
        session.execute(text("UPDATE alembic_version SET version_num = 'ffffffff'"))
    code, _, err = _run(capsys, "--config", str(config_file), "init", "--demo")
    assert code == 1
    assert "newer than this app" in err
    with db.reads() as session:
        assert session.scalar(text("SELECT count(*) FROM staff")) == 0
    db.dispose()


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("mpp-kiosk ")
    assert main([]) == 2


def test_print_test_spools_a_slip_whose_qr_is_the_central_address(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "--config", str(config_file), "print-test", "--json")
    assert code == 0
    job = json.loads(out)
    pdf = Path(job["path"]).read_bytes()
    assert "TES PRINTER" in pdf_text(pdf, tmp_path)
    assert decode_qr(rasterise(pdf, tmp_path)) == ["https://rekam.kp2mi.example"]


def test_print_test_on_a_missing_cups_queue_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no lp, no lpstat
    config = site_config(
        tmp_path,
        f"sqlite:///{tmp_path / 'h.sqlite3'}",
        printer={"backend": "cups", "name": "kiosk"},
    )
    code, _, err = _run(capsys, "--config", str(config), "print-test")
    assert code == 1
    assert err.startswith("mpp-kiosk: test slip not printed:")
