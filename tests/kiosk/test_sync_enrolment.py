"""The device's enrolment file: mode 0600, replaced whole, never in the TOML, never in a repr."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kiosk.sync.enrolment import (
    Enrolment,
    EnrolmentError,
    enrolment_path,
    load_enrolment,
    save_enrolment,
)

TOKEN = "JBSWY3DPEHPK3PXPJBSWY3DPEH"


def test_saved_for_this_user_only_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "data" / "central-device.json"
    save_enrolment(path, Enrolment("https://rekam.example/", TOKEN))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_enrolment(path) == Enrolment("https://rekam.example", TOKEN)
    save_enrolment(path, Enrolment("https://rekam.example", TOKEN[::-1]))
    assert load_enrolment(path).token == TOKEN[::-1]
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left


def test_it_lives_in_the_data_dir() -> None:
    assert enrolment_path().parent.name == "mpp-kiosk"


def test_the_token_is_not_in_its_repr() -> None:
    assert TOKEN not in repr(Enrolment("https://rekam.example", TOKEN))


@pytest.mark.parametrize(
    ("url", "token"), [("ftp://x", TOKEN), ("https://rekam.example", "short"), ("", TOKEN)]
)
def test_a_bad_url_or_token_is_refused(url: str, token: str) -> None:
    with pytest.raises(ValueError, match=r"URL|token"):
        Enrolment(url, token)


def test_missing_open_or_damaged_files_say_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "central-device.json"
    with pytest.raises(EnrolmentError, match=r"not enrolled.*central enrol"):
        load_enrolment(path)
    save_enrolment(path, Enrolment("https://rekam.example", TOKEN))
    path.chmod(0o644)
    with pytest.raises(EnrolmentError, match="readable by others"):
        load_enrolment(path)
    path.chmod(0o600)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(EnrolmentError, match="damaged"):
        load_enrolment(path)
