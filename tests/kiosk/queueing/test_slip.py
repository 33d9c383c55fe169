"""The queue ticket slip: number, service, time, people ahead, wait, QR and reference."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.queueing.slip import ticket_slip
from kiosk.queueing.views import IssuedTicket
from kiosk.settings import Settings
from printing import Paper, render_slip
from tests.printing.slip_tools import decode_qr, pdf_text, rasterise

URL = "https://rekam.kp2mi.example/r/K5Q2M7XW3ZB4HJ8C6RT1VN9PDA"
ISSUED = IssuedTicket(
    ticket_id=7,
    number="A-007",
    service="jobs",
    reference="Q-261123-7K3M",
    public_token="K5Q2M7XW3ZB4HJ8C6RT1VN9PDA",
    url=URL,
    issued_at=datetime(2026, 11, 23, 3, 54, tzinfo=UTC),
    people_ahead=4,
    estimated_wait_minutes=15,
    priority=True,
)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'hall.sqlite3'}"


def test_the_slip_says_it_in_the_visitors_language(settings: Settings) -> None:
    slip = ticket_slip(ISSUED, settings, "id")
    assert (slip.headline_label, slip.headline, slip.badge) == (
        "Nomor Antrian",
        "A-007",
        "PRIORITAS",
    )
    assert slip.rows == (
        ("Layanan", "Informasi Lowongan Kerja"),
        ("Tanggal", "23 Nov 2026 10:54 WIB"),
        ("Antrian di depan", "4 orang"),
        ("Perkiraan tunggu", "± 15 menit"),
    )
    assert (slip.qr_url, slip.reference) == (URL, "Q-261123-7K3M")
    assert slip.footer.endswith("0800-1000 · WhatsApp 0811-8080-141")
    english = ticket_slip(dataclasses.replace(ISSUED, priority=False), settings, "en")
    assert english.badge is None
    assert english.rows[0] == ("Service", "Job information")


def test_the_printed_slip_reads_back(settings: Settings, tmp_path: Path) -> None:
    pdf = render_slip(ticket_slip(ISSUED, settings, "id"))
    assert decode_qr(rasterise(pdf, tmp_path)) == [URL]
    text = pdf_text(pdf, tmp_path)
    for want in ("A-007", "PRIORITAS", "Q-261123-7K3M", "23 Nov 2026 10:54 WIB"):
        assert want in text


@pytest.mark.parametrize("paper", list(Paper))
def test_a_registration_slip_names_the_vacancy(
    settings: Settings, paper: Paper, tmp_path: Path
) -> None:
    """Daftar sekarang: the visitor and the officer both see which job it is for."""
    what = "Penata laksana rumah tangga (domestic helper) · Arab Saudi · PT Bina Insan Sejahtera"
    posting = f"{what} · L-261123-4KQ7"  # the demo feed's longest position
    registration = dataclasses.replace(ISSUED, service="placement", posting=posting)
    slip = ticket_slip(registration, settings, "id")
    assert slip.rows[:3] == (
        ("Layanan", "Pendaftaran & Penempatan"),
        ("Lowongan", "L-261123-4KQ7"),
        ("", what),
    )
    assert ticket_slip(registration, settings, "en").rows[1] == ("Vacancy", "L-261123-4KQ7")
    pdf = render_slip(slip, paper)
    assert decode_qr(rasterise(pdf, tmp_path)) == [URL]
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "Lowongan L-261123-4KQ7" in text
    for part in ("Penata laksana", "Arab Saudi", "PT Bina Insan Sejahtera"):
        assert part in text


@pytest.mark.parametrize("paper", list(Paper))
def test_a_slip_says_what_to_bring_when_the_site_lists_it(
    settings: Settings, paper: Paper, tmp_path: Path
) -> None:
    placement = dataclasses.replace(ISSUED, service="placement", number="B-001")
    slip = ticket_slip(placement, settings, "id")
    assert slip.notes[0].startswith("Bawa ke loket: KTP, Kartu Keluarga, Akta kelahiran, ")
    assert slip.notes[0].endswith("Surat izin keluarga diketahui kepala desa/lurah.")
    english = ticket_slip(placement, settings, "en").notes[0]
    assert english.startswith("Bring to the counter: ID card (KTP), Family card (KK), ")
    assert not ticket_slip(ISSUED, settings, "id").notes[0].startswith("Bawa")  # jobs: none
    pdf = render_slip(slip, paper)
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "Bawa ke loket: KTP, Kartu Keluarga" in text
    assert "kepala desa/lurah." in text
    assert decode_qr(rasterise(pdf, tmp_path)) == [URL]


def test_one_person_ahead_is_one_person(settings: Settings) -> None:
    alone = dataclasses.replace(ISSUED, people_ahead=1)
    assert ticket_slip(alone, settings, "en").rows[2] == ("People ahead", "1 person")
    assert ticket_slip(alone, settings, "id").rows[2] == ("Antrian di depan", "1 orang")
