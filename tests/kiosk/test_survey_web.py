"""Survey answers given on a ticket's public page reach the hall by the pull (channel ``web``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from kiosk.clock import aware_now
from kiosk.hall import Hall
from kiosk.models import SurveyAnswer, Ticket
from kiosk.references import new_public_token
from kiosk.survey.index import ELEMENTS
from kiosk.sync.contract import PullResult, SurveyAnswered
from kiosk.sync.enrolment import Enrolment
from kiosk.sync.inbox import Inbox
from kiosk.sync.run import Syncer
from tests.helpers.clock import FakeClock
from tools.central_server import Centre, serving

SITE = "mpp-kab-probolinggo"
KIOSK = (4, 4, 4, 4, 4, 4, 4, 4, 4)
WEB = (1, 2, 3, 4, 1, 2, 3, 4, 1)


@pytest.fixture
def centre(tmp_path: Path) -> Iterator[Centre]:
    """A real centre (``mpp-central serve``) on SQLite."""
    (tmp_path / "centre").mkdir()
    with serving(tmp_path / "centre", f"sqlite:///{tmp_path / 'central.sqlite3'}") as running:
        yield running


def _served(hall: Hall) -> Ticket:
    issued = hall.queue.issue_ticket("jobs")
    hall.queue.call_next(1)
    hall.queue.start(1)
    hall.queue.finish(1)
    with hall.db.reads() as session:
        return session.scalars(select(Ticket).where(Ticket.reference == issued.reference)).one()


def _kept(hall: Hall) -> dict[str, tuple[str, tuple[int, ...]]]:
    with hall.db.reads() as session:
        rows = session.execute(select(Ticket.public_token, SurveyAnswer).join(SurveyAnswer))
        return {
            token: (
                row.channel,
                (row.u1, row.u2, row.u3, row.u4, row.u5, row.u6, row.u7, row.u8, row.u9),
            )
            for token, row in rows
        }


def test_an_answer_on_the_ticket_page_is_pulled_into_the_halls_survey(
    hall: Hall, clock: FakeClock, centre: Centre
) -> None:
    today = datetime.now(UTC).date()
    monday = today - timedelta(days=today.weekday())  # within the hall's opening days
    clock.set(datetime.combine(monday, time(2, 30), UTC))  # 09:30 WIB, the centre's week
    syncer = Syncer(
        hall.db,
        hall.settings,
        hall.clock,
        lambda: Enrolment(centre.base, centre.add_device(SITE)),
        threading.Event(),
    )
    on_web, at_both = _served(hall), _served(hall)
    syncer.push()
    form = dict(zip(ELEMENTS, (str(value) for value in WEB), strict=True))
    for ticket in (on_web, at_both):
        page = requests.get(f"{centre.base}/r/{ticket.public_token}?lang=en", timeout=10)
        assert f"/survey/{ticket.public_token}?lang=en" in page.text
        answered = requests.post(
            f"{centre.base}/survey/{ticket.public_token}", data=form, timeout=10
        )
        assert answered.status_code == 200
    hall.survey.submit(at_both.reference, KIOSK)  # answered at the kiosk before the pull
    assert syncer.pull()[1] >= 1
    assert _kept(hall) == {
        on_web.public_token: ("web", WEB),
        at_both.public_token: ("kiosk", KIOSK),  # the hall's first answer stays
    }
    assert syncer.pull() == (0, 0)
    report = hall.survey.report(monday, monday + timedelta(days=6))
    assert report.rows[0].index is not None
    assert report.rows[0].index.respondents == 2


def test_a_page_applied_twice_keeps_one_answer_and_skips_a_stranger(hall: Hall) -> None:
    ticket = _served(hall)
    answered = SurveyAnswered(
        token=ticket.public_token, answered_at=aware_now(hall.clock), answers=list(WEB)
    )
    stranger = SurveyAnswered(
        token=new_public_token(), answered_at=aware_now(hall.clock), answers=list(WEB)
    )
    page = PullResult(
        cursor="c0.p0.m0.r0.s2", complaints=[], postings=[], p3mi=[], rates=[],
        surveys=[stranger, answered],
    )  # fmt: skip
    inbox = Inbox(hall.db, hall.settings.site.zone)
    assert inbox.apply(page, aware_now(hall.clock)) == 1
    assert inbox.apply(page, aware_now(hall.clock)) == 0
    assert _kept(hall) == {ticket.public_token: ("web", WEB)}
    assert inbox.cursor() == "c0.p0.m0.r0.s2"


def test_a_centre_without_the_survey_sends_pages_without_answers() -> None:
    old = '{"protocol":1,"cursor":"c1.p0.m0.r0","complaints":[],"postings":[],"p3mi":[],"rates":[]}'
    assert PullResult.model_validate_json(old).surveys == []


@pytest.mark.parametrize("answers", [[1] * 8, [1] * 10, [0] + [1] * 8, [5] + [1] * 8])
def test_a_pulled_answer_that_is_not_nine_values_of_1_to_4_is_refused(answers: list[int]) -> None:
    with pytest.raises(ValueError, match="answers"):
        SurveyAnswered(token=new_public_token(), answered_at=datetime.now(UTC), answers=answers)
