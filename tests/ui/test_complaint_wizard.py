"""Reporting a complaint at the touchscreen, by touches: every step, urgency, consent, receipt."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QPushButton, QScroller, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.complaints.categories import Relation
from kiosk.complaints.fields import Step
from kiosk.demo.complaints import ANSWERS, CHRONOLOGY, REPORTER_NIK, SHORTEST, WORKER_NIK
from kiosk.hall import Hall
from kiosk.i18n import translate
from kiosk.models import Complaint
from kiosk.vocab import Gender
from tests.helpers.clock import MONDAY_0930_WIB, FakeClock
from tests.helpers.kiosk_taps import Taps, answer, complain_by_taps, report_until
from tests.helpers.touch import tap
from tests.printing.slip_tools import decode_qr, pdf_text, rasterise
from ui.app import DESIGN_SIZE, design_scale
from ui.kiosk.complaint.editors import ChoiceEditor, LineEditor
from ui.kiosk.complaint.wizard import ComplaintWizard
from ui.kiosk.slip_screen import SlipState
from ui.kiosk.window import KioskWindow


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_0930_WIB)


@pytest.fixture
def window(qtbot: QtBot, hall: Hall, clock: FakeClock) -> Iterator[KioskWindow]:
    shown = KioskWindow(hall)
    qtbot.addWidget(shown)
    shown.resize(*DESIGN_SIZE)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.worker.wait()


def wizard_of(window: KioskWindow) -> ComplaintWizard:
    return window.complaint.wizard


def type_on_screen(qtbot: QtBot, window: KioskWindow, text: str) -> None:
    """Tap the on-screen keys of ``text`` (the field has focus and the keyboard is up)."""
    qtbot.waitUntil(window.keyboard.isVisible)
    for char in text:
        key = next(
            button
            for button in window.keyboard.findChildren(QPushButton, "KeyboardKey")
            if button.isVisible() and button.text() == char
        )
        tap(qtbot, key)


def submit(qtbot: QtBot, window: KioskWindow, wizard: ComplaintWizard) -> None:
    assert wizard.pages.currentWidget() is wizard.review
    tap(qtbot, wizard.next)
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.complaint.receipt)
    qtbot.waitUntil(lambda: window.complaint.receipt.slip_state is SlipState.PRINTED)


def test_a_complaint_end_to_end_prints_a_receipt_without_personal_data(
    qtbot: QtBot, window: KioskWindow, hall: Hall, clock: FakeClock, tmp_path: Path
) -> None:
    tap(qtbot, window.home.tiles["complaint"])
    wizard = wizard_of(window)
    assert wizard.step_label.text() == "Langkah 1 dari 6"
    assert wizard.progress.value() == 1
    nik = wizard.steps[Step.REPORTER].editors["reporter_nik"]
    assert isinstance(nik, LineEditor)
    tap(qtbot, nik.field)
    qtbot.waitUntil(window.keyboard.isVisible)
    digits = window.keyboard.findChild(QWidget, "KeyboardDigits")
    assert digits is not None
    assert digits.isVisible()  # the number pad for a NIK
    type_on_screen(qtbot, window, REPORTER_NIK)
    qtbot.waitUntil(lambda: nik.field.text() == REPORTER_NIK)
    rest = {k: v for k, v in ANSWERS[Step.REPORTER].items() if k != "reporter_nik"}
    answer(qtbot, wizard, rest)
    tap(qtbot, wizard.next)
    assert wizard.step_label.text() == "Langkah 2 dari 6"
    for step in (Step.WORKER, Step.CASE, Step.CONTACT):
        answer(qtbot, wizard, ANSWERS[step])
        tap(qtbot, wizard.next)
    assert wizard.pages.currentWidget() is wizard.consent
    assert not wizard.next.isVisible()
    tap(qtbot, wizard.consent.agree)
    assert wizard.step_label.text() == "Langkah 6 dari 6"
    shown = wizard.review.values()
    assert "Siti Aminah Rahayu" in shown
    assert "Ibu" in shown
    assert CHRONOLOGY in shown
    submit(qtbot, window, wizard)

    receipt = window.complaint.receipt
    submitted = receipt.complaint
    assert submitted is not None
    assert re.fullmatch(r"P-261123-[0-9A-Z]{4}", receipt.reference.text())
    assert receipt.qr.data() == submitted.url
    assert wizard.form.value("reporter_name") is None  # cleared once kept
    stored = hall.complaints.list_today()
    assert [c.reference for c in stored] == [submitted.reference]
    assert not stored[0].urgent
    pdf = next(hall.spool_dir.glob("*.pdf")).read_bytes()
    assert decode_qr(rasterise(pdf, tmp_path)) == [submitted.url]
    text = pdf_text(pdf, tmp_path)
    assert submitted.reference in text
    for secret in (REPORTER_NIK, WORKER_NIK, "81234567890", "Aminah", "Rahayu", "Majikan"):
        assert secret not in text.replace(" ", "")
    tap(qtbot, receipt.done)
    assert window.screens.currentWidget() is window.home
    assert receipt.reference.text() == ""


def test_a_yes_to_danger_shows_the_hotline_at_once_and_the_report_is_urgent(
    qtbot: QtBot, window: KioskWindow, hall: Hall, clock: FakeClock
) -> None:
    wizard = report_until(qtbot, window, Step.CASE)
    assert not wizard.hotline.isVisible()
    urgent = wizard.steps[Step.CASE].editors["urgent"]
    assert isinstance(urgent, ChoiceEditor)
    tap(qtbot, urgent.button(True))
    assert wizard.hotline.isVisible()
    assert wizard.hotline.number.text() == hall.settings.site.hotline
    assert "Segera hubungi hotline krisis" in wizard.hotline.title.text()
    answer(qtbot, wizard, {k: v for k, v in ANSWERS[Step.CASE].items() if k != "urgent"})
    tap(qtbot, wizard.next)
    assert wizard.hotline.isVisible()  # stays in sight for the rest of the report
    answer(qtbot, wizard, ANSWERS[Step.CONTACT])
    tap(qtbot, wizard.next)
    tap(qtbot, wizard.consent.agree)
    submit(qtbot, window, wizard)
    assert window.complaint.receipt.badge.isVisible()
    [stored] = hall.complaints.list_today()
    assert stored.urgent


def test_refusing_consent_keeps_nothing_and_sends_to_the_counter(
    qtbot: QtBot, window: KioskWindow, hall: Hall, clock: FakeClock
) -> None:
    wizard = report_until(qtbot, window, Step.CONTACT)
    answer(qtbot, wizard, ANSWERS[Step.CONTACT])
    tap(qtbot, wizard.next)
    tap(qtbot, wizard.consent.refuse)
    refused = window.complaint.refused
    assert window.screens.currentWidget() is refused
    assert "tidak disimpan" in refused.title.text()
    assert wizard.form.value("reporter_name") is None
    assert wizard.form.step is Step.REPORTER
    assert hall.complaints.list_today() == []
    with hall.db.reads() as session:
        assert session.scalar(select(func.count()).select_from(Complaint)) == 0
    tap(qtbot, refused.home)
    assert window.screens.currentWidget() is window.home


def test_back_keeps_every_answer(qtbot: QtBot, window: KioskWindow) -> None:
    wizard = report_until(qtbot, window, Step.WORKER)
    answer(qtbot, wizard, {"worker_name": "Dewi", "worker_gender": Gender.FEMALE})
    tap(qtbot, wizard.back)
    assert wizard.form.step is Step.REPORTER
    reporter = wizard.steps[Step.REPORTER].editors
    name, relation = reporter["reporter_name"], reporter["relation"]
    assert isinstance(name, LineEditor)
    assert isinstance(relation, ChoiceEditor)
    assert name.field.text() == "Siti Aminah Rahayu"
    assert relation.button(Relation.MOTHER).isChecked()
    tap(qtbot, wizard.next)
    worker = wizard.steps[Step.WORKER].editors
    worker_name, gender = worker["worker_name"], worker["worker_gender"]
    assert isinstance(worker_name, LineEditor)
    assert isinstance(gender, ChoiceEditor)
    assert worker_name.field.text() == "Dewi"
    assert gender.button(Gender.FEMALE).isChecked()
    tap(qtbot, wizard.back)
    tap(qtbot, wizard.back)
    assert window.screens.currentWidget() is window.home


def test_a_wrong_nik_is_refused_beside_the_field_in_the_visitors_language(
    qtbot: QtBot, window: KioskWindow
) -> None:
    tap(qtbot, window.home.tiles["complaint"])
    wizard = wizard_of(window)
    answer(qtbot, wizard, {**ANSWERS[Step.REPORTER], "reporter_nik": "3507 1245"})
    tap(qtbot, wizard.next)
    assert wizard.form.step is Step.REPORTER
    editors = wizard.steps[Step.REPORTER].editors
    assert editors["reporter_nik"].error.isVisible()
    assert editors["reporter_nik"].error.text() == "NIK harus 16 angka. Anda memasukkan 8 angka."
    assert not editors["reporter_name"].error.isVisible()
    assert wizard.message.text() != ""
    tap(qtbot, window.header.language_button("en"))
    assert editors["reporter_nik"].error.text() == translate("identity.nik_length", "en", count=8)


def test_the_idle_reset_clears_a_half_filled_form(
    qtbot: QtBot, window: KioskWindow, clock: FakeClock
) -> None:
    tap(qtbot, window.home.tiles["complaint"])
    wizard = wizard_of(window)
    answer(qtbot, wizard, {"reporter_name": "Siti Aminah", "relation": Relation.MOTHER})
    clock.now += timedelta(seconds=window.hall.settings.kiosk.idle_seconds + 1)
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.home)
    assert wizard.form.value("reporter_name") is None
    tap(qtbot, window.home.tiles["complaint"])
    name = wizard.steps[Step.REPORTER].editors["reporter_name"]
    relation = wizard.steps[Step.REPORTER].editors["relation"]
    assert isinstance(name, LineEditor)
    assert isinstance(relation, ChoiceEditor)
    assert name.field.text() == ""
    assert not any(button.isChecked() for button in relation.buttons)


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_whole_complaint_by_taps_keeps_each_field_in_sight_above_the_keyboard(
    qtbot: QtBot, window: KioskWindow, hall: Hall, language: str
) -> None:
    """On the 1920×1080 design; ``QT_SCALE_FACTOR`` puts it on another screen (below)."""
    tap(qtbot, window.header.language_button(language))
    taps = Taps(qtbot)
    complain_by_taps(taps, window, ANSWERS)
    wizard = wizard_of(window)
    assert wizard.step_label.text() == translate("complaintui.progress", language, step=6, total=6)
    assert wizard.title.isVisible()  # typing is over: the headings are back
    submit(qtbot, window, wizard)
    [stored] = hall.complaints.list_today()
    assert not stored.urgent


def test_a_whole_complaint_by_taps_on_a_1366x768_screen() -> None:
    """The kiosk scales its design onto a smaller screen (``fit_design_to_screen``): the
    same walk, key by key, in a process whose Qt scale is that of a 1366×768 screen."""
    test = (
        f"{__file__}::test_a_whole_complaint_by_taps_keeps_each_field_in_sight_above_the_keyboard"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_SCALE_FACTOR": f"{design_scale(1366, 768)}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert "2 passed" in done.stdout


def test_the_shortest_complaint_takes_at_most_60_taps(
    qtbot: QtBot, window: KioskWindow, hall: Hall, capsys: pytest.CaptureFixture[str]
) -> None:
    taps = Taps(qtbot)
    complain_by_taps(taps, window, SHORTEST)
    taps(wizard_of(window).next)
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.complaint.receipt)
    full = Taps(qtbot)
    tap(qtbot, window.complaint.receipt.done)
    complain_by_taps(full, window, ANSWERS)
    with capsys.disabled():  # the figure shows in every run
        print(
            f"\ntaps: shortest complaint {taps.count} (target ≤ 60),"
            f" every question {full.count + 1}"
        )
    assert taps.count <= 60
    assert len(hall.complaints.list_today()) == 1


def test_every_page_counts_once_and_each_visit_starts_at_the_top_of_a_clean_form(
    qtbot: QtBot, window: KioskWindow
) -> None:
    tap(qtbot, window.home.tiles["complaint"])
    wizard = wizard_of(window)
    first = wizard.steps[Step.REPORTER]
    answer(qtbot, wizard, {"reporter_name": "Siti"})
    bar = first.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    tap(qtbot, wizard.back)
    assert window.screens.currentWidget() is window.home
    tap(qtbot, window.home.tiles["complaint"])
    assert bar.value() == 0
    name = first.editors["reporter_name"]
    assert isinstance(name, LineEditor)
    assert name.field.text() == ""
    seen = []
    tap(qtbot, wizard.back)
    wizard = report_until(qtbot, window, Step.REVIEW)
    while wizard.form.step is not Step.REPORTER:
        seen.append(wizard.step_label.text())
        tap(qtbot, wizard.back)
    seen.append(wizard.step_label.text())
    assert seen == [f"Langkah {n} dari 6" for n in range(6, 0, -1)]


def test_every_page_scrolls_by_finger_as_the_jobs_list(window: KioskWindow) -> None:
    wizard = wizard_of(window)
    pages = [*wizard.steps.values(), wizard.consent.notice, wizard.review]
    assert all(QScroller.hasScroller(page.viewport()) for page in pages)


def test_the_hotline_never_hides_the_danger_answer(qtbot: QtBot, window: KioskWindow) -> None:
    wizard = report_until(qtbot, window, Step.CASE)
    urgent = wizard.steps[Step.CASE].editors["urgent"]
    assert isinstance(urgent, ChoiceEditor)
    tap(qtbot, urgent.button(True))
    qtbot.waitUntil(wizard.hotline.isVisible)
    page = wizard.steps[Step.CASE]

    def answers_in_sight() -> bool:
        shown = QRect(page.viewport().mapToGlobal(QPoint(0, 0)), page.viewport().size())
        panel = QRect(wizard.hotline.mapToGlobal(QPoint(0, 0)), wizard.hotline.size())
        places = [
            QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
            for button in (urgent.button(True), urgent.button(False))
        ]
        return all(shown.contains(p) and not p.intersects(panel) for p in places)

    qtbot.waitUntil(answers_in_sight)


def test_the_review_masks_the_nik_and_phone_until_shown(qtbot: QtBot, window: KioskWindow) -> None:
    wizard = report_until(qtbot, window, Step.REVIEW)
    shown = wizard.review.values()
    assert REPORTER_NIK not in shown
    assert "3507••••••••0012" in shown
    assert "0812•••••890" in shown
    assert wizard.review.reveal.text() == "Tampilkan NIK dan nomor HP"
    tap(qtbot, wizard.review.reveal)
    assert REPORTER_NIK in wizard.review.values()
    assert "+6281234567890" in wizard.review.values()
    tap(qtbot, wizard.review.reveal)
    assert REPORTER_NIK not in wizard.review.values()
    tap(qtbot, wizard.review.reveal)
    wizard.reset()
    assert not wizard.review.revealed
