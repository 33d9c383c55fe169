"""The centre's feed import shares the hall's reader: a bad record alone is left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from central.db import Database
from central.feed import FeedError, import_feed
from central.models import Posting, Rate
from tests.helpers.feeds import feed, posting


def _published(db: Database) -> list[str]:
    with db.sessions() as session:
        return sorted(session.scalars(select(Posting.feed_id)))


def test_records_past_any_column_or_nested_deep_are_left_out_alone(central_db: Database) -> None:
    content = feed(
        [
            posting("A"),
            posting("B", salary={"amount": "@e25", "currency": "TWD"}),
            posting("C", requirements="@deep"),
            posting("D", job_type=None, worker_costs={"amount_idr": "@huge"}),
            posting("E"),
        ],
        rates=[
            {"currency": "TWD", "idr": "@huge", "as_of": "2026-11-20"},
            {"currency": "JPY", "idr": "105.5", "as_of": "2026-11-20"},
        ],
    )
    for placeholder, value in (
        ("@e25", b"1e25"),
        ("@huge", str(10**30).encode()),
        ("@deep", b"[" * 10_000 + b"]" * 10_000),
    ):
        content = content.replace(json.dumps(placeholder).encode(), value)
    report = import_feed(central_db, content)
    assert [r.position for r in report.rejected] == [
        "postings[1].salary.amount",
        "postings[2]",
        "postings[3].worker_costs.amount_idr",
        "rates[0].idr",
    ]
    assert report.postings.added == 2
    assert _published(central_db) == ["A", "E"]
    with central_db.sessions() as session:
        assert list(session.scalars(select(Rate.currency))) == ["JPY"]


def test_a_file_over_the_cap_writes_nothing(central_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(feed([posting(f"P-{n}", how_to_apply="x" * 1500) for n in range(800)]))
    with pytest.raises(FeedError, match=r"feed\.json: larger than 1 MB; a larger feed needs"):
        import_feed(central_db, path, max_mb=1)
    assert _published(central_db) == []
    assert import_feed(central_db, path, max_mb=2).postings.added == 800


def test_postings_come_in_batches_within_one_transaction(central_db: Database) -> None:
    many = [posting(f"P-{n}") for n in range(12_000)] + [posting("P-7")]
    report = import_feed(central_db, feed(many))
    assert report.postings.added == 12_000
    assert [(r.position, r.reason) for r in report.rejected] == [
        ("postings[12000].id", "duplicate id 'P-7', first at postings[7]")
    ]
