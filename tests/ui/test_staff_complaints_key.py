"""Faces of a device whose key cannot open or seal a complaint: the officer's list says so for
that row and shows the others as usual; the console and the kiosk say why, store nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from kiosk.complaints.fields import Step
from kiosk.demo import seed_demo
from kiosk.hall import Hall
from kiosk.hall_key import key_path, open_device_key, sealer_of
from kiosk.i18n import translate
from kiosk.infra.sealed import new_key, write_key
from kiosk.models import Complaint
from kiosk.queueing.service import QueueService
from tests.helpers.complaints import fill, new_form
from tests.helpers.hall_faces import show, sign_in
from tests.helpers.kiosk_taps import report_until
from tests.helpers.staff import add_member
from tests.helpers.touch import tap, tap_item
from ui.kiosk.window import KioskWindow
from ui.staff.complaints.panel import StaffComplaintsPanel
from ui.staff.complaints.table import COLUMNS, ComplaintTableModel
from ui.staff.window import StaffWindow
from ui.workers import Worker

STRANGER = sealer_of(new_key()).key_id


@pytest.fixture
def references(hall: Hall) -> list[str]:
    """Two complaints of today; the second sealed with another key than this device's."""
    kept = []
    for name in ("Siti Aminah Rahayu", "Ani Lestari"):
        form = new_form()
        fill(form, {"reporter_name": name})
        kept.append(hall.complaints.submit(form).reference)
    with hall.db.sessions.begin() as session:
        session.execute(
            update(Complaint).where(Complaint.reference == kept[1]).values(key_id=STRANGER)
        )
    return kept


@pytest.fixture
def panel(qtbot: QtBot, hall: Hall) -> Iterator[StaffComplaintsPanel]:
    worker = Worker()
    officer = add_member(hall, "rina", "officer").id
    shown = StaffComplaintsPanel(
        hall.complaints, worker, hall.printer(), hall.settings, officer, hall.look_up
    )
    show(qtbot, shown)
    yield shown
    worker.wait()


def test_a_row_sealed_with_another_key_reads_unreadable_and_hides_no_other(
    qtmodeltester: ModelTester, hall: Hall, references: list[str]
) -> None:
    model = ComplaintTableModel(hall.settings.site.zone)
    model.set_complaints(hall.complaints.list_today())
    qtmodeltester.check(model)
    cells = {
        model.data(model.index(row, COLUMNS.index("reference"))): model.data(
            model.index(row, COLUMNS.index("reporter"))
        )
        for row in range(model.rowCount())
    }
    assert cells == {
        references[0]: "Siti A••••• R•••••\n0812•••••890",
        references[1]: "tidak terbaca (kunci lain)",
    }
    model.set_language("en")
    assert model.data(model.index(0, COLUMNS.index("reporter"))) == "unreadable (another key)"


def test_opening_it_says_why_in_one_line_and_the_others_still_open(
    qtbot: QtBot, panel: StaffComplaintsPanel, references: list[str]
) -> None:
    tap(qtbot, panel.refresh_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert panel.model.complaint(0).reference == references[1]  # the newest first
    tap_item(qtbot, panel.table, panel.model.index(1, 0))
    with qtbot.waitSignal(panel.complaint_opened):
        tap(qtbot, panel.open_button)
    tap_item(qtbot, panel.table, panel.model.index(0, 0))
    with qtbot.waitSignal(panel.action_failed) as failed:
        tap(qtbot, panel.open_button)
    assert panel.detail is None  # the one opened before is not left beside the failure
    assert references[0] not in panel.text.toPlainText()
    assert failed.args == [
        f"Gagal: pengaduan {references[1]} tidak dapat dibuka dengan kunci ruang layanan: "
        f"disegel dengan kunci {STRANGER}"
    ]
    assert panel.message.text() == failed.args[0]
    tap_item(qtbot, panel.table, panel.model.index(1, 0))
    with qtbot.waitSignal(panel.complaint_opened) as opened:
        tap(qtbot, panel.open_button)
    assert opened.args == [references[0]]


@pytest.fixture
def queue(hall: Hall) -> QueueService:
    seed_demo(hall)
    return hall.queue


def test_a_console_without_the_halls_key_says_why_and_opens_no_complaints(
    qtbot: QtBot, console: StaffWindow, hall: Hall, tmp_path: Path
) -> None:
    hall_key = open_device_key(hall.db, create=True, path=tmp_path / "pc1" / "complaints.key")
    sign_in(qtbot, console, "siti", "1111")
    tap(qtbot, console.console.complaints)
    qtbot.waitUntil(console.console.message.isVisible)
    assert console.console.message.text() == (
        f"kunci pengaduan ruang layanan ini ({hall_key.hall}) tidak ada di perangkat ini "
        f"({key_path()}): ekspor di perangkat lain ruang layanan ini dengan "
        "'mpp-kiosk key export FILE', lalu jalankan 'mpp-kiosk key import FILE' di sini"
    )
    assert console.complaints is None
    assert console.screens.currentWidget() is console.console


def test_a_kiosk_holding_another_key_stores_no_complaint_and_logs_why(
    qtbot: QtBot,
    home_window: KioskWindow,
    hall: Hall,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    hall_key = open_device_key(hall.db, create=True, path=tmp_path / "pc1" / "complaints.key")
    write_key(key_path(), new_key())  # this kiosk made a key of its own
    wizard = report_until(qtbot, home_window, Step.REVIEW)
    tap(qtbot, wizard.next)
    failed = translate("complaintui.send_failed", "id")
    qtbot.waitUntil(lambda: wizard.message.text() == failed)
    assert home_window.screens.currentWidget() is wizard
    with hall.db.reads() as session:
        assert session.scalar(select(func.count()).select_from(Complaint)) == 0
    assert f"is not the hall's key ({hall_key.hall})" in caplog.text
