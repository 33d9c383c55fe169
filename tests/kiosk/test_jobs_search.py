"""Searching postings as the visitor types, the country tiles, details and "Cek P3MI"."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.demo.jobs import DEMO_FEED
from kiosk.errors import InvalidInput
from kiosk.hall import Hall
from kiosk.jobs import search
from kiosk.jobs.postings import PostingDetail
from kiosk.jobs.registry import Standing
from kiosk.jobs.search import JobBoard, JobQuery
from kiosk.jobs.vocab import Education, Scheme, Sector
from kiosk.vocab import Gender
from tests.helpers.clock import clock_fixture
from tests.helpers.feeds import FEED_DAY, FEED_DAY_9, feed, load, p3mi, posting

HIDDEN_BY_P3MI = {"DEMO-TW-FACTORY-03", "DEMO-HK-DH-04", "DEMO-MY-PLANT-03"}
EXPIRED = 8

clock = clock_fixture(FEED_DAY_9)


@pytest.fixture
def board(hall: Hall) -> JobBoard:
    """The demo feed's postings in the hall."""
    load(hall, DEMO_FEED)
    return hall.jobs


def everything(board: JobBoard, query: JobQuery) -> list[str]:
    """Positions and cities of every shown posting matching ``query``, in order."""
    page = board.search(query, limit=1000, today=FEED_DAY)
    assert page.total == len(page.postings)
    return [f"{p.position} @ {p.city}" for p in page.postings]


def test_only_open_postings_of_licensed_p3mi_are_shown(board: JobBoard) -> None:
    page = board.search(limit=1000, today=FEED_DAY)
    assert page.total == 60 - EXPIRED - len(HIDDEN_BY_P3MI)
    assert all(p.closes_on >= FEED_DAY for p in page.postings)
    details = [board.detail(id_, today=FEED_DAY) for id_ in range(1, 61)]
    hidden = {d.id for d in details if d is not None and not d.shown}
    assert hidden.isdisjoint(p.id for p in page.postings)
    assert len(hidden) == EXPIRED + len(HIDDEN_BY_P3MI)
    standings = {d.p3mi.standing for d in details if d and not d.shown and d.p3mi}
    assert {Standing.SUSPENDED, Standing.REVOKED, Standing.EXPIRED} <= standings


def test_a_posting_shows_from_its_posting_day_to_its_closing_day(hall: Hall) -> None:
    load(hall, feed([posting(posted_on="2026-11-10", closes_on="2026-11-20")]))
    board = hall.jobs
    assert [board.search(today=date(2026, 11, d)).total for d in (9, 10, 20, 21)] == [0, 1, 1, 0]


def test_a_p3mi_suspended_after_import_hides_its_postings_at_once(hall: Hall) -> None:
    load(hall, feed([posting()]))
    board = hall.jobs
    assert board.search(today=FEED_DAY).total == 1
    load(hall, feed([], [p3mi(status="suspended")]))
    assert board.search(today=FEED_DAY).total == 0
    assert board.search(today=date(2027, 1, 1)).total == 0


def test_typed_words_match_as_prefixes_regardless_of_case_and_accents(board: JobBoard) -> None:
    assert everything(board, JobQuery("GDAŃ")) == everything(board, JobQuery("gdansk"))
    assert everything(board, JobQuery("gdan")) == ["Tukang las (welder) pabrik kapal @ Gdańsk"]
    perawat = everything(board, JobQuery("pera"))
    assert len(perawat) > 10
    assert perawat == everything(board, JobQuery("PERAW"))
    both = everything(board, JobQuery("taiwan caregiver"))
    assert both
    assert all("@ " in line for line in both)
    assert set(both) <= set(everything(board, JobQuery("caregiver")))
    assert everything(board, JobQuery("caregiver nowhere")) == []


def test_text_covers_country_names_employer_sector_and_requirements(board: JobBoard) -> None:
    japan = everything(board, JobQuery(country="JP"))
    assert everything(board, JobQuery("jepang")) == japan
    assert everything(board, JobQuery("japan")) == japan
    assert everything(board, JobQuery("jlpt")) == everything(board, JobQuery("JLPT N4"))
    hospitals = everything(board, JobQuery("klinikum")) + everything(
        board, JobQuery("universitäts")
    )
    assert sorted(hospitals) == sorted(everything(board, JobQuery(country="DE")))
    assert len(everything(board, JobQuery("pabrik"))) >= len(
        everything(board, JobQuery(sector=Sector.MANUFACTURING))
    )


def test_filters_narrow_and_results_are_ordered_by_closing_date(board: JobBoard) -> None:
    page = board.search(JobQuery(country="TW"), limit=1000, today=FEED_DAY)
    assert {p.country for p in page.postings} == {"TW"}
    closing = [p.closes_on for p in page.postings]
    assert closing == sorted(closing)
    g2g = board.search(JobQuery(scheme=Scheme.G_TO_G), limit=1000, today=FEED_DAY).postings
    assert {p.country for p in g2g} == {"JP", "KR", "DE"}
    men = board.search(JobQuery(gender=Gender.MALE), limit=1000, today=FEED_DAY).postings
    assert {_detail(board, p.id).gender for p in men} == {Gender.MALE, Gender.ANY}
    primary = board.search(JobQuery(education=Education.SD), limit=1000, today=FEED_DAY).postings
    assert {_detail(board, p.id).education for p in primary} == {Education.SD}
    smp = board.search(JobQuery(education=Education.SMP), limit=1000, today=FEED_DAY).postings
    assert {_detail(board, p.id).education for p in smp} == {Education.SD, Education.SMP}


def test_pages_and_country_counts_agree_with_the_search(
    board: JobBoard, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = (board.search(offset=o, limit=10, today=FEED_DAY) for o in (0, 10))
    assert first.total == second.total == 49
    assert not first.capped
    assert {p.id for p in first.postings}.isdisjoint(p.id for p in second.postings)
    counts = board.counts_by_country(JobQuery(country="TW"), today=FEED_DAY)
    assert sum(c.count for c in counts) == 49
    assert [c.count for c in counts] == sorted((c.count for c in counts), reverse=True)
    for tile in counts:
        assert tile.count == board.search(JobQuery(country=tile.country), today=FEED_DAY).total
    nurses = board.counts_by_country(JobQuery("perawat"), today=FEED_DAY)
    assert {c.country for c in nurses} >= {"TW", "DE", "JP"}
    monkeypatch.setattr(search, "COUNT_LIMIT", 20)
    capped = board.search(limit=5, today=FEED_DAY)
    assert (capped.total, capped.capped, len(capped.postings)) == (20, True, 5)


def test_the_detail_carries_what_the_slip_and_the_screen_need(board: JobBoard) -> None:
    page = board.search(JobQuery("caregiver rumah"), today=FEED_DAY)
    detail = board.detail(page.postings[0].id, today=FEED_DAY)
    assert detail is not None
    assert detail.shown
    assert detail.reference.startswith("L-261120-")
    assert detail.zero_cost
    assert detail.worker_cost_idr == 0
    assert detail.p3mi is not None
    assert detail.p3mi.licensed
    assert (str(detail.salary.amount), detail.salary.currency) == ("20000.00", "TWD")
    assert detail.salary_idr == 10_248_000
    assert detail.rate_date == FEED_DAY
    assert board.detail(10_000, today=FEED_DAY) is None


def test_cek_p3mi_by_name_words_or_licence_number(board: JobBoard) -> None:
    by_name = board.check_p3mi("sahabat KARYA", today=FEED_DAY)
    assert [m.name for m in by_name.matches] == ["PT Sahabat Karya Mandiri"]
    assert by_name.matches[0].standing is Standing.LICENSED
    by_licence = board.check_p3mi("kep 1207 ka 2026", today=FEED_DAY)
    assert by_licence.matches == by_name.matches
    assert board.check_p3mi("Arta Buana", today=FEED_DAY).matches[0].standing is Standing.SUSPENDED
    assert board.check_p3mi("duta harapan", today=FEED_DAY).matches[0].standing is Standing.REVOKED
    assert board.check_p3mi("kartika", today=FEED_DAY).matches[0].standing is Standing.EXPIRED
    missing = board.check_p3mi("PT Calo Sejahtera", today=FEED_DAY)
    assert not missing.found
    with pytest.raises(InvalidInput) as caught:
        board.check_p3mi(" p.t ", today=FEED_DAY)
    assert caught.value.key == "jobs.p3mi_query_too_short"


def _detail(board: JobBoard, posting_id: int) -> PostingDetail:
    detail = board.detail(posting_id, today=FEED_DAY)
    assert detail is not None
    return detail
