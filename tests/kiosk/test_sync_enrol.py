"""`mpp-kiosk central enrol URL TOKEN` against a real centre: checked first, then kept in a file."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator

import pytest

from kiosk.cli import main
from kiosk.sync.enrolment import enrolment_path, load_enrolment
from tools.central_server import Centre, serving


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    """One real central service on SQLite for the module's tests."""
    folder = tmp_path_factory.mktemp("centre")
    with serving(folder, f"sqlite:///{folder / 'central.sqlite3'}") as running:
        yield running


def test_a_good_token_is_kept_for_this_user_only(
    centre: Centre, capsys: pytest.CaptureFixture[str]
) -> None:
    token = centre.add_device("mpp-kab-probolinggo")
    assert main(["central", "enrol", centre.base + "/", token, "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said == {"enrolled": True, "centre": centre.base, "file": str(enrolment_path())}
    assert stat.S_IMODE(enrolment_path().stat().st_mode) == 0o600
    assert load_enrolment(enrolment_path()).token == token


def test_an_unknown_token_is_not_kept(centre: Centre, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["central", "enrol", centre.base, "A" * 26]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "revoked or unknown" in err
    assert not enrolment_path().exists()


def test_an_unreachable_centre_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["central", "enrol", "http://127.0.0.1:9", "A" * 26]) == 1
    assert "cannot reach" in capsys.readouterr().err
    assert not enrolment_path().exists()


@pytest.mark.parametrize(("url", "token"), [("rekam.example", "A" * 26), ("https://x", "short")])
def test_bad_input_exits_2(url: str, token: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["central", "enrol", url, token]) == 2
    assert capsys.readouterr().err.startswith("mpp-kiosk: ")
