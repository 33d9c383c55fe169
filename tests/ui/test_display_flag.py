"""``mpp-kiosk display --screen N`` names a screen the display has, or says which it has."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk import cli
from ui.launch import QtFaces


@pytest.mark.parametrize("screen", ["-5", "1", "99"])
def test_a_screen_the_display_lacks_is_one_line_and_exit_2(
    qtbot: QtBot, config_file: Path, capsys: pytest.CaptureFixture[str], screen: str
) -> None:
    faces = QtFaces()
    assert faces.screens() == 1  # the offscreen platform has one
    code = cli.main(["--config", str(config_file), "display", "--screen", screen], faces=faces)
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == f"mpp-kiosk: --screen must be 0 (this display has 1 screen), not {screen}\n"
