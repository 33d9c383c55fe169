"""The feed's documented schema, its vocabularies in every language, folding and the demo."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.demo.jobs import DEMO_FEED, shifted_feed
from kiosk.i18n import available_languages, catalog
from kiosk.jobs.feed import Feed, feed_schema
from kiosk.jobs.fold import fold, query_words
from kiosk.jobs.postings import Money
from kiosk.jobs.registry import Standing
from kiosk.jobs.vocab import (
    CURRENCY_DIGITS,
    Education,
    SalaryPeriod,
    Scheme,
    Sector,
    ZeroCostJob,
)
from kiosk.vocab import Country, Gender, label_key

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "jobs-feed.schema.json"
VOCABULARIES = {
    "scheme": Scheme,
    "sector": Sector,
    "job_type": ZeroCostJob,
    "education": Education,
    "salary_period": SalaryPeriod,
}


def test_the_schema_file_is_the_one_the_models_generate() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == feed_schema(), "regenerate: mpp-kiosk jobs schema > " + str(SCHEMA_FILE)


def test_the_demo_feed_is_a_valid_feed_marked_as_demo_data() -> None:
    demo = Feed.model_validate_json(DEMO_FEED.read_bytes())
    assert demo.source == "Data contoh (demo)"
    assert {p.country for p in demo.postings} >= {"TW", "HK", "MY", "SG", "JP", "KR", "DE", "SA"}
    assert {p.scheme for p in demo.postings} == set(Scheme)
    assert {p.status for p in demo.p3mi} == {"active", "suspended", "revoked"}


@pytest.mark.parametrize("language", available_languages())
def test_every_word_the_kiosk_shows_has_a_name_in_every_language(language: str) -> None:
    messages = catalog(language)
    keys = {f"jobs.{kind}_{item.value}" for kind, enum in VOCABULARIES.items() for item in enum}
    keys |= {label_key(word) for word in [*Gender, *Country]}
    keys |= {standing.message_key for standing in Standing}
    keys |= {"jobs.p3mi_not_found", "jobs.p3mi_not_found_advice", "jobs.p3mi_query_too_short"}
    assert keys <= messages.keys()
    assert messages["jobs.p3mi_licensed"].lower() in (
        "terdaftar dan berizin",
        "registered and licensed",
    )


def test_folding_drops_case_accents_and_punctuation() -> None:
    assert fold("Perawat Lansia — MÜNCHEN, Gdańsk (D3/S1)") == "perawat lansia munchen gdansk d3 s1"
    assert query_words("  Taiwan  taiwan CARE-giver ") == ("taiwan", "care", "giver")
    assert query_words("?!") == ()
    assert query_words("taiwan c") == ("taiwan",)  # a lone letter is not a word yet


def test_money_is_decimal_in_major_units() -> None:
    assert Money(2_859_000, "TWD").amount == Decimal("28590.00")
    assert Money(2_060_740, "KRW").amount == Decimal("2060740")
    assert set(CURRENCY_DIGITS) >= {"TWD", "HKD", "MYR", "SGD", "JPY", "KRW", "EUR", "SAR", "AED"}


def test_the_demo_is_moved_to_the_day_it_is_seeded() -> None:
    original = json.loads(DEMO_FEED.read_bytes())
    moved = json.loads(shifted_feed(DEMO_FEED, date(2027, 3, 1)))
    assert moved["generated_at"].startswith("2027-03-01T08:00:00")
    days = (date(2027, 3, 1) - date.fromisoformat(original["generated_at"][:10])).days
    first, later = original["postings"][0], moved["postings"][0]
    for field in ("posted_on", "closes_on"):
        gap = date.fromisoformat(later[field]) - date.fromisoformat(first[field])
        assert gap.days == days
    assert moved["p3mi"][0]["valid_until"] > original["p3mi"][0]["valid_until"]
