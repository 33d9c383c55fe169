"""Importing a jobs feed: every bad record reported with its position, the good ones upserted."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from kiosk.demo.jobs import DEMO_FEED
from kiosk.hall import Hall
from kiosk.jobs.importer import FeedError, import_feed
from kiosk.models import ExchangeRate, P3mi, Posting
from kiosk.references import RefKind, parse_reference
from tests.helpers.clock import FakeClock, clock_fixture
from tests.helpers.feeds import FEED_DAY, FEED_DAY_9, feed, load, p3mi, posting
from tests.helpers.queue_site import JAKARTA

clock = clock_fixture(FEED_DAY_9)


def count(hall: Hall, model: type[Posting] | type[P3mi] | type[ExchangeRate]) -> int:
    with hall.db.reads() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_demo_feed_imports_whole(hall: Hall) -> None:
    report = load(hall, DEMO_FEED)
    assert report.rejected == ()
    assert (report.p3mi_added, report.postings_added, report.rates) == (10, 60, 12)
    assert (count(hall, P3mi), count(hall, Posting), count(hall, ExchangeRate)) == (10, 60, 12)


def test_reimport_updates_in_place_and_keeps_references(hall: Hall) -> None:
    load(hall, feed([posting("A"), posting("B")]))
    with hall.db.reads() as session:
        before = {
            feed_id: ref
            for feed_id, ref in session.execute(select(Posting.feed_id, Posting.reference))
        }
    changed = posting("B", quota=9, salary={"amount": 21000, "currency": "TWD"})
    report = load(hall, feed([posting("A"), changed, posting("C")]))
    assert (report.postings_added, report.postings_updated, report.p3mi_updated) == (1, 2, 1)
    with hall.db.reads() as session:
        rows = {p.feed_id: p for p in session.scalars(select(Posting))}
    assert sorted(rows) == ["A", "B", "C"]
    assert rows["B"].quota == 9
    assert rows["B"].salary_minor == 2_100_000
    assert {key: rows[key].reference for key in before} == before
    assert count(hall, P3mi) == 1


def test_new_postings_get_a_job_reference_of_the_day_and_a_token(hall: Hall) -> None:
    load(hall, feed([posting("A"), posting("B")]))
    with hall.db.reads() as session:
        rows = session.execute(select(Posting.reference, Posting.public_token)).all()
    assert len({reference for reference, _ in rows}) == 2
    for reference, token in rows:
        parsed = parse_reference(reference)
        assert (parsed.kind, parsed.issued) == (RefKind.JOB, FEED_DAY)
        assert len(token) == 26


BAD_POSTINGS: list[tuple[dict[str, Any] | str, str, str]] = [
    ({"position": None}, "position", "must be text in quotes"),
    ({"quota": "lima"}, "quota", "must be a whole number"),
    ({"quota": -3}, "quota", "must be at least 1"),
    ({"salary": {"amount": 100, "currency": "XYZ"}}, "salary.currency", "unknown currency 'XYZ'"),
    ({"salary": {"amount": 1000.5, "currency": "JPY"}}, "salary.amount", "at most 0 decimals"),
    ({"salary": {"amount": 0, "currency": "TWD"}}, "salary.amount", "must be more than 0"),
    ({"closes_on": "2026-10-01"}, "closes_on", "closes_on is before posted_on"),
    ({"closes_on": "31-12-2026"}, "closes_on", "must be a date like 2026-12-31"),
    ({"scheme": "g2g"}, "scheme", "'g_to_g', 'p_to_p', 'ukps' or 'mandiri'"),
    ({"p3mi_licence": None}, "p3mi_licence", "needs the P3MI's licence number"),
    ({"scheme": "g_to_g"}, "p3mi_licence", "a g_to_g posting has no P3MI"),
    ({"p3mi_licence": "KEP.9999/KA/2026"}, "p3mi_licence", "unknown P3MI licence"),
    ({"age": {"min": 40, "max": 21}}, "age", "age range inverted"),
    ({"age": {"min": 16, "max": 30}}, "age.min", "must be at least 18"),
    ({"country": "XX"}, "country", "unknown country code 'XX'"),
    ({"gender": "women"}, "gender", "'male', 'female' or 'any'"),
    ({"worker_costs": {"amount_idr": 5_000_000}}, "worker_costs", "charges nothing"),
    ({"salry": 1}, "salry", "unknown key"),
    ("not an object", "", "must be an object { ... }"),
]


def test_each_bad_record_is_reported_and_the_good_ones_import(hall: Hall) -> None:
    bad = [
        change if isinstance(change, str) else posting(f"BAD-{index}", **change)
        for index, (change, _, _) in enumerate(BAD_POSTINGS)
    ]
    missing = posting("MISSING")
    del missing["how_to_apply"]
    postings = [posting("GOOD-1"), *bad, missing, posting("GOOD-1"), posting("GOOD-2")]
    report = load(hall, feed(postings))

    found = {(r.position, r.reason) for r in report.rejected}
    for index, (_, field, reason) in enumerate(BAD_POSTINGS, start=1):
        position = f"postings[{index}]" + (f".{field}" if field else "")
        assert any(p == position and reason in why for p, why in found), (position, found)
    after = len(BAD_POSTINGS) + 1
    assert (f"postings[{after}].how_to_apply", "missing (this key is required)") in found
    assert (f"postings[{after + 1}].id", "duplicate id 'GOOD-1', first at postings[0]") in found
    assert report.rejected_records == len(BAD_POSTINGS) + 2
    assert report.postings_added == 2
    with hall.db.reads() as session:
        assert sorted(session.scalars(select(Posting.feed_id))) == ["GOOD-1", "GOOD-2"]


def test_bad_p3mi_and_rates_are_reported_and_their_postings_refused(hall: Hall) -> None:
    p3mis = [
        p3mi(valid_until="2025-01-01"),
        p3mi(licence_number="KEP.0002/KA/2026", status="frozen"),
        p3mi(licence_number="KEP.0003/KA/2026"),
        p3mi(licence_number="KEP.0003/KA/2026", name="PT Lain"),
    ]
    rates = [{"currency": "TWD", "idr": "-1", "as_of": "2026-11-20"}, {"currency": "ZZZ"}]
    report = load(hall, feed([posting()], p3mis, rates))
    positions = [r.position for r in report.rejected]
    assert positions == [
        "p3mi[0]",
        "p3mi[1].status",
        "p3mi[3].licence_number",
        "postings[0].p3mi_licence",
        "rates[0].idr",
        "rates[1].currency",
        "rates[1].idr",
        "rates[1].as_of",
    ]
    assert report.rejected[0].reason == "valid_until is before valid_from"
    assert (report.p3mi_added, report.postings_added, report.rates) == (1, 0, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON (line 1, column 2"),
        (b'{"source": "\xc3\x28"}', "not UTF-8 text"),
        (b"[]", "not a jobs feed (top level: must be an object { ... })"),
        (b'{"version": 1, "source": "x"}', "not a jobs feed (postings: missing (this key is re"),
        (b'{"version": 2, "source": "x", "postings": []}', "version: must be 1"),
        (
            b'{"version": 1, "source": "x", "postings": {}}',
            "postings: must be a list [ ... ]",
        ),
    ],
)
def test_an_unusable_file_is_one_error_and_imports_nothing(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(content)
    with pytest.raises(FeedError, match="^" + str(path).replace(".", r"\.")) as caught:
        import_feed(_NEVER_OPENED, path, clock=FakeClock(), zone=JAKARTA)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_missing_file_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(FeedError, match="cannot read the file"):
        import_feed(_NEVER_OPENED, tmp_path / "absent.json", clock=FakeClock(), zone=JAKARTA)


def test_a_feed_rejected_at_the_top_writes_nothing(hall: Hall) -> None:
    with pytest.raises(FeedError):
        load(hall, b'{"version": 1, "source": "x", "p3mi": [], "postings": 3}')
    assert count(hall, Posting) == count(hall, P3mi) == 0


def test_rupiah_comes_from_the_feed_rates_and_stays_for_later_feeds(hall: Hall) -> None:
    rates = [{"currency": "TWD", "idr": "512.40", "as_of": "2026-11-18"}]
    load(hall, feed([posting("A")], rates=rates))
    euro = posting("B", salary={"amount": "2800.00", "currency": "EUR"})
    load(hall, feed([posting("C"), euro]))
    with hall.db.reads() as session:
        rows = {p.feed_id: p for p in session.scalars(select(Posting))}
    assert (rows["A"].salary_idr, rows["A"].rate_date) == (10_248_000, date(2026, 11, 18))
    assert rows["C"].salary_idr == 10_248_000
    assert (rows["B"].salary_minor, rows["B"].salary_idr, rows["B"].rate_date) == (
        280_000,
        None,
        None,
    )


class _Unopened:
    """Stands for a database in tests that fail before any database work."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError("the database must not be touched")


_NEVER_OPENED: Any = _Unopened()
