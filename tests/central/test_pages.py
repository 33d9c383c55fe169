"""The public ticket page (``/r/{token}``) and its JSON: states, freshness, refresh, language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from central.db import Database
from central.headers import CONTENT_SECURITY_POLICY
from central.settings import Settings
from kiosk.sync.contract import HallState
from tests.helpers.public_records import HALL, NOW, TODAY, Clock, Records, pages_app

ASIA_MAKASSAR = HallState.model_validate(
    {**HALL.model_dump(), "timezone": "Asia/Makassar", "name": "MPP Kota Mataram"}
)


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


def meta_refresh(html: str) -> int | None:
    found = re.search(r'<meta http-equiv="refresh" content="(\d+)">', html)
    return int(found.group(1)) if found else None


def text_of(html: str) -> str:
    """The page's words without tags, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_waiting_ticket_shows_number_service_hall_people_ahead_wait_and_time(
    records: Records, client: TestClient
) -> None:
    for number in ("A-004", "A-005", "A-006"):
        records.ticket(number)
    token = records.ticket("A-007")
    response = client.get(f"/r/{token}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = text_of(response.text)
    assert '<p class="number">A-007</p>' in response.text
    assert "Menunggu dipanggil" in page
    assert "Informasi Lowongan Kerja" in page
    assert "MPP Kabupaten Probolinggo" in page
    assert "Orang di depan Anda 3 orang" in page
    assert "Perkiraan menunggu ± 9 menit" in page  # ceil(3 × 6 ÷ 2)
    assert "Data per 09.29 WIB" in page  # synced ten seconds before 09:30 WIB
    assert "Q-261123-7K3M" in page
    assert 'data-phase="waiting"' in response.text
    assert meta_refresh(response.text) == 5  # five or fewer ahead


def test_people_ahead_count_only_waiting_tickets_of_the_service_and_day_queued_before(
    records: Records, client: TestClient
) -> None:
    records.ticket("A-001", state="done")
    records.ticket("A-002", state="called", counter=1)
    records.ticket("A-003", state="no_show")
    records.ticket("A-004", state="cancelled")
    records.ticket("B-001", service="placement")
    records.ticket("A-099", day=TODAY - timedelta(days=1))
    records.ticket("A-005")
    mine = records.ticket("A-006")
    records.ticket("A-007")
    body = client.get(f"/api/v1/records/{mine}").json()
    assert body["record"]["people_ahead"] == 1
    assert body["text"]["ahead"] == "1 orang"
    english = client.get(f"/api/v1/records/{mine}?lang=en").json()
    assert english["text"]["ahead"] == "1 person"


def test_a_priority_ticket_counts_only_priority_tickets_ahead(
    records: Records, client: TestClient
) -> None:
    records.ticket("A-001")
    records.ticket("A-002", priority=True)
    records.ticket("A-003")
    mine = records.ticket("A-004", priority=True)
    regular = records.ticket("A-005")
    assert client.get(f"/api/v1/records/{mine}").json()["record"]["people_ahead"] == 1
    assert client.get(f"/api/v1/records/{regular}").json()["record"]["people_ahead"] == 4


def test_the_wait_is_ceil_of_people_ahead_times_typical_minutes_over_counters(
    records: Records, client: TestClient
) -> None:
    for number in ("B-001", "B-002", "B-003"):
        records.ticket(number, service="placement")
    mine = records.ticket("B-004", service="placement")
    first = records.ticket("A-001")
    record = client.get(f"/api/v1/records/{mine}").json()["record"]
    assert record["wait_minutes"] == 38  # ceil(3 × 12.5 ÷ 1)
    nobody = client.get(f"/r/{first}")
    assert "Tidak ada. Anda berikutnya." in nobody.text
    assert "Sebentar lagi" in nobody.text


def test_many_people_ahead_refresh_every_15_seconds_few_every_5(
    records: Records, client: TestClient
) -> None:
    tokens = [records.ticket(f"A-{n:03}") for n in range(1, 9)]
    assert meta_refresh(client.get(f"/r/{tokens[-1]}").text) == 15  # seven ahead
    assert meta_refresh(client.get(f"/r/{tokens[5]}").text) == 5  # five ahead
    assert client.get(f"/api/v1/records/{tokens[-1]}").json()["record"]["refresh_seconds"] == 15


def test_the_refresh_intervals_come_from_the_settings(
    central_db: Database, records: Records, clock: Clock
) -> None:
    settings = Settings.model_validate(
        {"public": {"refresh_seconds": 30, "refresh_seconds_near": 10}}
    )
    token = records.ticket()
    with TestClient(pages_app(central_db, clock, settings)) as client:
        html = client.get(f"/r/{token}").text
    assert meta_refresh(html) == 10
    assert 'data-seconds="10"' in html


def test_a_called_ticket_says_which_counter_very_large(
    records: Records, client: TestClient
) -> None:
    token = records.ticket()
    records.move(token, "called", state="called", counter=2)
    html = client.get(f"/r/{token}").text
    assert '<h1 class="status-text" data-text="status">Silakan menuju Loket 2</h1>' in html
    assert 'data-phase="called"' in html
    assert "Tunjukkan struk kepada petugas" in html
    assert 'data-row="ahead" hidden' in html
    assert meta_refresh(html) == 5
    english = client.get(f"/r/{token}?lang=en").text
    assert "Please go to Counter 2" in english


def test_a_counter_the_hall_never_named_is_called_by_its_number(
    records: Records, client: TestClient
) -> None:
    token = records.ticket()
    records.move(token, "called", state="called", counter=7)
    assert "Silakan menuju Loket 7" in client.get(f"/r/{token}").text
    assert "Please go to Counter 7" in client.get(f"/r/{token}?lang=en").text


def test_a_ticket_being_served(records: Records, client: TestClient) -> None:
    token = records.ticket()
    records.move(token, "called", state="called", counter=1)
    records.move(token, "started", state="serving", counter=1)
    html = client.get(f"/r/{token}").text
    assert "Sedang dilayani di Loket 1" in html
    assert 'data-phase="serving"' in html
    assert meta_refresh(html) == 15


@pytest.mark.parametrize(
    ("state", "event", "words", "advice"),
    [
        ("done", "finished", "Selesai dilayani", "Terima kasih"),
        ("no_show", "no_show", "Nomor Anda terlewat", "ambil nomor baru di kiosk"),
        ("cancelled", "cancelled", "Nomor ini dibatalkan", "ambil nomor baru di kiosk"),
    ],
)
def test_a_final_ticket_says_so_and_stops_refreshing(
    records: Records, client: TestClient, state: str, event: str, words: str, advice: str
) -> None:
    token = records.ticket()
    records.move(token, event, state=state)
    html = client.get(f"/r/{token}").text
    assert words in html
    assert advice in html
    assert "Halaman ini tidak diperbarui lagi." in html
    assert meta_refresh(html) is None
    assert "<script" not in html
    assert "data-poll" not in html
    record = client.get(f"/api/v1/records/{token}").json()["record"]
    assert record["phase"] == state
    assert record["refresh_seconds"] is None
    assert record["people_ahead"] is None


def test_a_transferred_ticket_names_its_new_service_and_its_new_queue(
    records: Records, client: TestClient
) -> None:
    records.ticket("B-001", service="placement")
    token = records.ticket("A-007")
    records.ticket("B-002", service="placement")
    records.move(token, "called", state="called", counter=1)
    records.move(token, "transferred", state="waiting", service="placement")
    html = client.get(f"/r/{token}").text
    assert "Dipindahkan ke Pendaftaran Penempatan" in html
    assert "Anda akan dipanggil lagi" in html
    assert 'Orang di depan Anda</dt><dd class="big" data-text="ahead">1 orang' in html
    assert 'data-phase="transferred"' in html
    english = client.get(f"/r/{token}?lang=en").text
    assert "Transferred to Placement registration" in english
    records.move(token, "called", state="called", counter=2)
    assert "Silakan menuju Loket 2" in client.get(f"/r/{token}").text


def test_an_open_ticket_of_a_past_day_is_no_longer_valid(
    records: Records, client: TestClient
) -> None:
    token = records.ticket(day=TODAY - timedelta(days=2))
    html = client.get(f"/r/{token}").text
    assert "Nomor ini sudah tidak berlaku" in html
    assert "21 November 2026" in html
    assert meta_refresh(html) is None


def test_a_ticket_older_than_a_week_is_not_found(records: Records, client: TestClient) -> None:
    kept = records.ticket(day=TODAY - timedelta(days=7), state="done")
    gone = records.ticket(day=TODAY - timedelta(days=8), state="done")
    assert client.get(f"/r/{kept}").status_code == 200
    assert client.get(f"/r/{gone}").status_code == 404


def test_a_hall_silent_for_more_than_two_minutes_gets_a_plain_banner(
    records: Records, client: TestClient
) -> None:
    token = records.ticket()
    fresh = client.get(f"/r/{token}").text
    assert '<p class="banner" role="alert" data-text="stale" hidden></p>' in fresh
    records.synced(NOW - timedelta(seconds=121))
    stale = client.get(f"/r/{token}").text
    assert "Data belum diperbarui sejak 09.27 WIB" in stale
    assert 'data-text="stale" hidden' not in stale
    assert client.get(f"/api/v1/records/{token}").json()["record"]["freshness"]["stale"]
    records.synced(NOW - timedelta(days=1))
    assert "sejak 22 November 2026 09.30 WIB" in client.get(f"/r/{token}").text
    records.synced(None)
    never = client.get(f"/r/{token}?lang=en").text
    assert "No data from the service hall yet" in never


def test_the_time_is_the_halls_own_zone(central_db: Database, client: TestClient) -> None:
    records = Records(central_db)
    records.site(ASIA_MAKASSAR, site_id="mpp-kota-mataram")
    token = records.ticket(site_id="mpp-kota-mataram")
    html = client.get(f"/r/{token}").text
    assert "Data per 10.29 WITA" in html
    assert "MPP Kota Mataram" in html


def test_a_hall_that_never_sent_its_services_still_shows_the_ticket(
    central_db: Database, client: TestClient
) -> None:
    records = Records(central_db)
    records.site(None)
    token = records.ticket()
    response = client.get(f"/r/{token}")
    assert response.status_code == 200
    assert "A-007" in response.text
    assert client.get(f"/api/v1/records/{token}").json()["record"]["wait_minutes"] is None


def test_indonesian_by_default_english_by_accept_language_or_the_switch(
    records: Records, client: TestClient
) -> None:
    token = records.ticket()
    default = client.get(f"/r/{token}")
    assert '<html lang="id">' in default.text
    assert default.headers["content-language"] == "id"
    assert default.headers["vary"] == "Accept-Language"
    assert '<a href="?lang=en" hreflang="en" lang="en">English</a>' in default.text
    english = client.get(f"/r/{token}", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in english.text
    assert "Waiting to be called" in english.text
    assert "Data as of 09:29 WIB" in english.text
    assert '<a href="?lang=id" hreflang="id" lang="id">Indonesia</a>' in english.text
    preferred = client.get(f"/r/{token}", headers={"Accept-Language": "fr, id;q=0.4, en;q=0.8"})
    assert '<html lang="en">' in preferred.text
    switched = client.get(f"/r/{token}?lang=en", headers={"Accept-Language": "id"})
    assert "Your queue number" in switched.text
    assert f"/api/v1/records/{token}?lang=en" in switched.text
    back = client.get(f"/r/{token}?lang=id", headers={"Accept-Language": "en"})
    assert "Nomor antrian Anda" in back.text
    for odd in ("?lang=xx", "?lang=", "?lang=EN%00"):
        assert '<html lang="id">' in client.get(f"/r/{token}{odd}").text
    garbage = client.get(f"/r/{token}", headers={"Accept-Language": "en;q=abc, ;;, *"})
    assert garbage.status_code == 200


def test_etag_and_304_on_the_page_and_its_json(records: Records, client: TestClient) -> None:
    token = records.ticket()
    for url in (f"/r/{token}", f"/api/v1/records/{token}"):
        first = client.get(url)
        etag = first.headers["etag"]
        assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
        assert first.headers["cache-control"] == "private, no-cache"
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["etag"] == etag
        weak = client.get(url, headers={"If-None-Match": f'"other", W/{etag}'})
        assert weak.status_code == 304
        assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200
    html = client.get(f"/r/{token}").text
    json_etag = client.get(f"/api/v1/records/{token}").headers["etag"]
    assert f'data-etag="{json_etag.replace(chr(34), "&#34;")}"' in html
    before = client.get(f"/api/v1/records/{token}").headers["etag"]
    records.move(token, "called", state="called", counter=2)
    changed = client.get(f"/api/v1/records/{token}", headers={"If-None-Match": before})
    assert changed.status_code == 200
    assert changed.json()["text"]["status"] == "Silakan menuju Loket 2"


def test_the_json_is_the_pages_view_and_its_words(records: Records, client: TestClient) -> None:
    records.ticket("A-006")
    token = records.ticket("A-007", priority=False)
    response = client.get(f"/api/v1/records/{token}?lang=en")
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["kind"] == "ticket"
    assert body["language"] == "en"
    record = body["record"]
    assert record["number"] == "A-007"
    assert record["service"] == "Job information"
    assert record["day"] == "2026-11-23"
    assert record["freshness"] == {
        "as_of": "2026-11-23T09:29:50+07:00",
        "zone": "WIB",
        "stale": False,
        "today": True,
    }
    assert body["text"] == {
        "title": "Queue number A-007",
        "service": "Job information",
        "status": "Waiting to be called",
        "hint": "Stay in the waiting area and watch the call screen.",
        "ahead": "1 person",
        "wait": "about 3 min",
        "as_of": "Data as of 09:29 WIB",
        "stale": None,
        "refresh": "This page updates itself every 5 seconds.",
    }


def test_security_headers_noindex_and_no_inline_script_or_style(
    records: Records, client: TestClient
) -> None:
    token = records.ticket()
    response = client.get(f"/r/{token}")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-robots-tag"] == "noindex"
    html = response.text
    assert '<meta name="robots" content="noindex, nofollow">' in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(scripts) == 1
    assert re.fullmatch(r'<script src="/static/refresh\.js\?v=[0-9a-f]{12}" defer>', scripts[0])
    assert "style=" not in html
    assert "<style" not in html
    assert not re.search(r"<[^>]+\son[a-z]+=", html)
    assert "fonts.googleapis" not in html
    assert "http://" not in html  # no foreign origin at all
    assert "https://" not in html


def test_the_style_sheet_and_script_are_served_with_etags(client: TestClient) -> None:
    css = client.get("/static/public.css")
    assert css.status_code == 200
    assert css.headers["content-type"] == "text/css; charset=utf-8"
    assert css.headers["cache-control"] == "public, max-age=86400"
    assert "@import" not in css.text  # no web fonts, no images
    assert "url(" not in css.text
    assert (
        client.get("/static/public.css", headers={"If-None-Match": css.headers["etag"]}).status_code
        == 304
    )
    js = client.get("/static/refresh.js")
    assert js.headers["content-type"] == "text/javascript; charset=utf-8"
    assert "If-None-Match" in js.text
    assert client.get("/static/other.js").status_code == 404
    assert client.get("/static/..%2Fapp.py").status_code == 404


def test_each_page_is_small(records: Records, client: TestClient) -> None:
    tokens = [records.ticket(f"A-{n:03}") for n in range(1, 40)]
    html = client.get(f"/r/{tokens[-1]}").content
    assert len(html) < 30 * 1024
    assert len(client.get("/static/public.css").content) + len(html) < 30 * 1024


def test_dates_are_in_words(records: Records, client: TestClient) -> None:
    token = records.ticket(day=date(2026, 11, 23))
    assert "23 November 2026" in client.get(f"/r/{token}?lang=en").text
