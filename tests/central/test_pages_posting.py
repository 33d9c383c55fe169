"""A posting's public page: the vacancy in plain words, the P3MI's standing, fees and brokers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient

from central.db import Database
from tests.helpers.public_records import Clock, Records, pages_app


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def records(central_db: Database) -> Records:
    return Records(central_db)


@pytest.fixture
def client(central_db: Database, clock: Clock) -> Iterator[TestClient]:
    with TestClient(pages_app(central_db, clock)) as client:
        yield client


def test_the_vacancy_in_plain_words(records: Records, client: TestClient) -> None:
    records.p3mi()
    records.rate("TWD", "512.40", date(2026, 11, 20))
    token = records.posting()
    response = client.get(f"/r/{token}")
    assert response.status_code == 200
    html = response.text
    for words in (
        "Caregiver (perawat lansia)",
        "Taiwan · Taichung",
        "TWD 20.000 per bulan",
        "sekitar Rp 10.248.000 per bulan (kurs 20 November 2026)",
        "Keluarga Lin",
        "36 bulan",
        "10 jam/hari",
        "Makan",
        "Tempat tinggal",
        "Bahasa Mandarin dasar",
        "Perempuan",
        "Usia 21–45 tahun",
        "SMP",
        "31 Desember 2026",
        "5 orang dibutuhkan",
        "Datang ke loket KP2MI",
        '<p class="badge ok">Lowongan resmi</p>',
    ):
        assert words in html, words
    assert "<script" not in html
    assert 'http-equiv="refresh"' not in html


def test_the_p3mi_and_its_licence_standing(records: Records, client: TestClient) -> None:
    records.p3mi()
    token = records.posting()
    html = client.get(f"/r/{token}").text
    assert "PT Contoh Penempatan Jaya" in html
    assert "Nomor SIP3MI: KEP.0001/KA/2026" in html
    assert 'data-standing="licensed">Terdaftar dan berizin' in html
    assert "Berlaku 1 Januari 2026 sampai 31 Desember 2026" in html
    english = client.get(f"/r/{token}?lang=en").text
    assert "Registered and licensed" in english


@pytest.mark.parametrize(
    ("fields", "standing", "words"),
    [
        ({"status": "suspended"}, "suspended", "Izin dibekukan sementara"),
        ({"status": "revoked"}, "revoked", "Izin dicabut"),
        ({"valid_until": "2026-11-22"}, "expired", "Izin sudah habis masa berlakunya"),
        ({"valid_from": "2026-11-24"}, "expired", "Izin sudah habis masa berlakunya"),
    ],
)
def test_a_posting_through_an_unlicensed_p3mi_says_do_not_apply(
    records: Records, client: TestClient, fields: dict[str, str], standing: str, words: str
) -> None:
    records.p3mi(**fields)
    token = records.posting()
    html = client.get(f"/r/{token}").text
    assert f'data-standing="{standing}">{words}' in html
    assert ("Berlaku " in html) is (standing == "expired")  # revoked: not "valid until"
    assert "Jangan mendaftar lewat lowongan ini" in html
    assert "badge ok" not in html
    assert client.get(f"/api/v1/records/{token}").json()["record"]["official"] is False


def test_a_p3mi_missing_from_the_registry_is_named_so(records: Records, client: TestClient) -> None:
    token = records.posting()
    html = client.get(f"/r/{token}").text
    assert 'data-standing="unknown">Tidak ada di daftar P3MI resmi' in html
    assert "Jangan mendaftar lewat lowongan ini" in html


def test_a_government_scheme_needs_no_p3mi(records: Records, client: TestClient) -> None:
    token = records.posting(scheme="g_to_g", p3mi_licence=None, employer="Pemerintah Jepang")
    html = client.get(f"/r/{token}").text
    assert "Program pemerintah: tanpa P3MI" in html
    assert '<p class="badge ok">Lowongan resmi</p>' in html


def test_the_zero_fee_rule_and_the_broker_warning(records: Records, client: TestClient) -> None:
    records.p3mi()
    free = client.get(f"/r/{records.posting()}").text
    assert "Tanpa biaya penempatan" in free
    assert "Perawat lansia" in free
    assert "Peraturan BP2MI No. 9 Tahun 2020" in free
    assert "tiket pesawat, visa kerja" in free
    assert "Waspada calo!" in free
    assert "Jangan bayar kepada perorangan" in free
    paid = client.get(
        "/r/"
        + records.posting(
            id="P-2",
            position="Operator pabrik",
            sector="manufacturing",
            job_type=None,
            worker_costs={"amount_idr": 12500000, "note": "Dipotong gaji 6 bulan"},
        )
    ).text
    assert "Biaya yang ditanggung pekerja: Rp 12.500.000. Dipotong gaji 6 bulan" in paid
    assert "Untuk 10 jabatan" in paid
    assert "Waspada calo!" in paid
    english = client.get(f"/r/{records.posting(id='P-3')}?lang=en").text
    assert "BP2MI Regulation No. 9 of 2020" in english
    assert "Beware of brokers!" in english


def test_how_to_register_at_the_kiosk(records: Records, client: TestClient) -> None:
    html = client.get(f"/r/{records.posting()}").text
    assert "Cara mendaftar" in html
    assert "«Daftar sekarang»" in html
    assert "Bawa KTP, KK, akta kelahiran, ijazah" in html
    english = client.get(f"/r/{records.posting(id='P-2')}?lang=en").text
    assert "«Register now»" in english


def test_a_closed_posting_says_so_and_a_long_closed_one_is_not_found(
    records: Records, client: TestClient, clock: Clock
) -> None:
    records.p3mi(valid_until="2027-12-31")
    token = records.posting(closes_on="2026-11-30")
    clock.now = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
    html = client.get(f"/r/{token}").text
    assert "Lowongan ini sudah ditutup pada 30 November 2026." in html
    assert "badge ok" not in html
    clock.now = datetime(2027, 3, 1, 3, 0, tzinfo=UTC)
    assert client.get(f"/r/{token}").status_code == 404


def test_money_in_the_json_is_never_a_float(records: Records, client: TestClient) -> None:
    token = records.posting(salary={"amount": "1700.50", "currency": "SGD"})
    record = client.get(f"/api/v1/records/{token}").json()["record"]
    assert record["salary_amount"] == "1700.50"
    assert record["salary_currency"] == "SGD"
    assert "SGD 1.700,50 per bulan" in client.get(f"/r/{token}").text
    assert "SGD 1,700.50 a month" in client.get(f"/r/{token}?lang=en").text


def test_the_english_posting_page(records: Records, client: TestClient) -> None:
    records.p3mi()
    html = client.get(f"/r/{records.posting()}", headers={"Accept-Language": "en-US"}).text
    assert '<html lang="en">' in html
    assert "Overseas job vacancy" in html
    assert "TWD 20,000 a month" in html
    assert "Taiwan · Taichung" in html
    assert "How to apply" in html


def test_a_full_posting_page_stays_small(records: Records, client: TestClient) -> None:
    records.p3mi()
    records.rate("TWD", "512.40", date(2026, 11, 20))
    token = records.posting(
        requirements=[f"Syarat nomor {n}: sertifikat dan pengalaman kerja" for n in range(12)],
        benefits=[f"Fasilitas nomor {n}: makan, asrama dan asuransi" for n in range(12)],
        how_to_apply="Datang ke loket KP2MI di MPP dengan KTP, KK dan ijazah. " * 8,
    )
    for lang in ("id", "en"):
        page = client.get(f"/r/{token}?lang={lang}").content
        assert len(page) + len(client.get("/static/public.css").content) < 30 * 1024
