"""The satisfaction survey at the kiosk, by taps: nine faces, back, leave, and screenshots."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.touch import tap
from ui.kiosk.survey_screen import SurveyScreen


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
