"""The officer's list of today's complaints: list, open (logged), note, move status, reprint."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.complaints.store import ComplaintService
from kiosk.demo.complaints import REPORTER_NIK
from kiosk.hall import Hall
from kiosk.models import CentralComplaint, Complaint, ComplaintAccess, Staff
from tests.helpers.clock import MONDAY_0930_WIB, FakeClock
from tests.helpers.complaints import fill, new_form
from tests.helpers.touch import tap, tap_item
from tests.printing.slip_tools import pdf_text
from ui.staff.complaints.panel import StaffComplaintsPanel
from ui.staff.complaints.table import COLUMNS, ComplaintTableModel
from ui.workers import Worker


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_0930_WIB)


@pytest.fixture
def service(hall: Hall) -> ComplaintService:
    return hall.complaints


@pytest.fixture
def officer(hall: Hall) -> int:
    with hall.db.sessions.begin() as session:
        staff = Staff(username="rina", name="Rina", role="officer", pin_hash="-")
        session.add(staff)
        session.flush()
        return staff.id


@pytest.fixture
def references(service: ComplaintService) -> list[str]:
    """Two complaints of today: a plain one, then an urgent one."""
    kept = []
    for urgent in (False, True):
        form = new_form()
        fill(form, {"urgent": urgent})
        kept.append(service.submit(form).reference)
    return kept


@pytest.fixture
def panel(
    qtbot: QtBot, hall: Hall, service: ComplaintService, officer: int
) -> Iterator[StaffComplaintsPanel]:
    worker = Worker()
    shown = StaffComplaintsPanel(
        service, worker, hall.printer(), hall.settings, officer, hall.look_up
    )
    qtbot.addWidget(shown)
    shown.resize(1400, 800)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    worker.wait()


def accesses(hall: Hall) -> list[tuple[int, str]]:
    with hall.db.reads() as session:
        rows = session.scalars(select(ComplaintAccess).order_by(ComplaintAccess.id)).all()
        return [(row.staff_id, row.action) for row in rows]


def test_the_table_model_is_a_well_behaved_qt_model(
    qtmodeltester: ModelTester, hall: Hall, service: ComplaintService, references: list[str]
) -> None:
    model = ComplaintTableModel(hall.settings.site.zone)
    qtmodeltester.check(model)
    model.set_complaints(service.list_today())
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    urgent, plain = (model.index(row, COLUMNS.index("urgent")) for row in (0, 1))
    assert model.data(urgent) == "MENDESAK"
    assert model.data(plain) == ""
    assert model.data(model.index(0, COLUMNS.index("reference"))) == references[1]
    assert model.data(model.index(0, COLUMNS.index("time"))) == "09:30"
    reporter = model.data(model.index(0, COLUMNS.index("reporter")))
    assert reporter == "Siti A••••• R•••••\n0812•••••890"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Jam"
    model.set_language("en")
    assert model.data(model.index(0, COLUMNS.index("status"))) == "Received"


def test_an_officer_lists_opens_notes_moves_and_reprints(
    qtbot: QtBot,
    panel: StaffComplaintsPanel,
    hall: Hall,
    officer: int,
    references: list[str],
    tmp_path: Path,
) -> None:
    tap(qtbot, panel.refresh_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    tap(qtbot, panel.open_button)
    assert panel.message.text() == "Pilih pengaduan di daftar, lalu tekan Buka."
    plain = references[0]
    tap_item(qtbot, panel.table, panel.model.index(1, 0))
    with qtbot.waitSignal(panel.complaint_opened) as opened:
        tap(qtbot, panel.open_button)
    assert opened.args == [plain]
    opened_text = panel.text.toPlainText()
    assert "Siti Aminah Rahayu" not in opened_text  # masked until the officer asks
    assert "Siti A••••• R•••••" in opened_text
    assert REPORTER_NIK not in opened_text
    assert "Menampilkannya dicatat atas nama Anda." in opened_text
    assert accesses(hall) == [(officer, "open")]
    assert panel.show_button.text() == "Tampilkan data pribadi"
    tap(qtbot, panel.show_button)
    qtbot.waitUntil(lambda: "Siti Aminah Rahayu" in panel.text.toPlainText())
    assert f"NIK pelapor: {REPORTER_NIK}" in panel.text.toPlainText()
    assert accesses(hall) == [(officer, "open"), (officer, "show")]
    tap(qtbot, panel.show_button)  # hide again: nothing to ask the core
    assert "Siti Aminah Rahayu" not in panel.text.toPlainText()
    assert panel.show_button.text() == "Tampilkan data pribadi"

    qtbot.keyClicks(panel.note, "Keluarga dihubungi lewat telepon.")
    with qtbot.waitSignal(panel.note_added):
        tap(qtbot, panel.note_button)
    assert "Keluarga dihubungi lewat telepon." in panel.text.toPlainText()
    assert panel.note.toPlainText() == ""

    panel.statuses.setCurrentIndex(panel.statuses.findData("verified"))
    with qtbot.waitSignal(panel.status_moved) as moved:
        tap(qtbot, panel.move_button)
    assert moved.args == [plain, "verified"]
    assert panel.message.text() == "Status diubah menjadi Diverifikasi."
    assert [panel.statuses.itemData(i) for i in range(panel.statuses.count())] == [
        "in_progress",
        "closed",
    ]
    status = COLUMNS.index("status")
    qtbot.waitUntil(lambda: panel.model.data(panel.model.index(1, status)) == "Diverifikasi")

    with qtbot.waitSignal(panel.receipt_reprinted):
        tap(qtbot, panel.reprint_button)
    assert accesses(hall) == [(officer, "open"), (officer, "show"), (officer, "reprint")]
    [slip] = hall.spool_dir.glob(f"*complaint-{plain}*.pdf")
    assert plain in pdf_text(slip.read_bytes(), tmp_path)


def test_an_opened_complaint_shows_what_the_centres_desk_said_as_the_family_sees_it(
    qtbot: QtBot, panel: StaffComplaintsPanel, hall: Hall, references: list[str]
) -> None:
    plain = references[0]
    note = "Kami sudah menghubungi agensi."
    with hall.db.sessions.begin() as session:
        token = session.scalar(select(Complaint.public_token).where(Complaint.reference == plain))
        assert token is not None
        later = MONDAY_0930_WIB + timedelta(hours=2)
        session.add(
            CentralComplaint(
                token=token,
                status="verified",
                changed_at=later,
                public_notes=[
                    {
                        "note_id": "n1",
                        "text": "Kami sudah menghubungi agensi.",
                        "known_at": later.isoformat(),
                    }
                ],
                pulled_at=later,
            )
        )
    tap(qtbot, panel.refresh_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    tap_item(qtbot, panel.table, panel.model.index(1, 0))
    with qtbot.waitSignal(panel.complaint_opened):
        tap(qtbot, panel.open_button)
    shown = panel.text.toPlainText()
    family = shown[shown.index("Yang dilihat keluarga") :]
    assert "Diverifikasi" in family
    assert note in family
    assert "Siti" not in family  # what the family sees holds nothing personal
