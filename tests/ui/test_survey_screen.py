"""The satisfaction survey at the kiosk, by taps: nine faces, back, leave, and screenshots."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.hall import Hall
from tests.helpers.touch import tap
from ui.kiosk.survey_screen import SurveyScreen
from ui.kiosk.window import KioskWindow


@pytest.fixture
def screen(qtbot: QtBot) -> SurveyScreen:
    shown = SurveyScreen()
    qtbot.addWidget(shown)
    shown.resize(1920, 940)
    shown.start("Q-261123-7K3M")
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_nine_taps_answer_the_survey_and_a_late_tap_changes_nothing(
    qtbot: QtBot, screen: SurveyScreen
) -> None:
    assert screen.question().element == "requirements"
    assert screen.faces[0].words.text() == "Tidak sesuai"
    for score in (4, 3, 3, 4, 3, 4, 4, 3):
        tap(qtbot, screen.faces[score - 1])
    assert screen.question().element == "complaints"
    with qtbot.waitSignal(screen.answered) as done:
        tap(qtbot, screen.faces[1])
    assert done.args == ["Q-261123-7K3M", (4, 3, 3, 4, 3, 4, 4, 3, 2)]
    with qtbot.assertNotEmitted(screen.answered):
        tap(qtbot, screen.faces[3])


def test_back_takes_the_last_answer_back_and_at_the_first_question_leaves(
    qtbot: QtBot, screen: SurveyScreen
) -> None:
    tap(qtbot, screen.faces[3])
    assert screen.back.text() == "Pertanyaan sebelumnya"
    tap(qtbot, screen.back)
    assert screen.answers == []
    assert screen.back.text() == "Kembali"
    with qtbot.waitSignal(screen.back_requested):
        tap(qtbot, screen.back)
    with qtbot.assertNotEmitted(screen.answered):
        tap(qtbot, screen.faces[3])  # left: a tap on a face no longer answers


def test_the_language_changes_mid_survey_and_the_answers_stay(
    qtbot: QtBot, screen: SurveyScreen
) -> None:
    tap(qtbot, screen.faces[2])
    tap(qtbot, screen.faces[3])
    tap(qtbot, screen.faces[3])
    screen.retranslate("en")
    assert screen.answers == [3, 4, 4]
    assert screen.question().heading == "Cost"
    assert [face.words.text() for face in screen.faces] == [
        "Very expensive",
        "Rather expensive",
        "Cheap",
        "Free",
    ]


def _check(qtbot: QtBot, window: KioskWindow, reference: str) -> None:
    """Cek Status from the home screen, the reference scanned, the answer drawn."""
    tap(qtbot, window.home.tiles["status"])
    qtbot.keyClicks(window.status.field, reference)
    qtbot.keyClick(window.status.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.status.card is not None)


def test_a_served_visitor_rates_the_service_from_cek_status_once(
    qtbot: QtBot, home_window: KioskWindow, hall: Hall
) -> None:
    waiting = hall.queue.issue_ticket("jobs")
    _check(qtbot, home_window, waiting.reference)
    qtbot.wait(300)
    assert home_window.status.survey_button() is None  # not served yet: nothing to rate
    tap(qtbot, home_window.status.back)
    hall.queue.call_next(1)
    hall.queue.start(1)
    hall.queue.finish(1)
    _check(qtbot, home_window, waiting.reference)
    qtbot.waitUntil(lambda: home_window.status.survey_button() is not None)
    offer = home_window.status.survey_button()
    assert offer is not None
    assert offer.text() == "Nilai layanan kami (9 pertanyaan, tanpa nama)"
    tap(qtbot, offer)
    survey = home_window.survey
    assert home_window.screens.currentWidget() is survey
    for score in (4, 3, 3, 4, 3, 4, 4, 3, 2):
        tap(qtbot, survey.faces[score - 1])
    qtbot.waitUntil(lambda: home_window.screens.currentWidget() is home_window.notice)
    assert home_window.notice.text.text().startswith("Terima kasih!")
    report = hall.survey.report(hall.today(), hall.today(), "jobs")
    found = report.rows[0].index
    assert found is not None
    assert (found.respondents, str(found.index)) == (1, "83.33")
    tap(qtbot, home_window.notice.back)
    _check(qtbot, home_window, waiting.reference)
    qtbot.wait(300)
    assert home_window.status.survey_button() is None  # answered: offered no more
