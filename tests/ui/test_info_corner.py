"""The information corner by touches: home to each page and the schedule, a session's number."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.cli import main
from kiosk.i18n import translate
from kiosk.info import DEFAULT_INFO_FILE, PAGES
from tests.conftest import site_config
from tests.helpers.clock import FakeClock
from tests.helpers.touch import tap
from ui.kiosk.reading import words_of
from ui.kiosk.window import KioskWindow
from ui.launch import QtFaces


def _corner(qtbot: QtBot, window: KioskWindow, language: str) -> None:
    tap(qtbot, window.header.language_button(language))
    tap(qtbot, window.home.tiles["info"])
    assert window.screens.currentWidget() is window.info.menu


@pytest.mark.parametrize("language", ["id", "en"])
def test_each_page_opens_from_home_and_reads_aloud_whole(
    qtbot: QtBot, home_window: KioskWindow, language: str
) -> None:
    window = home_window
    assert window.home.tiles["info"].title() == translate("info.tile_title", language="id")
    _corner(qtbot, window, language)
    menu_words = words_of(window.info.menu, language)
    assert translate("info.page_broker", language) in menu_words
    for key in PAGES:
        tap(qtbot, window.info.menu.tiles[key])
        page = window.info.page
        assert window.screens.currentWidget() is page
        assert page.page is not None
        assert page.page.key == key
        spoken = words_of(page, language)
        assert spoken.startswith(page.page.title)
        for _tone, heading, items in page.page.lists:
            assert heading in spoken
            assert all(item.rstrip(".") in spoken for item in items)
        tap(qtbot, page.back)
        assert window.screens.currentWidget() is window.info.menu
    tap(qtbot, window.info.menu.back)
    assert window.screens.currentWidget() is window.home


def test_the_fees_page_in_english_lists_the_ten_jobs(
    qtbot: QtBot, home_window: KioskWindow
) -> None:
    _corner(qtbot, home_window, "en")
    tap(qtbot, home_window.info.menu.tiles["fees"])
    words = words_of(home_window.info.page, "en")
    assert "10 jobs with no fee. Housekeeper. Baby sitter" in words
    assert "Never charged to you. Air tickets" in words
    tap(qtbot, home_window.header.language_button("id"))  # the page follows the switch
    assert "10 jabatan tanpa biaya. Pengurus rumah tangga" in words_of(home_window.info.page, "id")


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_session_of_today_takes_a_number_of_its_service(
    qtbot: QtBot, home_window: KioskWindow, language: str
) -> None:
    window = home_window  # Monday 09:00: the 13:00 talk is today, the others later
    _corner(qtbot, window, language)
    tap(qtbot, window.info.menu.tiles["sessions"])
    sessions = window.info.sessions
    assert window.screens.currentWidget() is sessions
    assert [o.joinable for o in sessions.occurrences] == [True, False, False, False]
    assert len(sessions.joins) == 1
    spoken = words_of(sessions, language)
    assert translate("info.today", language) in spoken
    assert "Rabu Seru PMI" in spoken
    tap(qtbot, sessions.joins[0])
    assert window.screens.currentWidget() is window.priority  # "jobs" offers priority
    tap(qtbot, window.priority.back)
    assert window.screens.currentWidget() is sessions  # Back returns to the schedule
    tap(qtbot, sessions.joins[0])
    tap(qtbot, window.priority.no)
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.ticket)
    assert window.take.ticket is not None
    assert window.take.ticket.number == "A-001"
    assert window.take.service is not None
    assert window.take.service.code == "jobs"


def test_a_session_of_another_day_offers_no_number_until_its_day(
    qtbot: QtBot, home_window: KioskWindow, clock: FakeClock
) -> None:
    clock.advance(minutes=5 * 60)  # Monday 14:00: today's talk has ended
    _corner(qtbot, home_window, "id")
    tap(qtbot, home_window.info.menu.tiles["sessions"])
    sessions = home_window.info.sessions
    assert not any(o.joinable for o in sessions.occurrences)
    assert sessions.joins == []
    assert translate("info.on_the_day", "id") in [
        label.text() for label in sessions.findChildren(QLabel)
    ]
    clock.advance(minutes=19 * 60)  # Tuesday 09:00: the OPP is on, opp open in the morning
    tap(qtbot, sessions.back)
    tap(qtbot, home_window.info.menu.tiles["sessions"])
    assert len(sessions.joins) == 1
    assert sessions.joins[0].property("service") == "opp"
    tap(qtbot, sessions.joins[0])
    qtbot.waitUntil(lambda: home_window.screens.currentWidget() is not sessions)
    assert home_window.screens.currentWidget() is home_window.priority


def test_a_bad_information_file_is_one_line_and_no_kiosk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    info = tmp_path / "info.toml"
    info.write_text(
        DEFAULT_INFO_FILE.read_text(encoding="utf-8").replace('"wed"', '"rabu"'), encoding="utf-8"
    )
    database = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    config = site_config(tmp_path, database, kiosk={"info_file": str(info)})
    assert main(["--config", str(config), "kiosk", "--windowed"], faces=QtFaces()) == 2
    _, err = capsys.readouterr()
    assert err.startswith(f"mpp-kiosk: {info}: sessions.2.weekday: must be 'mon'")
    assert err.count("\n") == 1
    assert not (tmp_path / "hall.sqlite3").exists()  # nothing opened before the check
    assert main(["--config", str(config), "doctor"]) == 1
    out, _ = capsys.readouterr()
    assert f"FAIL info: {info}: sessions.2.weekday: must be 'mon'" in out
