"""The survey on a ticket's page in a real browser: headless Chromium at 360×800, both languages.

A served ticket's page offers the survey; the visitor taps one choice per question and
sends it; the centre keeps exactly what was tapped. Screenshots land in a temporary folder;
to refresh the committed ones run
``MPP_SCREENSHOTS_DIR=docs/screenshots pytest tests/central/test_pages_survey_browser.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import select

from central.db import Database, migrate, open_database
from central.models import SurveyAnswer
from central.settings import Settings
from kiosk.survey.index import ELEMENTS
from tests.helpers.browser import (
    browser_absent,
    console,
    console_is_clean,
    full_page_png,
    live_server,
    no_sideways_scroll,
    viewport,
)
from tests.helpers.public_records import Clock, Records, pages_app

pytestmark = pytest.mark.skipif(browser_absent() is not None, reason=str(browser_absent()))
TAPPED = (4, 3, 4, 4, 2, 3, 4, 1, 3)
WORDS = {
    "id": ("Nilai layanan kami", "Kirim jawaban saya", "Terima kasih!"),
    "en": ("Rate our service", "Send my answers", "Thank you!"),
}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    made = open_database(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    migrate(made)
    try:
        yield made
    finally:
        made.dispose()


def _kept(db: Database) -> list[tuple[int, ...]]:
    with db.reads() as session:
        return [
            (row.u1, row.u2, row.u3, row.u4, row.u5, row.u6, row.u7, row.u8, row.u9)
            for row in session.scalars(select(SurveyAnswer))
        ]


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_visitor_answers_the_survey_from_the_ticket_page_on_a_phone(
    browser: webdriver.Chrome, db: Database, shots: Path, language: str
) -> None:
    records = Records(db)
    records.site()
    token = records.ticket("A-007", state="done")
    offer, send, thanks = WORDS[language]
    with live_server(pages_app(db, Clock())) as url:
        viewport(browser, 360, 800, language=language)
        browser.get(f"{url}/r/{token}")
        console(browser)
        link = browser.find_element(By.CSS_SELECTOR, "a.survey-offer")
        assert link.is_displayed()
        assert offer in link.text
        full_page_png(browser, shots / f"public-survey-ticket-{language}-360.png")
        link.click()
        WebDriverWait(browser, 10).until(lambda driver: "/survey/" in driver.current_url)
        assert len(browser.find_elements(By.CSS_SELECTOR, "fieldset.question")) == 9
        button = browser.find_element(By.CSS_SELECTOR, "button.send")
        assert button.text == send
        for element, value in zip(ELEMENTS[:-1], TAPPED, strict=False):
            _tap(browser, element, value)
        button.click()  # one question left: the browser asks for it, nothing is sent
        assert browser.find_elements(By.CSS_SELECTOR, "button.send")
        assert _kept(db) == []
        _tap(browser, ELEMENTS[-1], TAPPED[-1])
        no_sideways_scroll(browser)
        console_is_clean(browser)
        full_page_png(browser, shots / f"public-survey-form-{language}-360.png")
        browser.find_element(By.CSS_SELECTOR, "button.send").click()
        WebDriverWait(browser, 10).until(
            lambda driver: driver.find_elements(By.CSS_SELECTOR, ".card")
        )
        assert thanks in browser.find_element(By.CSS_SELECTOR, "main").text
        no_sideways_scroll(browser)
        console_is_clean(browser)
        full_page_png(browser, shots / f"public-survey-thanks-{language}-360.png")
        assert _kept(db) == [TAPPED]
        browser.get(f"{url}/r/{token}")
        assert browser.find_elements(By.CSS_SELECTOR, "a.survey-offer") == []


def _tap(browser: webdriver.Chrome, element: str, value: int) -> None:
    """Tap a choice's words (its label), as a visitor does."""
    choice = browser.find_element(By.CSS_SELECTOR, f'input[name="{element}"][value="{value}"]')
    label = choice.find_element(By.XPATH, "..")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
    label.click()
    assert choice.is_selected()


def test_the_offer_appears_in_place_when_the_open_page_learns_the_ticket_was_served(
    browser: webdriver.Chrome, db: Database
) -> None:
    records = Records(db)
    records.site()
    token = records.ticket("A-007", state="serving", counter=1)
    settings = Settings.model_validate(
        {"public": {"refresh_seconds": 2, "refresh_seconds_near": 2}}
    )
    with live_server(pages_app(db, Clock(), settings)) as url:
        viewport(browser, 360, 800, language="id")
        browser.get(f"{url}/r/{token}")
        console(browser)
        offer = browser.find_element(By.CSS_SELECTOR, '[data-row="survey"]')
        assert not offer.is_displayed()
        browser.execute_script("window.samePage = 'yes'")
        records.move(token, "finished", state="done", counter=1)
        WebDriverWait(browser, 15, poll_frequency=0.2).until(lambda _: offer.is_displayed())
        assert browser.execute_script("return window.samePage") == "yes"  # no reload
        console_is_clean(browser)
