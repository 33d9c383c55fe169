"""Finding vacancies as the visitor types: full text, filters, counts per country, details."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from kiosk.clock import Clock, local_day
from kiosk.db import Database
from kiosk.jobs.fold import query_words
from kiosk.jobs.postings import (
    SUMMARY_COLUMNS,
    PostingDetail,
    PostingSummary,
    detail_of,
    summary_of,
)
from kiosk.jobs.registry import P3miLookup, look_up_p3mi
from kiosk.jobs.vocab import Education, P3miStatus, Scheme, Sector
from kiosk.models import P3mi, Posting
from kiosk.vocab import Gender

PAGE_SIZE: Final = 50
COUNT_LIMIT: Final = 1000
_S = TypeVar("_S", bound=Select[*tuple[Any, ...]])
# The unary + keeps SQLite from driving the query by the match list: it walks the covering
# index of shown postings in closing order instead, so a page of a broad match stops early.
_SQLITE_MATCH = text(
    "+postings.id IN (SELECT rowid FROM postings_fts WHERE postings_fts MATCH :fts)"
)
_PREFER_INDEXES = text("SET LOCAL enable_seqscan = off")
_POSTGRESQL_MATCH = text("postings.search_vector @@ to_tsquery('simple'::regconfig, :fts)")


@dataclass(frozen=True)
class JobQuery:
    """What the visitor typed and chose; ``None`` means any.

    ``gender`` and ``education`` describe the visitor: postings open to that gender (or to
    anyone) and asking for at most that schooling.
    """

    text: str = ""
    country: str | None = None
    sector: Sector | None = None
    scheme: Scheme | None = None
    gender: Gender | None = None
    education: Education | None = None


@dataclass(frozen=True)
class SearchPage:
    """One page of matching postings, soonest closing first, and how many match in all.

    Counting stops past :data:`COUNT_LIMIT`: then ``total`` is the limit and ``capped`` is
    set (show "1000+").
    """

    total: int
    capped: bool
    postings: tuple[PostingSummary, ...]


@dataclass(frozen=True)
class CountryCount:
    """Open vacancies in one destination country (a country tile)."""

    country: str
    count: int


@dataclass(frozen=True)
class JobBoard:
    """The jobs info use cases of one hall, each one read transaction.

    A posting is shown only from its posting date up to and including its closing date
    (the site's local date), and only while its P3MI is active and licensed that day;
    G to G and other postings without a P3MI need only the dates.
    """

    db: Database
    zone: ZoneInfo
    clock: Clock

    def today(self) -> date:
        """The site's local date."""
        return local_day(self.clock(), self.zone)

    def search(
        self,
        query: JobQuery = JobQuery(),
        *,
        offset: int = 0,
        limit: int = PAGE_SIZE,
        today: date | None = None,
    ) -> SearchPage:
        """Shown postings matching ``query``: every typed word a prefix of some word."""
        day = today or self.today()
        with self.db.reads() as session:
            if not self.db.is_sqlite:
                # PostgreSQL's costs prefer a full scan to the GIN index for prefix queries;
                # the index is several times faster (bench/jobs.py).
                session.execute(_PREFER_INDEXES)
            matching = _matching(session, query, day, select(Posting.id)).limit(COUNT_LIMIT + 1)
            total = session.scalar(select(func.count()).select_from(matching.subquery())) or 0
            rows = session.execute(
                _matching(session, query, day, select(*SUMMARY_COLUMNS))
                .order_by(Posting.closes_on, Posting.id)
                .offset(offset)
                .limit(limit)
            )
            postings = tuple(summary_of(row) for row in rows)
            return SearchPage(min(total, COUNT_LIMIT), total > COUNT_LIMIT, postings)

    def counts_by_country(
        self, query: JobQuery = JobQuery(), *, today: date | None = None
    ) -> tuple[CountryCount, ...]:
        """Shown postings per country for ``query`` (its country ignored), most first."""
        unfiltered = dataclasses.replace(query, country=None)
        count = func.count()
        counted = select(Posting.country, count).group_by(Posting.country)
        with self.db.reads() as session:
            statement = _matching(session, unfiltered, today or self.today(), counted)
            rows = session.execute(statement.order_by(count.desc(), Posting.country))
            return tuple(CountryCount(country, number) for country, number in rows)

    def detail(self, posting_id: int, *, today: date | None = None) -> PostingDetail | None:
        """Everything about one posting, whether still shown or not; ``None`` if unknown."""
        day = today or self.today()
        with self.db.reads() as session:
            posting = session.get(Posting, posting_id)
            if posting is None:
                return None
            visible = _shown(select(Posting.id), day, by_date_index=True)
            shown = session.scalar(visible.where(Posting.id == posting_id))
            return detail_of(posting, shown=shown is not None, today=day)

    def check_p3mi(self, name_or_licence: str, *, today: date | None = None) -> P3miLookup:
        """Cek P3MI: registered companies matching a name or a licence number."""
        with self.db.reads() as session:
            return look_up_p3mi(session, name_or_licence, today or self.today())


def _matching(session: Session, query: JobQuery, today: date, statement: _S) -> _S:
    words = query_words(query.text)
    if not words:
        return _shown(statement, today, by_date_index=True).where(*_filters(query))
    if session.get_bind().dialect.name == "sqlite":
        fts = " ".join(f'"{word}"*' for word in words)
        statement = _shown(statement, today, by_date_index=True)
        statement = statement.where(_SQLITE_MATCH.bindparams(fts=fts))
    else:
        # PostgreSQL underrates the cost of testing each row against the words: leave it
        # the GIN index as the only way in (dates compared as expressions, no full scans).
        fts = " & ".join(f"{word}:*" for word in words)
        statement = _shown(statement, today, by_date_index=False)
        statement = statement.where(_POSTGRESQL_MATCH.bindparams(fts=fts))
    return statement.where(*_filters(query))


def _shown(statement: _S, today: date, *, by_date_index: bool) -> _S:
    posted_on, closes_on = (
        (Posting.posted_on, Posting.closes_on)
        if by_date_index
        else (Posting.posted_on + 0, Posting.closes_on + 0)
    )
    licensed = and_(
        P3mi.status == P3miStatus.ACTIVE.value,
        P3mi.valid_from <= today,
        P3mi.valid_until >= today,
    )
    return statement.outerjoin(P3mi, Posting.p3mi_id == P3mi.id).where(
        posted_on <= today,
        closes_on >= today,
        or_(Posting.p3mi_id.is_(None), licensed),
    )


def _filters(query: JobQuery) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = []
    if query.country:
        filters.append(Posting.country == query.country)
    if query.sector:
        filters.append(Posting.sector == query.sector.value)
    if query.scheme:
        filters.append(Posting.scheme == query.scheme.value)
    if query.gender and query.gender is not Gender.ANY:
        filters.append(Posting.gender.in_([query.gender.value, Gender.ANY.value]))
    if query.education:
        allowed = [level.value for level in Education if level.rank <= query.education.rank]
        filters.append(Posting.education.in_(allowed))
    return filters
