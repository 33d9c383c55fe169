"""The satisfaction survey on a ticket's public page: offered, answered once, refused cleanly."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from central.db import Database
from central.headers import CONTENT_SECURITY_POLICY
from central.models import SurveyAnswer
from central.pages.survey import Refusal, SurveyRefusedError, keep_answer
from central.pull import Cursor, changes_since
from kiosk.survey.index import ELEMENTS
from kiosk.survey.questions import questions
from tests.helpers.public_records import NOW, SITE_ID, TODAY, Clock, Records, pages_app

FULL = {element: str(n % 4 + 1) for n, element in enumerate(ELEMENTS)}
"""A complete answer: 1, 2, 3, 4, 1, 2, 3, 4, 1."""
_FORM = {"content-type": "application/x-www-form-urlencoded"}


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


def stored(db: Database) -> list[tuple[str, tuple[int, ...]]]:
    with db.reads() as session:
        return [
            (row.token, (row.u1, row.u2, row.u3, row.u4, row.u5, row.u6, row.u7, row.u8, row.u9))
            for row in session.scalars(select(SurveyAnswer))
        ]


def revision(db: Database) -> int:
    with db.reads() as session:
        return session.scalar(select(func.max(SurveyAnswer.revision))) or 0


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_finished_ticket_offers_the_survey_and_others_do_not(
    records: Records, client: TestClient
) -> None:
    done = records.ticket("A-001", state="done")
    page = client.get(f"/r/{done}?lang=en")
    assert "Rate our service (9 questions, anonymous)" in page.text
    assert f'href="/survey/{done}?lang=en"' in page.text
    assert client.get(f"/api/v1/records/{done}").json()["record"]["survey"] is True
    assert '<p data-row="survey">' in page.text
    for state in ("waiting", "called"):  # open: the offer waits hidden for the page's poll
        other = records.ticket("A-002", state=state, counter=1 if state == "called" else None)
        assert '<p data-row="survey" hidden>' in client.get(f"/r/{other}").text, state
        assert client.get(f"/api/v1/records/{other}").json()["record"]["survey"] is False
    for state in ("no_show", "cancelled"):  # final and not served: no offer at all
        other = records.ticket("A-002", state=state)
        assert "/survey/" not in client.get(f"/r/{other}").text, state


def test_the_survey_asks_the_nine_questions_with_the_kiosks_words_in_both_languages(
    records: Records, client: TestClient
) -> None:
    token = records.ticket("A-001", state="done")
    for language in ("id", "en"):
        response = client.get(f"/survey/{token}?lang={language}")
        assert response.status_code == 200
        assert response.headers["content-language"] == language
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "<script" not in response.text
        assert "style=" not in response.text
        assert f'action="/survey/{token}?lang={language}"' in response.text
        page = text_of(response.text)
        for question in questions(language):
            assert question.text in page
            for value, choice in enumerate(question.choices, start=1):
                assert f'name="{question.element}" value="{value}" required' in response.text
                assert choice in page
        assert response.text.count('type="radio"') == 36
    assert "Kirim jawaban saya" in client.get(f"/survey/{token}").text


def test_an_answer_is_kept_once_and_the_ticket_page_stops_offering(
    central_db: Database, records: Records, client: TestClient
) -> None:
    token = records.ticket("A-001", state="done")
    response = client.post(f"/survey/{token}?lang=en", data=FULL)
    assert response.status_code == 200
    assert "Thank you! Your answers help us improve the service." in response.text
    assert stored(central_db) == [(token, (1, 2, 3, 4, 1, 2, 3, 4, 1))]
    assert "/survey/" not in client.get(f"/r/{token}").text
    again = client.post(f"/survey/{token}?lang=en", data={**FULL, "time": "4"})
    assert again.status_code == 409
    assert "has been answered already" in again.text
    assert client.get(f"/survey/{token}").status_code == 409
    assert stored(central_db) == [(token, (1, 2, 3, 4, 1, 2, 3, 4, 1))]


@pytest.mark.parametrize(
    ("state", "status", "words"),
    [
        ("waiting", 409, "once you have been served"),
        ("serving", 409, "once you have been served"),
        ("no_show", 409, "once you have been served"),
        ("cancelled", 409, "once you have been served"),
    ],
)
def test_a_ticket_not_finished_is_refused_and_nothing_is_written(
    central_db: Database, records: Records, client: TestClient, state: str, status: int, words: str
) -> None:
    token = records.ticket("A-001", state=state, counter=1 if state == "serving" else None)
    assert client.get(f"/survey/{token}?lang=en").status_code == status
    response = client.post(f"/survey/{token}?lang=en", data=FULL)
    assert response.status_code == status
    assert words in response.text
    assert stored(central_db) == []


def test_thirty_days_after_its_day_and_no_later(
    central_db: Database, records: Records, client: TestClient, clock: Clock
) -> None:
    token = records.ticket("A-001", state="done", day=TODAY - timedelta(days=30))
    late = records.ticket("A-002", state="done", day=TODAY - timedelta(days=31))
    refused = client.post(f"/survey/{late}?lang=en", data=FULL)
    assert refused.status_code == 410
    assert "up to 30 days after the visit" in refused.text
    assert client.post(f"/survey/{token}", data=FULL).status_code == 200
    assert [found for found, _ in stored(central_db)] == [token]
    clock.now = NOW + timedelta(days=1)
    other = records.ticket("A-003", state="done", day=TODAY - timedelta(days=30))
    assert client.get(f"/survey/{other}").status_code == 410


@pytest.mark.parametrize(
    "form",
    [
        {},
        {**FULL, "cost": ""},
        {**FULL, "cost": "5"},
        {**FULL, "cost": "0"},
        {**FULL, "cost": "-1"},
        {**FULL, "cost": "2.0"},
        {**FULL, "cost": " 2"},
        {**FULL, "cost": "٢"},  # an Arabic-Indic two: not one of the four choices
        {k: v for k, v in FULL.items() if k != "complaints"},
        {**FULL, "cost": "<script>alert(1)</script>"},
    ],
)
def test_incomplete_or_out_of_range_answers_are_422_and_nothing_is_written(
    central_db: Database, records: Records, client: TestClient, form: dict[str, str]
) -> None:
    token = records.ticket("A-001", state="done")
    body = urlencode(form).encode()  # an empty form too, as a browser sends it
    response = client.post(f"/survey/{token}?lang=en", content=body, headers=_FORM)
    assert response.status_code == 422
    assert "Answer all nine questions, one choice each." in response.text
    assert "<script>alert" not in response.text
    assert stored(central_db) == []
    assert revision(central_db) == 0
    assert client.post(f"/survey/{token}", data=FULL).status_code == 200  # still open


def test_unknown_or_malformed_tokens_get_the_one_404_page(
    central_db: Database, records: Records, client: TestClient
) -> None:
    records.ticket("A-001", state="done")
    not_found = client.get("/r/" + "A" * 26).text
    for token in ("A" * 26, "short", "a" * 26, "%00" * 26, "A" * 27):
        for response in (
            client.get(f"/survey/{token}"),
            client.post(f"/survey/{token}", data=FULL),
        ):
            assert response.status_code == 404, token
            assert response.text == not_found
    assert stored(central_db) == []


def test_a_body_that_is_not_a_form_is_a_clear_4xx_page(
    central_db: Database, records: Records, client: TestClient
) -> None:
    token = records.ticket("A-001", state="done")
    url = f"/survey/{token}?lang=en"
    as_json = client.post(url, json=FULL)
    assert as_json.status_code == 415
    assert "The answers could not be read." in as_json.text
    huge = client.post(url, content=b"cost=1&" * 100_000, headers=_FORM)
    assert huge.status_code == 413
    broken = client.post(url, content=b"\xff\xfe=1", headers=_FORM)
    assert broken.status_code == 400
    nul = client.post(url, content=b"cost=1%00", headers=_FORM)
    assert nul.status_code == 400
    assert stored(central_db) == []


def test_web_answers_are_pulled_by_their_hall_only_after_the_cursor(
    central_db: Database, records: Records, client: TestClient
) -> None:
    first = records.ticket("A-001", state="done")
    second = records.ticket("A-002", state="done")
    records.site(site_id="mpp-kota-mataram")
    elsewhere = records.ticket("A-003", state="done", site_id="mpp-kota-mataram")
    for token in (first, elsewhere, second):
        assert client.post(f"/survey/{token}", data=FULL).status_code == 200
    with central_db.reads() as session:
        page = changes_since(session, SITE_ID, Cursor())
        assert [answer.token for answer in page.surveys] == [first, second]
        assert page.surveys[0].answers == [1, 2, 3, 4, 1, 2, 3, 4, 1]
        assert page.surveys[0].answered_at == NOW
        after = changes_since(session, SITE_ID, Cursor.parse(page.cursor))
        assert after.surveys == []
        old = Cursor.parse("c0.p0.m0.r0")  # a hall's cursor from before the survey
        assert len(changes_since(session, SITE_ID, old).surveys) == 2


def test_two_phones_answering_at_once_keep_the_first_answer_only(
    central_db: Database, records: Records
) -> None:
    token = records.ticket("A-001", state="done")
    second: list[BaseException | None] = []

    def answer_again() -> None:
        try:
            with central_db.sessions.begin() as session:
                keep_answer(session, token, {**FULL, "time": "4"}, NOW)
        except SurveyRefusedError as refused:
            second.append(refused)
        else:
            second.append(None)

    with central_db.sessions.begin() as session:
        keep_answer(session, token, FULL, NOW)
        other = threading.Thread(target=answer_again)
        other.start()
        other.join(timeout=0.5)  # it waits for this transaction, whatever the database
        assert other.is_alive()
    other.join(timeout=30)
    assert len(second) == 1
    assert isinstance(second[0], SurveyRefusedError)
    assert second[0].refusal is Refusal.ANSWERED
    assert stored(central_db) == [(token, (1, 2, 3, 4, 1, 2, 3, 4, 1))]
