"""Hostile and unknown input on the public pages: one 404 for every miss, no markup injected."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from central.db import Database
from kiosk.references import new_public_token
from kiosk.sync.contract import CounterState, HallState, ServiceState
from tests.helpers.public_records import TODAY, Clock, Records, pages_app

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>\'&'
ESCAPED = (
    "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&amp;"
)
SHORT = "<i>&'\""  # fits the narrow columns (number, reference) on PostgreSQL too
SHORT_ESCAPED = "&lt;i&gt;&amp;&#39;&#34;"
HOSTILE_HALL = HallState(
    name=HOSTILE,
    timezone="Asia/Jakarta",
    hotline=HOSTILE,
    services=[
        ServiceState(
            code="jobs",
            letter="A",
            names={"id": HOSTILE, "en": HOSTILE},
            typical_service_minutes=5,
            active_counters=1,
        ),
        ServiceState(
            code="other",
            letter="B",
            names={"id": HOSTILE, "en": HOSTILE},
            typical_service_minutes=5,
            active_counters=1,
        ),
    ],
    counters=[CounterState(number=2, names={"id": HOSTILE, "en": HOSTILE})],
)


@pytest.fixture
def records(central_db: Database) -> Records:
    return Records(central_db)


@pytest.fixture
def client(central_db: Database) -> Iterator[TestClient]:
    with TestClient(pages_app(central_db, Clock())) as client:
        yield client


def assert_inert(html: str) -> None:
    """No hostile markup got through; it is there, escaped, as text."""
    assert "<script>alert" not in html
    assert "<img" not in html
    assert "<i>" not in html
    assert ESCAPED in html or SHORT_ESCAPED in html


def test_unknown_malformed_and_expired_tokens_get_one_and_the_same_404(
    records: Records, client: TestClient
) -> None:
    records.site()
    expired = records.ticket(day=TODAY - timedelta(days=30), state="done")
    long_closed = records.posting(posted_on="2026-01-01", closes_on="2026-03-01")
    misses = [
        new_public_token(),  # well formed, never issued
        expired,
        long_closed,
        expired.lower(),
        expired[:-1],
        expired + "A",
        "A" * 25 + "1",  # 1 is not in base32
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "'%20OR%201=1--",
        "ÄÖÜ" * 9,
        "x" * 5000,
        "",
        "a/b/c",
        "..%2F..%2Fetc%2Fpasswd",
    ]
    responses = [client.get(f"/r/{token}") for token in misses]
    responses.append(client.get(f"/r/{expired}?lang=en", headers={"Accept-Language": "en"}))
    responses.append(client.get(f"/r/{new_public_token()}?lang=%3Cscript%3E"))
    first = responses[0]
    assert first.status_code == 404
    assert first.headers["content-type"] == "text/html; charset=utf-8"
    for response in responses:
        assert response.status_code == 404
        assert response.content == first.content
        assert {k: v for k, v in response.headers.items() if k != "date"} == {
            k: v for k, v in first.headers.items() if k != "date"
        }
    html = first.text
    assert "Halaman tidak ditemukan" in html
    assert "Page not found" in html
    assert '<section lang="en">' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "etag" not in first.headers
    assert first.headers["cache-control"] == "no-store"


def test_the_json_404_is_the_same_for_every_miss(records: Records, client: TestClient) -> None:
    records.site()
    expired = records.ticket(day=TODAY - timedelta(days=30))
    answers = [
        client.get(f"/api/v1/records/{token}")
        for token in (new_public_token(), expired, "nope", "%3Cb%3E", "a/b")
    ]
    for answer in answers:
        assert answer.status_code == 404
        assert answer.json() == {"error": "not_found", "message": "no such record"}
        assert answer.content == answers[0].content


def test_hostile_strings_in_every_ticket_field_are_text(
    records: Records, client: TestClient
) -> None:
    records.site(HOSTILE_HALL)
    token = records.ticket(SHORT, reference=SHORT)
    for lang in ("id", "en"):
        waiting = client.get(f"/r/{token}?lang={lang}").text
        assert_inert(waiting)
        assert waiting.count(ESCAPED) >= 3  # service, hall, hotline
        assert SHORT_ESCAPED in waiting  # number and reference
    records.move(token, "called", state="called", counter=2)
    called = client.get(f"/r/{token}").text
    assert_inert(called)
    assert f"Silakan menuju {ESCAPED}" in called
    records.move(token, "transferred", state="waiting", service="other")
    assert_inert(client.get(f"/r/{token}").text)
    data = client.get(f"/api/v1/records/{token}")
    assert data.headers["content-type"] == "application/json"
    assert data.json()["text"]["status"] == f"Dipindahkan ke {HOSTILE}"


def test_hostile_strings_in_every_complaint_field_are_text(
    records: Records, client: TestClient
) -> None:
    records.site(HOSTILE_HALL)
    token = records.complaint(
        categories=f"{SHORT} unpaid_wages", reporter=HOSTILE, reference=SHORT, urgent=True
    )
    records.note(token, HOSTILE, public=True, at=records.now)
    records.status(token, SHORT, at=records.now)
    for lang in ("id", "en"):
        html = client.get(f"/r/{token}?lang={lang}").text
        assert_inert(html)
        assert html.count(ESCAPED) >= 4  # reporter, note, hall, hotline
    assert 'href="tel:1"' in client.get(f"/r/{token}").text  # only digits reach the link


def test_hostile_strings_in_every_posting_field_are_text(
    records: Records, client: TestClient
) -> None:
    records.p3mi(name=HOSTILE, head_office=HOSTILE)
    token = records.posting(
        position=HOSTILE,
        city=HOSTILE,
        employer=HOSTILE,
        requirements=[HOSTILE],
        benefits=[HOSTILE],
        working_hours=HOSTILE,
        how_to_apply=HOSTILE,
        source=HOSTILE,
        job_type=None,
        worker_costs={"amount_idr": 1000, "note": HOSTILE},
    )
    for lang in ("id", "en"):
        html = client.get(f"/r/{token}?lang={lang}").text
        assert_inert(html)
        assert html.count(ESCAPED) >= 10
