"""Pulling: the feed under the centre's tokens, the desk's word on complaints, the cursor."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
import requests
from sqlalchemy import select

from kiosk.complaints.categories import Status
from kiosk.hall import Hall
from kiosk.jobs.feed import P3miRecord, PostingRecord
from kiosk.models import CentralComplaint, Posting, PullState
from kiosk.references import new_public_token
from kiosk.sync.client import SyncError
from kiosk.sync.contract import ComplaintNote, ComplaintUpdate, PublishedPosting, PullResult
from kiosk.sync.enrolment import Enrolment
from kiosk.sync.run import Syncer
from tests.helpers import feeds
from tests.helpers.fake_centre import fake_centre
from tools.central_server import Centre, serving

SITE = "mpp-kab-probolinggo"


@pytest.fixture
def centre(tmp_path: Path) -> Iterator[Centre]:
    """A real centre on SQLite that publishes two postings and their P3MI."""
    (tmp_path / "centre").mkdir()
    with serving(tmp_path / "centre", f"sqlite:///{tmp_path / 'central.sqlite3'}") as running:
        feed = tmp_path / "feed.json"
        feed.write_bytes(feeds.feed([feeds.posting("P-1"), feeds.posting("P-2")]))
        running.command("feed", "import", str(feed))
        yield running


def _syncer(hall: Hall, base: str, token: str) -> Syncer:
    return Syncer(
        hall.db, hall.settings, hall.clock, lambda: Enrolment(base, token), threading.Event()
    )


def _postings(hall: Hall) -> dict[str, str]:
    with hall.db.reads() as session:
        return {f: t for f, t in session.execute(select(Posting.feed_id, Posting.public_token))}


def test_the_feed_comes_under_the_centres_tokens_and_a_second_pull_is_304(
    hall: Hall, centre: Centre
) -> None:
    syncer = _syncer(hall, centre.base, centre.add_device(SITE))
    pages, records = syncer.pull()
    assert pages >= 1
    assert records >= 3  # two postings and a P3MI
    pulled = _postings(hall)
    assert set(pulled) == {"P-1", "P-2"}
    for token in pulled.values():  # the hall's QR code of a posting opens the centre's page
        assert requests.get(f"{centre.base}/api/v1/records/{token}", timeout=10).status_code == 200
    with hall.db.reads() as session:
        state = session.get(PullState, 1)
    assert state is not None
    assert state.cursor
    assert syncer.pull() == (0, 0)


def test_a_site_that_imports_by_hand_takes_no_feed(hall: Hall, centre: Centre) -> None:
    central = hall.settings.central.model_copy(update={"pull_feed": False})
    hall.settings = hall.settings.model_copy(update={"central": central})
    _syncer(hall, centre.base, centre.add_device(SITE)).pull()
    assert _postings(hall) == {}


def _page(cursor: str, token: str, notes: list[ComplaintNote]) -> bytes:
    update = ComplaintUpdate(
        token=token, status=Status.IN_PROGRESS, changed_at=datetime.now(UTC), public_notes=notes
    )
    page = PullResult(cursor=cursor, complaints=[update], postings=[], p3mi=[], rates=[])
    return page.model_dump_json().encode()


def test_the_desks_word_on_a_complaint_is_kept_and_a_known_note_keeps_its_time(hall: Hall) -> None:
    token = new_public_token()
    first = ComplaintNote(note_id=uuid4(), text="Diteruskan ke BP3MI.", public=True)
    second = ComplaintNote(note_id=uuid4(), text="Majikan dihubungi.", public=True)
    with fake_centre() as fake:
        fake.answer(200, _page("c1.p0.m0.r0", token, [first]), Content_Type="application/json")
        fake.answer(304)
        syncer = _syncer(hall, fake.base, "A" * 26)
        assert syncer.pull() == (1, 1)
        with hall.db.reads() as session:
            known_at = session.get(CentralComplaint, token).public_notes[0]["known_at"]  # type: ignore[union-attr]
        fake.answer(
            200, _page("c2.p0.m0.r0", token, [first, second]), Content_Type="application/json"
        )
        fake.answer(304)
        assert syncer.pull() == (1, 1)
        assert fake.received[-1].headers["If-None-Match"] == '"c2.p0.m0.r0"'
    with hall.db.reads() as session:
        row = session.get(CentralComplaint, token)
    assert row is not None
    assert row.status == "in_progress"
    assert [note["text"] for note in row.public_notes] == [first.text, second.text]
    assert row.public_notes[0]["known_at"] == known_at
    assert json.dumps(row.public_notes)


def _feed_page(cursor: str, postings: list[dict[str, Any]], p3mi: list[dict[str, Any]]) -> bytes:
    page = PullResult(
        cursor=cursor,
        complaints=[],
        postings=[
            PublishedPosting(token=new_public_token(), record=PostingRecord.model_validate(p))
            for p in postings
        ],
        p3mi=[P3miRecord.model_validate(p) for p in p3mi],
        rates=[],
    )
    return page.model_dump_json().encode()


def test_a_posting_waiting_for_its_p3mi_survives_a_sync_that_dies_in_between(hall: Hall) -> None:
    first = _feed_page("c1.p0.m0.r0", [feeds.posting("P-9")], [])
    second = _feed_page("c2.p0.m0.r0", [], [feeds.p3mi()])
    with fake_centre() as fake:
        fake.answer(200, first, Content_Type="application/json")
        # then nothing scripted: the centre answers 503, the pull ends with the posting held
        with pytest.raises(SyncError):
            _syncer(hall, fake.base, "A" * 26).pull()
        assert _postings(hall) == {}
        with hall.db.reads() as session:
            assert session.get(PullState, 1).cursor == ""  # type: ignore[union-attr]
        fake.answer(200, first, Content_Type="application/json")
        fake.answer(200, second, Content_Type="application/json")
        fake.answer(304)
        assert _syncer(hall, fake.base, "A" * 26).pull() == (2, 2)
        assert fake.received[-3].headers.get("If-None-Match") is None  # from the start again
    assert set(_postings(hall)) == {"P-9"}
    with hall.db.reads() as session:
        assert session.get(PullState, 1).cursor == "c2.p0.m0.r0"  # type: ignore[union-attr]


def test_a_posting_whose_p3mi_never_comes_is_given_up_when_the_pull_is_complete(
    hall: Hall, caplog: pytest.LogCaptureFixture
) -> None:
    with fake_centre() as fake:
        fake.answer(
            200,
            _feed_page("c1.p0.m0.r0", [feeds.posting("P-9")], []),
            Content_Type="application/json",
        )
        fake.answer(304)
        assert _syncer(hall, fake.base, "A" * 26).pull() == (1, 0)
    assert _postings(hall) == {}
    assert "pulled posting P-9 names a P3MI the centre did not send; left out" in caplog.text
    with hall.db.reads() as session:
        assert session.get(PullState, 1).cursor == "c1.p0.m0.r0"  # type: ignore[union-attr]
