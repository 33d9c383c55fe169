"""``mpp-kiosk init``, ``doctor`` and ``key export|import|rotate`` with one key per hall.

Two devices are two data folders (``XDG_DATA_HOME``) against one hall database; passphrases
are typed (``getpass``), as an operator types them.
"""

from __future__ import annotations

import base64
import getpass
import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import update

from kiosk.backup.archive import seal
from kiosk.cli import main
from kiosk.hall import open_hall
from kiosk.hall_key import key_path, sealer_of
from kiosk.infra.sealed import load_key, new_key, write_key
from kiosk.models import Complaint
from kiosk.settings import load_settings
from tests.conftest import site_config
from tests.helpers.complaints import fill, new_form

PASSPHRASE = "kunci aula probolinggo"


class Terminal:
    """What the operator types at the passphrase prompts, in order."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.typed: list[str] = []
        self.prompts: list[str] = []
        monkeypatch.setattr(getpass, "getpass", self._answer)

    def _answer(self, prompt: str = "Password: ", stream: object = None) -> str:
        del stream
        self.prompts.append(prompt)
        return self.typed.pop(0)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    return Terminal(monkeypatch)


Device = Callable[[str], Path]


@pytest.fixture
def device(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Device:
    """Switches to the data folder of a named device; its key file's path."""

    def use(name: str) -> Path:
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / name))
        return key_path()

    return use


def run(capsys: pytest.CaptureFixture[str], config: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--config", str(config), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    assert err.startswith("mpp-kiosk: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    return err


def export(capsys: pytest.CaptureFixture[str], config: Path, terminal: Terminal, path: Path) -> str:
    """``key export PATH`` with the passphrase typed twice; what it printed."""
    terminal.typed = [PASSPHRASE, PASSPHRASE]
    code, out, err = run(capsys, config, "key", "export", str(path))
    assert (code, err) == (0, "")
    return out


def import_key(
    capsys: pytest.CaptureFixture[str], config: Path, terminal: Terminal, path: Path
) -> str:
    """``key import PATH`` with the passphrase typed once; what it printed."""
    terminal.typed = [PASSPHRASE]
    code, out, err = run(capsys, config, "key", "import", str(path))
    assert (code, err) == (0, "")
    return out


def first_device_exports(
    capsys: pytest.CaptureFixture[str],
    config: Path,
    device: Device,
    terminal: Terminal,
    carried: Path,
) -> Path:
    """``init`` on the first device, then its key exported to ``carried``; its key file."""
    first = device("pc1")
    assert run(capsys, config, "init")[0] == 0
    assert "written to" in export(capsys, config, terminal, carried)
    return first


def submit(config: Path, **changes: object) -> str:
    hall = open_hall(load_settings(config))
    try:
        form = new_form()
        fill(form, changes)
        return hall.complaints.submit(form).reference
    finally:
        hall.close()


def listed(capsys: pytest.CaptureFixture[str], config: Path) -> list[dict[str, object]]:
    code, out, err = run(capsys, config, "complaints", "list", "--json")
    assert (code, err) == (0, "")
    complaints: list[dict[str, object]] = json.loads(out)["complaints"]
    return complaints


def test_init_on_a_second_device_makes_no_key_and_says_how_to_bring_the_halls(
    config_file: Path, device: Device, capsys: pytest.CaptureFixture[str]
) -> None:
    first = device("pc1")
    code, out, _ = run(capsys, config_file, "init", "--json")
    assert code == 0
    hall_key = sealer_of(load_key(first)).key_id
    assert json.loads(out)["key_id"] == hall_key

    second = device("pc2")
    code, _, err = run(capsys, config_file, "init")
    assert code == 1
    assert one_line(err) == (
        f"mpp-kiosk: this hall's complaints key ({hall_key}) is not on this device ({second}): "
        "export it on a device of the hall with 'mpp-kiosk key export FILE', then run "
        "'mpp-kiosk key import FILE' here\n"
    )
    assert not second.exists()


def test_the_halls_key_carried_to_a_second_device_lets_it_store_what_the_first_reads(
    config_file: Path,
    device: Device,
    terminal: Terminal,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    carried = tmp_path / "usb" / "hall.key"
    first = first_device_exports(capsys, config_file, device, terminal, carried)
    assert len(terminal.prompts) == 2
    assert stat.S_IMODE(carried.stat().st_mode) == 0o600
    key = load_key(first)
    content = carried.read_bytes()
    assert base64.urlsafe_b64encode(key) not in content
    assert base64.b64encode(key) not in content

    second = device("pc2")
    out = import_key(capsys, config_file, terminal, carried)
    assert out == f"this device now holds the hall's key {sealer_of(key).key_id}\n"
    assert load_key(second) == key
    assert run(capsys, config_file, "init")[0] == 0
    reference = submit(config_file)

    device("pc1")
    [line] = listed(capsys, config_file)
    assert (line["reference"], line["readable"]) == (reference, True)
    out = run(capsys, config_file, "doctor")[1]
    assert f"ok   complaints key: {first}, the hall's key {sealer_of(key).key_id}" in out


def test_export_refuses_a_weak_or_mistyped_passphrase_and_an_existing_file(
    config_file: Path,
    terminal: Terminal,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, config_file, "init")[0] == 0
    carried = tmp_path / "hall.key"
    terminal.typed = ["pendek"]
    code, _, err = run(capsys, config_file, "key", "export", str(carried))
    assert (code, one_line(err)) == (
        2,
        "mpp-kiosk: the passphrase needs 10 characters or more: nothing was written\n",
    )
    terminal.typed = [PASSPHRASE, PASSPHRASE + "!"]
    code, _, err = run(capsys, config_file, "key", "export", str(carried))
    assert (code, one_line(err)) == (
        2,
        "mpp-kiosk: the two passphrases differ: nothing was written\n",
    )
    assert not carried.exists()
    carried.write_text("keep me")
    code, _, err = run(capsys, config_file, "key", "export", str(carried))
    assert code == 2
    assert "exists: choose a new file name" in one_line(err)
    assert carried.read_text() == "keep me"
    with pytest.raises(SystemExit) as refused:  # a passphrase never comes on the command line
        run(capsys, config_file, "key", "export", "x", "--passphrase", PASSPHRASE)
    assert refused.value.code == 2


def test_import_refuses_a_wrong_passphrase_a_damaged_file_and_another_halls_key(
    config_file: Path,
    device: Device,
    terminal: Terminal,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    carried = tmp_path / "hall.key"
    first_device_exports(capsys, config_file, device, terminal, carried)

    second = device("pc2")
    terminal.typed = ["not the passphrase"]
    code, _, err = run(capsys, config_file, "key", "import", str(carried))
    assert (code, one_line(err)) == (
        2,
        "mpp-kiosk: wrong passphrase, or the backup file is damaged: nothing was changed\n",
    )
    exported = carried.read_bytes()
    head, _, body = exported.partition(b"}\n")
    for damaged in (
        b"\x00" * 100_000,
        b"{}",
        exported[:-1] + bytes([exported[-1] ^ 1]),
        exported[: len(exported) // 2],
        head.replace(b'"n": 32768', b'"n": 1099511627776') + b"}\n" + body,
        seal({"complaints.db": b"no key here"}, PASSPHRASE.encode()),
    ):
        carried.write_bytes(damaged)
        terminal.typed = [PASSPHRASE]
        code, _, err = run(capsys, config_file, "key", "import", str(carried))
        assert code == 2
        assert one_line(err).endswith(": nothing was changed\n")
    code, _, err = run(capsys, config_file, "key", "import", str(tmp_path / "nowhere"))
    assert (code, one_line(err)) == (
        2,
        f"mpp-kiosk: cannot read {tmp_path / 'nowhere'}: No such file or directory\n",
    )

    other_hall = tmp_path / "other.key"  # exported by another hall, with its own key
    (tmp_path / "other").mkdir()
    other_config = site_config(tmp_path / "other", f"sqlite:///{tmp_path / 'other.sqlite3'}")
    device("other")
    assert run(capsys, other_config, "init")[0] == 0
    export(capsys, other_config, terminal, other_hall)
    device("pc2")
    terminal.typed = [PASSPHRASE]
    code, _, err = run(capsys, config_file, "key", "import", str(other_hall))
    assert code == 1
    assert "is not this hall's key" in one_line(err)
    assert "nothing was changed" in err
    assert not second.exists()


def test_a_lost_key_on_sqlite_is_not_made_again_and_doctor_sees_another_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = site_config(tmp_path, f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    assert run(capsys, config, "init")[0] == 0
    hall_key = sealer_of(load_key(key_path())).key_id
    submit(config)
    key_path().unlink()

    code, _, err = run(capsys, config, "init")
    assert code == 1
    assert f"this hall's complaints key ({hall_key}) is not on this device" in one_line(err)
    assert not key_path().exists()

    write_key(key_path(), new_key())  # a valid key, not the hall's
    code, out, _ = run(capsys, config, "doctor")
    assert code == 1
    [line] = [line for line in out.splitlines() if "complaints key" in line]
    assert line.startswith("FAIL complaints key: this device's complaints key (")
    assert f"is not the hall's key ({hall_key})" in line
    code, _, err = run(capsys, config, "init")
    assert code == 1
    assert "is not the hall's key" in one_line(err)


def test_init_with_a_damaged_key_exits_1_in_one_line(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key_path().parent.mkdir(parents=True)
    key_path().write_text("damaged\n")
    key_path().chmod(0o600)
    code, _, err = run(capsys, config_file, "init")
    assert (code, one_line(err)) == (
        1,
        f"mpp-kiosk: complaints key {key_path()} is damaged (not a 32-byte key)\n",
    )


def test_rotate_seals_again_and_a_device_with_the_old_key_is_told_to_import(
    config_file: Path,
    device: Device,
    terminal: Terminal,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    carried = tmp_path / "hall.key"
    first = first_device_exports(capsys, config_file, device, terminal, carried)
    device("pc2")
    import_key(capsys, config_file, terminal, carried)
    reference = submit(config_file)

    device("pc1")
    old = sealer_of(load_key(first)).key_id
    code, out, err = run(capsys, config_file, "key", "rotate", "--json")
    assert (code, err) == (0, "")
    rotated = json.loads(out)
    new = sealer_of(load_key(first)).key_id
    assert rotated == {
        "old_key_id": old,
        "key_id": new,
        "complaints": 1,
        "notes": 0,
        "outbox": 1,
    }
    [line] = listed(capsys, config_file)
    assert (line["reference"], line["readable"]) == (reference, True)

    device("pc2")
    code, out, _ = run(capsys, config_file, "doctor")
    assert f"FAIL complaints key: this device's complaints key ({old}) is not the hall's" in out
    [line] = listed(capsys, config_file)
    assert line["readable"] is False


def test_the_list_shows_a_row_it_cannot_open_as_unreadable_and_the_others_as_usual(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, config_file, "init")[0] == 0
    good = submit(config_file)
    foreign = submit(config_file, reporter_name="Ani Lestari")
    hall = open_hall(load_settings(config_file))
    try:
        with hall.db.sessions.begin() as session:
            session.execute(
                update(Complaint)
                .where(Complaint.reference == foreign)
                .values(key_id=sealer_of(new_key()).key_id)
            )
    finally:
        hall.close()
    code, out, _ = run(capsys, config_file, "complaints", "list")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert lines[foreign].endswith("tidak terbaca (kunci lain)")
    assert "Siti A••••• R•••••" in lines[good]
