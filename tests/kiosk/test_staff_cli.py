"""``mpp-kiosk staff add|passwd|disable|list``, ``init`` without demo staff, ``doctor``'s demo PINs.

PINs reach the commands as a person's typing would (a line each on standard input),
never as arguments.
"""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.hall import open_hall
from kiosk.settings import load_settings
from tests.conftest import site_config

GOOD = "482619"
OTHER = "730518"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = site_config(tmp_path, f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    assert main(["--config", str(path), "init"]) == 0
    return path


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    config: Path,
    *argv: str,
    typed: tuple[str, ...] = (),
) -> tuple[int, str, str]:
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{pin}\n" for pin in typed)))
    code = main(["--config", str(config), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def signs_in(config: Path, username: str, pin: str) -> bool:
    hall = open_hall(load_settings(config))
    try:
        return hall.staff.sign_in(username, pin).username == username
    except ValueError:
        return False
    finally:
        hall.close()


def test_init_without_demo_adds_nobody_and_says_how_to_add_the_first_supervisor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = site_config(tmp_path, f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    code, out, err = run(capsys, monkeypatch, path, "init")
    assert (code, err) == (0, "")
    assert "mpp-kiosk staff add USER" in out
    assert "--role supervisor" in out
    code, out, _ = run(capsys, monkeypatch, path, "staff", "list", "--json")
    assert (code, json.loads(out)) == (0, {"staff": []})
    code, out, _ = run(capsys, monkeypatch, path, "init", "--demo")
    assert "staff add USER" not in out


def test_the_first_supervisor_then_officers_added_by_a_supervisor(
    config: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    code, out, err = run(
        capsys, monkeypatch, config,
        "staff", "add", "kepala", "--name", "Dewi Lestari", "--role", "supervisor",
        typed=(GOOD, GOOD),
    )  # fmt: skip
    assert (code, out, err) == (0, "added kepala (Dewi Lestari, supervisor)\n", "")
    code, _, err = run(
        capsys, monkeypatch, config,
        "staff", "add", "siti", "--name", "Siti Rahayu", "--role", "officer",
        typed=(OTHER, OTHER),
    )  # fmt: skip
    assert (code, err) == (2, "mpp-kiosk: Kantor ini sudah punya supervisor: seorang supervisor"
                           " harus masuk untuk melakukan ini.\n")  # fmt: skip
    code, out, err = run(
        capsys, monkeypatch, config,
        "staff", "add", "siti", "--name", "Siti Rahayu", "--role", "officer", "--by", "kepala",
        typed=(GOOD, OTHER, OTHER),
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert signs_in(config, "siti", OTHER)
    code, out, _ = run(capsys, monkeypatch, config, "staff", "list", "--json")
    assert json.loads(out)["staff"] == [
        {"username": "kepala", "name": "Dewi Lestari", "role": "supervisor", "active": True,
         "locked_until": None},
        {"username": "siti", "name": "Siti Rahayu", "role": "officer", "active": True,
         "locked_until": None},
    ]  # fmt: skip
    assert GOOD not in caplog.text
    assert OTHER not in caplog.text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (("111111", "111111"), "PIN ini terlalu mudah ditebak"),
        (("123456", "123456"), "PIN ini terlalu mudah ditebak"),
        (("654321", "654321"), "PIN ini terlalu mudah ditebak"),
        (("48261", "48261"), "PIN baru paling sedikit 6 angka."),
        ((GOOD, OTHER), "Kedua PIN tidak sama: tidak ada yang diubah."),
        ((GOOD,), "no PIN on standard input"),
    ],
)
def test_a_pin_that_will_not_do_adds_nobody(
    config: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    typed: tuple[str, ...],
    message: str,
) -> None:
    code, _, err = run(
        capsys, monkeypatch, config,
        "staff", "add", "kepala", "--name", "Dewi", "--role", "supervisor", typed=typed,
    )  # fmt: skip
    assert code == 2
    assert err.startswith("mpp-kiosk: ")
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    code, out, _ = run(capsys, monkeypatch, config, "staff", "list", "--json")
    assert json.loads(out) == {"staff": []}


def test_the_pin_length_comes_from_the_site_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = site_config(tmp_path, f"sqlite:///{tmp_path / 'hall.sqlite3'}", staff={"pin_length": 8})
    argv = ("staff", "add", "kepala", "--name", "Dewi", "--role", "supervisor")
    code, _, err = run(capsys, monkeypatch, path, *argv, typed=(GOOD, GOOD))
    assert (code, err) == (2, "mpp-kiosk: PIN baru paling sedikit 8 angka.\n")
    code, _, err = run(capsys, monkeypatch, path, *argv, typed=("48261937", "48261937"))
    assert (code, err) == (0, "")


def test_a_pin_is_never_an_argument(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--config", str(config), "staff", "add", "kepala", "--name", "D", "--role",
              "supervisor", "--pin", GOOD])  # fmt: skip
    assert exit_.value.code == 2
    assert "unrecognized arguments: --pin" in capsys.readouterr().err


def test_passwd_own_and_by_a_supervisor_and_disable(
    config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    add = ("staff", "add")
    run(capsys, monkeypatch, config, *add, "kepala", "--name", "Dewi", "--role", "supervisor",
        typed=(GOOD, GOOD))  # fmt: skip
    run(capsys, monkeypatch, config, *add, "siti", "--name", "Siti", "--role", "officer",
        "--by", "kepala", typed=(GOOD, OTHER, OTHER))  # fmt: skip

    code, _, err = run(capsys, monkeypatch, config, "staff", "passwd", "siti",
                       typed=("000000", "913572", "913572"))  # fmt: skip
    assert (code, err) == (2, "mpp-kiosk: PIN salah. Sisa percobaan: 4.\n")
    code, out, _ = run(capsys, monkeypatch, config, "staff", "passwd", "siti",
                       typed=(OTHER, "913572", "913572"))  # fmt: skip
    assert (code, out) == (0, "PIN of siti changed\n")
    assert signs_in(config, "siti", "913572")
    assert not signs_in(config, "siti", OTHER)

    code, _, err = run(capsys, monkeypatch, config, "staff", "passwd", "kepala", "--by", "siti",
                       typed=("913572", "264810", "264810"))  # fmt: skip
    assert (code, err) == (2, "mpp-kiosk: Hanya supervisor yang boleh melakukan ini.\n")
    code, _, _ = run(capsys, monkeypatch, config, "staff", "passwd", "siti", "--by", "kepala",
                     typed=(GOOD, "264810", "264810"))  # fmt: skip
    assert code == 0
    assert signs_in(config, "siti", "264810")

    code, _, err = run(capsys, monkeypatch, config, "staff", "disable", "kepala", "--by",
                       "kepala", typed=(GOOD,))  # fmt: skip
    assert (code, "supervisor aktif terakhir" in err) == (2, True)
    code, out, _ = run(capsys, monkeypatch, config, "staff", "disable", "siti", "--by", "kepala",
                       typed=(GOOD,))  # fmt: skip
    assert (code, out) == (0, "siti disabled\n")
    assert not signs_in(config, "siti", "264810")
    code, out, _ = run(capsys, monkeypatch, config, "staff", "list")
    assert out.splitlines()[1].split()[:3] == ["siti", "officer", "disabled"]


def test_doctor_warns_while_a_demo_pin_is_active(
    config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    _, out, _ = run(capsys, monkeypatch, config, "doctor", "--json")
    staff = next(check for check in json.loads(out)["checks"] if check["name"] == "staff")
    assert staff["warning"] is False
    run(capsys, monkeypatch, config, "init", "--demo")
    _, out, _ = run(capsys, monkeypatch, config, "doctor", "--json")
    staff = next(check for check in json.loads(out)["checks"] if check["name"] == "staff")
    assert (staff["ok"], staff["warning"]) == (True, True)  # not a fault: the exit code holds
    _, out, _ = run(capsys, monkeypatch, config, "doctor")
    assert ("WARN staff: demo PIN still active for budi, kepala, siti: give each a PIN of their"
            " own with `mpp-kiosk staff passwd USER`") in out.splitlines()  # fmt: skip
    for user, pin in (("budi", "2222"), ("kepala", "9999"), ("siti", "1111")):
        run(capsys, monkeypatch, config, "staff", "passwd", user, typed=(pin, GOOD, GOOD))
    _code, out, _ = run(capsys, monkeypatch, config, "doctor")
    assert "ok   staff: no demo PIN active" in out.splitlines()
