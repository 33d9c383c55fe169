"""A complaint's public page: reference, categories, public notes only, next steps, hotline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from central.db import Database
from tests.helpers.public_records import NOW, Clock, Records, pages_app

MONDAY_0830_WIB = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
WEDNESDAY_1000_WIB = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def records(central_db: Database) -> Records:
    made = Records(central_db)
    made.site()
    return made


@pytest.fixture
def client(central_db: Database, clock: Clock) -> Iterator[TestClient]:
    with TestClient(pages_app(central_db, clock)) as client:
        yield client


def test_a_received_complaint_shows_reference_categories_and_when_it_is_answered(
    records: Records, client: TestClient
) -> None:
    token = records.complaint(created_at=MONDAY_0830_WIB)
    response = client.get(f"/r/{token}")
    assert response.status_code == 200
    html = response.text
    assert "P-261123-4D2Q" in html
    assert "Pengaduan Anda" in html
    assert "23 November 2026" in html
    assert "Gaji tidak dibayar atau kurang" in html
    assert "Hilang kontak" in html
    assert "Diterima" in html
    assert "0812•••••678" in html
    # Verified within 3 working days (Thursday), answered 5 working days after that.
    assert "paling lambat Kamis, 26 November 2026" in html
    assert "paling lambat Kamis, 3 Desember 2026" in html
    assert "SP4N-LAPOR!" in html
    assert "Pengaduan diterima di MPP Kabupaten Probolinggo" in html
    assert "08.30 WIB" in html
    assert '<a class="call" href="tel:08001000">Telepon 0800-1000</a>' in html
    assert "Butuh bantuan? Telepon gratis, 24 jam:" in html
    assert "<script" not in html
    assert 'http-equiv="refresh"' not in html


def test_the_english_page_words_it_all_in_english(records: Records, client: TestClient) -> None:
    token = records.complaint(created_at=MONDAY_0830_WIB)
    html = client.get(f"/r/{token}?lang=en").text
    assert "Your complaint" in html
    assert "Wages unpaid or underpaid" in html
    assert "by Thursday, 26 November 2026 at the latest" in html
    assert ">Call 0800-1000</a>" in html
    assert "08:30 WIB" in html


def test_a_verified_complaint_is_answered_within_five_working_days_of_its_verification(
    records: Records, client: TestClient, clock: Clock
) -> None:
    token = records.complaint(created_at=MONDAY_0830_WIB)
    records.status(token, "verified", at=WEDNESDAY_1000_WIB, reason="checked with the family")
    clock.now = WEDNESDAY_1000_WIB + timedelta(hours=1)
    html = client.get(f"/r/{token}").text
    assert "Diverifikasi" in html
    assert "Jawaban dari KP2MI paling lambat Rabu, 2 Desember 2026" in html
    assert "checked with the family" not in html  # a status's reason is the desk's own


def test_only_public_notes_are_shown_in_the_timeline_in_order(
    records: Records, client: TestClient
) -> None:
    token = records.complaint(created_at=MONDAY_0830_WIB)
    records.status(token, "verified", at=MONDAY_0830_WIB + timedelta(hours=2))
    records.note(
        token,
        "Kami sudah menghubungi agensi di Taipei.\nKabar berikutnya minggu depan.",
        public=True,
        at=MONDAY_0830_WIB + timedelta(hours=3),
    )
    records.note(token, "Internal: majikan menolak, NIK 3507…", public=False, at=NOW)
    records.status(token, "in_progress", at=MONDAY_0830_WIB + timedelta(hours=4))
    html = client.get(f"/r/{token}").text
    assert "Kami sudah menghubungi agensi di Taipei." in html
    assert "Internal" not in html
    assert "majikan menolak" not in html
    order = [
        html.index("Pengaduan diterima di"),
        html.index("Status: Diverifikasi"),
        html.index("Kabar dari petugas"),
        html.index("Status: Sedang ditangani"),
    ]
    assert order == sorted(order)
    assert "Petugas sedang menangani pengaduan Anda" in html
    json = client.get(f"/api/v1/records/{token}").json()["record"]
    notes = [item["note"] for item in json["timeline"] if item["note"]]
    assert notes == ["Kami sudah menghubungi agensi di Taipei.\nKabar berikutnya minggu depan."]


def test_nothing_personal_reaches_the_page_or_its_json(
    records: Records, client: TestClient
) -> None:
    token = records.complaint()
    for response in (client.get(f"/r/{token}"), client.get(f"/api/v1/records/{token}")):
        assert "Siti" not in response.text
        assert "3507123456780012" not in response.text
        assert "SEALED" not in response.text
    record = client.get(f"/api/v1/records/{token}").json()["record"]
    assert set(record) == {
        "token",
        "reference",
        "day",
        "hall",
        "urgent",
        "categories",
        "reporter_masked",
        "status",
        "timeline",
        "verify_by",
        "answer_by",
        "zone",
        "hotline",
        "kind",
    }


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("resolved", "Pengaduan Anda selesai ditangani"),
        ("closed", "Pengaduan ini ditutup"),
    ],
)
def test_a_finished_complaint_says_what_to_do_if_it_is_not_solved(
    records: Records, client: TestClient, status: str, words: str
) -> None:
    token = records.complaint(status=status)
    html = client.get(f"/r/{token}").text
    assert words in html
    assert "hubungi 0800-1000" in html


def test_an_urgent_complaint_points_at_the_hotline_at_once(
    records: Records, client: TestClient
) -> None:
    token = records.complaint(urgent=True, categories="violence")
    html = client.get(f"/r/{token}").text
    assert "Ditandai mendesak" in html
    assert "Kekerasan atau penganiayaan" in html
    assert html.index("Ditandai mendesak") < html.index("Kekerasan atau penganiayaan")


def test_the_complaint_page_has_etag_and_304(records: Records, client: TestClient) -> None:
    token = records.complaint()
    first = client.get(f"/r/{token}")
    assert (
        client.get(f"/r/{token}", headers={"If-None-Match": first.headers["etag"]}).status_code
        == 304
    )
    records.note(token, "Kabar baru", public=True, at=NOW)
    assert (
        client.get(f"/r/{token}", headers={"If-None-Match": first.headers["etag"]}).status_code
        == 200
    )


def test_a_long_history_stays_small(records: Records, client: TestClient) -> None:
    token = records.complaint(created_at=MONDAY_0830_WIB)
    for n in range(20):
        records.note(
            token,
            "Petugas sudah menghubungi agensi dan majikan; kabar berikutnya minggu depan. " * 3,
            public=True,
            at=MONDAY_0830_WIB + timedelta(hours=n + 1),
        )
    page = client.get(f"/r/{token}").content
    assert len(page) + len(client.get("/static/public.css").content) < 30 * 1024
