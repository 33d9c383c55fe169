"""The complaint receipt: QR to the public page, next steps, hotline, and no unmasked data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.complaints.receipt import receipt_slip
from kiosk.complaints.store import ComplaintService
from kiosk.complaints.views import SubmittedComplaint
from kiosk.demo.complaints import CHRONOLOGY, PHONE_E164, REPORTER_NIK
from kiosk.hall import open_hall
from kiosk.hall_key import sealer_of
from kiosk.infra.sealed import ensure_key
from kiosk.settings import Settings, load_settings
from printing import render_slip
from tests.conftest import site_config
from tests.helpers.complaints import fill, new_form
from tests.printing.slip_tools import decode_qr, pdf_text, rasterise

START = datetime(2026, 11, 23, 3, 30, tzinfo=UTC)


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    return load_settings(site_config(tmp_path, f"sqlite:///{tmp_path / 'hall.sqlite3'}"))


@pytest.fixture
def service(sqlite_settings: Settings, tmp_path: Path) -> Iterator[ComplaintService]:
    hall = open_hall(sqlite_settings)
    cipher = sealer_of(ensure_key(tmp_path / "complaints.key"))
    try:
        yield ComplaintService(hall.db, sqlite_settings, cipher, clock=lambda: START)
    finally:
        hall.close()


def stored(service: ComplaintService, **changes: object) -> SubmittedComplaint:
    form = new_form()
    fill(form, changes)
    return service.submit(form)


def test_the_slip_carries_reference_local_time_categories_masked_contact_and_next_steps(
    service: ComplaintService, sqlite_settings: Settings
) -> None:
    complaint = stored(service)
    slip = receipt_slip(complaint, sqlite_settings, "en")
    assert slip.headline == slip.reference == complaint.reference
    assert slip.headline_label == "Complaint Number"
    assert slip.badge is None
    assert slip.qr_url == complaint.url
    assert dict(slip.rows) == {
        "Date": "23 Nov 2026 10:30 WIB",
        "Problem": "Wages unpaid or underpaid, Documents held by employer or agency",
        "Reporter": "Siti A••••• R•••••",
        "Mobile": "0812•••••890",
    }
    assert "within 3 working days" in slip.notes[0]
    assert "within 5 working days" in slip.notes[0]
    assert slip.footer == (
        "24-hour crisis hotline (free): 0800-1000 · from abroad: +62 21 29244800"
        " · WhatsApp: 0811-8080-141"
    )


def test_an_urgent_receipt_says_so_and_puts_the_hotline_first(
    service: ComplaintService, sqlite_settings: Settings
) -> None:
    slip = receipt_slip(stored(service, urgent=True), sqlite_settings, "id")
    assert slip.badge == "MENDESAK"
    assert slip.notes[0] == (
        "Nyawa atau keselamatan dalam bahaya: hubungi hotline 0800-1000 sekarang juga."
    )


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_printed_receipt_decodes_to_the_public_url_and_shows_nothing_unmasked(
    service: ComplaintService, sqlite_settings: Settings, tmp_path: Path, language: str
) -> None:
    complaint = stored(service)
    pdf = render_slip(receipt_slip(complaint, sqlite_settings, language))
    assert decode_qr(rasterise(pdf, tmp_path)) == [complaint.url]
    text = pdf_text(pdf, tmp_path)
    assert complaint.reference in text
    assert "0800-1000" in text
    digits = "".join(char for char in text if char.isdigit())
    assert REPORTER_NIK not in digits
    assert PHONE_E164[1:] not in digits
    assert "81234567890" not in digits
    for word in ("Aminah", "Rahayu", "Dewi", "Lestari", "Kaohsiung", "Majikan", "paspornya"):
        assert word not in text, word
    assert all(word not in text for word in CHRONOLOGY.split() if len(word) > 4)
