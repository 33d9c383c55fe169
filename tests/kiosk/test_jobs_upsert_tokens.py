"""Postings upserted under tokens given from outside (the centre's), new or already known."""

from __future__ import annotations

from sqlalchemy import select

from kiosk.clock import aware_now
from kiosk.hall import Hall
from kiosk.jobs.feed import P3miRecord, PostingRecord
from kiosk.jobs.upsert import upsert_p3mi, upsert_postings
from kiosk.models import Posting
from kiosk.references import new_public_token
from tests.helpers import feeds


def _upsert(hall: Hall, records: list[PostingRecord], tokens: dict[str, str] | None) -> None:
    now = aware_now(hall.clock)
    with hall.db.sessions.begin() as session:
        upsert_p3mi(session, [P3miRecord.model_validate(feeds.p3mi())], now)
        upsert_postings(
            session,
            records,
            feed_source="Uji",
            rates={},
            today=hall.today(),
            now=now,
            tokens=tokens,
        )


def _tokens(hall: Hall) -> dict[str, str]:
    with hall.db.reads() as session:
        return {
            feed_id: token
            for feed_id, token in session.execute(select(Posting.feed_id, Posting.public_token))
        }


def test_given_tokens_are_kept_and_the_rest_draw_their_own(hall: Hall) -> None:
    one, two = (PostingRecord.model_validate(feeds.posting(id)) for id in ("P-1", "P-2"))
    _upsert(hall, [one], None)
    drawn = _tokens(hall)["P-1"]
    centre = {"P-1": new_public_token(), "P-2": new_public_token()}
    _upsert(hall, [one, two], centre)
    assert _tokens(hall) == centre
    assert drawn != centre["P-1"]
    _upsert(hall, [one], None)  # a hand import later leaves the centre's token alone
    assert _tokens(hall) == centre
