"""The job slip: a vacancy's facts in the visitor's language, its QR link and reference."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.demo.jobs import seed_demo_jobs
from kiosk.hall import Hall, open_hall
from kiosk.jobs.postings import PostingDetail
from kiosk.jobs.search import JobQuery
from kiosk.jobs.slip import job_slip
from kiosk.jobs.vocab import Scheme
from kiosk.jobs.wording import grouped
from kiosk.references import public_url
from kiosk.settings import Settings
from printing import Paper, render_slip
from tests.printing.slip_tools import decode_qr, pdf_text, rasterise


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'hall.sqlite3'}"


@pytest.fixture
def hall(settings: Settings) -> Iterator[Hall]:
    opened = open_hall(settings)
    seed_demo_jobs(opened)
    try:
        yield opened
    finally:
        opened.close()


def _detail(hall: Hall, query: JobQuery) -> PostingDetail:
    board = hall.jobs
    detail = board.detail(board.search(query).postings[0].id)
    assert detail is not None
    return detail


@pytest.mark.parametrize("paper", list(Paper))
def test_the_slip_has_the_reference_the_position_and_a_qr_to_the_posting(
    hall: Hall, paper: Paper, tmp_path: Path
) -> None:
    detail = _detail(hall, JobQuery(text="caregiver", country="TW", scheme=Scheme.P_TO_P))
    assert detail.zero_cost
    assert detail.p3mi is not None
    pdf = render_slip(job_slip(detail, hall.settings, "id"), paper)
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert re.fullmatch(r"L-\d{6}-[0-9A-HJKMNP-TV-Z]{4}", detail.reference)
    for expected in (
        detail.reference,
        "TANPA BIAYA PENEMPATAN",
        "Info Lowongan Kerja Taiwan",
        f"Pekerjaan {detail.position}",
        f"Kota {detail.city}",
        "TWD 20.000 per bulan",
        "sekitar Rp",
        detail.p3mi.licence_number,
        "Terdaftar dan berizin",
        "Waspada calo!",
        "0800-1000",
    ):
        assert expected in text
    url = public_url(hall.settings.central.base_url, detail.public_token)
    assert decode_qr(rasterise(pdf, tmp_path)) == [url]


def test_a_government_posting_in_english_needs_no_p3mi(hall: Hall, tmp_path: Path) -> None:
    detail = _detail(hall, JobQuery(country="DE", scheme=Scheme.G_TO_G))
    slip = job_slip(detail, hall.settings, "en")
    assert slip.headline_label == "Job information"
    assert slip.badge is None
    assert ("Licence", "Government programme: no P3MI") in slip.rows
    text = " ".join(pdf_text(render_slip(slip), tmp_path).split())
    assert "Beware of brokers!" in text
    assert "EUR " in text


def test_amounts_are_grouped_as_each_language_writes_them() -> None:
    assert grouped(10_248_000, "id") == "10.248.000"
    assert grouped(10_248_000, "en") == "10,248,000"
    assert grouped(Decimal("1250.50"), "id") == "1.250,50"
