"""The officer's list when a complaint cannot be opened with this device's key: that row says
so, the others show as usual."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from sqlalchemy import update

from kiosk.hall import Hall
from kiosk.hall_key import sealer_of
from kiosk.infra.sealed import new_key
from kiosk.models import Complaint
from tests.helpers.complaints import fill, new_form
from ui.staff.complaints.table import COLUMNS, ComplaintTableModel


def test_a_row_sealed_with_another_key_reads_unreadable_and_hides_no_other(
    qtmodeltester: ModelTester, hall: Hall
) -> None:
    references = []
    for name in ("Siti Aminah Rahayu", "Ani Lestari"):
        form = new_form()
        fill(form, {"reporter_name": name})
        references.append(hall.complaints.submit(form).reference)
    with hall.db.sessions.begin() as session:
        session.execute(
            update(Complaint)
            .where(Complaint.reference == references[1])
            .values(key_id=sealer_of(new_key()).key_id)
        )
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
