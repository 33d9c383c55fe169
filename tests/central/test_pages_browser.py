"""The public pages in a real browser: headless Chromium against a real uvicorn server.

Phones (360×800) and desktops (1280×800), both languages: what must be seen is seen, no
page scrolls sideways on a phone, the style sheet and script pass the CSP, and the ticket
page follows its ticket in place without a reload (or, without JavaScript, by its meta
refresh), also when the ticket's news comes from its hall through the sync API.
Screenshots land in a temporary folder; to refresh the committed ones run
``MPP_SCREENSHOTS_DIR=docs/screenshots pytest tests/central/test_pages_browser.py``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import date
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central.db import Database, migrate, open_database
from central.settings import Settings
from tests.helpers.browser import (
    browser_absent,
    chromium,
    console,
    console_is_clean,
    full_page_png,
    live_server,
    no_sideways_scroll,
    viewport,
)
from tests.helpers.central_sync import DeviceKey, Outbox, batch_json
from tests.helpers.public_records import Clock, Records, pages_app

PHONE = (360, 800)
DESKTOP = (1280, 800)
WAITING_WORDS = {
    "id": ("Menunggu dipanggil", "3 orang", "± 9 menit"),
    "en": ("Waiting to be called", "3 people", "about 9 min"),
}

pytestmark = pytest.mark.skipif(browser_absent() is not None, reason=str(browser_absent()))


class StatusLog:
    """ASGI middleware noting the status of every answer to a record's JSON."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.json_statuses: list[int] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")

        async def noting(message: Message) -> None:
            if message["type"] == "http.response.start" and path.startswith("/api/v1/records/"):
                self.json_statuses.append(message["status"])
            await send(message)

        await self.app(scope, receive, noting)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    made = open_database(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    migrate(made)
    try:
        yield made
    finally:
        made.dispose()


@pytest.fixture
def records(db: Database) -> Records:
    made = Records(db)
    made.site()
    return made


Serve = Callable[[], str]


@pytest.fixture
def serve(db: Database) -> Iterator[Serve]:
    """Starts the service on the test database when called; returns its base URL."""
    with ExitStack() as stack:
        yield lambda: stack.enter_context(live_server(pages_app(db, Clock())))


def open_page(driver: webdriver.Chrome, url: str, size: tuple[int, int], language: str) -> None:
    viewport(driver, *size, language=language)
    driver.get(url)
    console(driver)  # start each page with an empty console


def styled(driver: webdriver.Chrome) -> None:
    bar = driver.find_element(By.CSS_SELECTOR, "header.bar")
    assert bar.value_of_css_property("background-color") == "rgba(11, 61, 110, 1)"


def visible_text(driver: webdriver.Chrome, selector: str) -> str:
    element = driver.find_element(By.CSS_SELECTOR, selector)
    assert element.is_displayed(), selector
    return str(element.text)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["360", "1280"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_waiting_ticket_shows_number_status_and_people_ahead(
    browser: webdriver.Chrome,
    records: Records,
    serve: Serve,
    shots: Path,
    language: str,
    size: tuple[int, int],
) -> None:
    for earlier in ("A-004", "A-005", "A-006"):
        records.ticket(earlier)
    token = records.ticket("A-007")
    open_page(browser, f"{serve()}/r/{token}", size, language)
    status, ahead, wait = WAITING_WORDS[language]
    assert visible_text(browser, ".number") == "A-007"
    assert visible_text(browser, ".status-text") == status
    assert visible_text(browser, '[data-text="ahead"]') == ahead
    assert visible_text(browser, '[data-text="wait"]') == wait
    number = browser.find_element(By.CSS_SELECTOR, ".number")
    assert float(number.value_of_css_property("font-size").removesuffix("px")) >= 80
    assert not browser.find_element(By.CSS_SELECTOR, '[data-text="stale"]').is_displayed()
    no_sideways_scroll(browser)
    styled(browser)
    console_is_clean(browser)
    if size == PHONE:
        full_page_png(browser, shots / f"public-ticket-{language}-360.png")


def test_a_called_ticket_fills_the_phone_with_its_counter(
    browser: webdriver.Chrome, records: Records, serve: Serve, shots: Path
) -> None:
    token = records.ticket("A-007")
    records.move(token, "called", state="called", counter=2)
    open_page(browser, f"{serve()}/r/{token}", PHONE, "id")
    status = browser.find_element(By.CSS_SELECTOR, ".status-text")
    assert status.text == "Silakan menuju Loket 2"
    assert float(status.value_of_css_property("font-size").removesuffix("px")) >= 35
    assert status.value_of_css_property("color") == "rgba(10, 107, 58, 1)"
    assert not browser.find_element(By.CSS_SELECTOR, '[data-row="ahead"]').is_displayed()
    no_sideways_scroll(browser)
    console_is_clean(browser)
    full_page_png(browser, shots / "public-ticket-called-id-360.png")


def test_a_stale_hall_shows_its_banner(
    browser: webdriver.Chrome, records: Records, serve: Serve
) -> None:
    token = records.ticket()
    records.synced(records.now.replace(hour=1))  # 08:30 WIB, an hour before
    open_page(browser, f"{serve()}/r/{token}", PHONE, "en")
    banner = visible_text(browser, '[data-text="stale"]')
    assert banner.startswith("Not updated since 08:30 WIB.")
    no_sideways_scroll(browser)


def test_the_page_follows_its_ticket_in_place_with_etags_and_stops_when_done(
    browser: webdriver.Chrome, db: Database, records: Records
) -> None:
    token = records.ticket("A-007")
    settings = Settings.model_validate(
        {"public": {"refresh_seconds": 2, "refresh_seconds_near": 2}}
    )
    log = StatusLog(pages_app(db, Clock(), settings))
    with live_server(log) as url:
        open_page(browser, f"{url}/r/{token}", PHONE, "id")
        browser.execute_script("window.samePage = 'yes'")
        wait = WebDriverWait(browser, 15, poll_frequency=0.2)
        wait.until(lambda _: 304 in log.json_statuses)  # polled, nothing changed
        records.move(token, "called", state="called", counter=2)
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".status-text").text
                   == "Silakan menuju Loket 2")  # fmt: skip
        assert browser.execute_script("return window.samePage") == "yes"  # no reload
        main = browser.find_element(By.ID, "ticket")
        assert main.get_attribute("data-phase") == "called"
        assert not browser.find_element(By.CSS_SELECTOR, '[data-row="ahead"]').is_displayed()
        assert browser.title == "Nomor antrian A-007 · KP2MI"
        records.move(token, "started", state="serving", counter=2)
        records.move(token, "finished", state="done", counter=2)
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".status-text").text
                   == "Selesai dilayani")  # fmt: skip
        assert browser.execute_script("return window.samePage") == "yes"
        assert (
            visible_text(browser, '[data-text="refresh"]') == "Halaman ini tidak diperbarui lagi."
        )
        polls = len(log.json_statuses)
        # Nothing to wait *for*: over two and a half intervals, no poll may come.
        threading.Event().wait(5.0)
        assert len(log.json_statuses) == polls  # a final ticket is no longer polled
        console_is_clean(browser)


def test_without_javascript_the_meta_refresh_reloads_the_page(
    db: Database, records: Records
) -> None:
    token = records.ticket("A-007")
    settings = Settings.model_validate(
        {"public": {"refresh_seconds": 2, "refresh_seconds_near": 2}}
    )
    driver = chromium(javascript=False)
    try:
        with live_server(pages_app(db, Clock(), settings)) as url:
            open_page(driver, f"{url}/r/{token}", PHONE, "id")
            assert driver.find_element(By.CSS_SELECTOR, ".status-text").text == "Menunggu dipanggil"
            records.move(token, "called", state="called", counter=1)
            WebDriverWait(driver, 15, poll_frequency=0.2).until(
                lambda d: (
                    d.find_element(By.CSS_SELECTOR, ".status-text").text == "Silakan menuju Loket 1"
                )
            )
    finally:
        driver.quit()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["360", "1280"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_complaint_page(
    browser: webdriver.Chrome,
    records: Records,
    serve: Serve,
    shots: Path,
    language: str,
    size: tuple[int, int],
) -> None:
    token = records.complaint(created_at=records.now.replace(hour=1))
    records.status(token, "verified", at=records.now.replace(hour=2))
    records.note(
        token,
        "Kami sudah menghubungi agensi di Taipei. Kabar berikutnya paling lambat hari Jumat.",
        public=True,
        at=records.now,
    )
    records.note(token, "internal only", public=False, at=records.now)
    open_page(browser, f"{serve()}/r/{token}", size, language)
    assert visible_text(browser, ".ref") == "P-261123-4D2Q"
    assert "Kami sudah menghubungi agensi di Taipei." in visible_text(browser, ".timeline")
    assert "internal only" not in browser.page_source
    assert "0800-1000" in visible_text(browser, "a.call")
    no_sideways_scroll(browser)
    styled(browser)
    console_is_clean(browser)
    if size == PHONE and language == "id":
        full_page_png(browser, shots / "public-complaint-id-360.png")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["360", "1280"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_posting_page(
    browser: webdriver.Chrome,
    records: Records,
    serve: Serve,
    shots: Path,
    language: str,
    size: tuple[int, int],
) -> None:
    records.p3mi()
    records.rate("TWD", "512.40", date(2026, 11, 20))
    token = records.posting(
        employer="PT.KeluargaLinDenganNamaYangSangatPanjangSekaliTanpaSpasiSamaSekali",
    )
    open_page(browser, f"{serve()}/r/{token}", size, language)
    assert visible_text(browser, "h1.title") == "Caregiver (perawat lansia)"
    assert visible_text(browser, ".salary .big").startswith("TWD 20")
    warning = visible_text(browser, ".card.warn")
    assert warning.startswith(
        ("Lindungi diri Anda\nWaspada calo!", "Protect yourself\nBeware of brokers!")
    )
    no_sideways_scroll(browser)
    styled(browser)
    console_is_clean(browser)
    if size == DESKTOP and language == "en":
        full_page_png(browser, shots / "public-posting-en-1280.png")


def test_a_ticket_pushed_over_http_by_its_hall_shows_in_the_browser(
    browser: webdriver.Chrome, central_app: FastAPI, device: DeviceKey
) -> None:
    outbox = Outbox()
    hall = outbox.hall()
    earlier = [outbox.issue(), outbox.issue()]
    mine = outbox.issue()
    with live_server(central_app) as url:
        pushed = httpx.post(
            f"{url}/api/v1/sync/push",
            json=batch_json(hall, *earlier, mine),
            headers=device.headers,
        )
        assert pushed.status_code == 200
        assert len(pushed.json()["accepted"]) == 4
        open_page(browser, f"{url}/r/{mine.token}", PHONE, "id")
        assert visible_text(browser, ".number") == "A-003"
        assert visible_text(browser, ".status-text") == "Menunggu dipanggil"
        assert visible_text(browser, '[data-text="ahead"]') == "2 orang"
        called = outbox.event(mine.token, "called", counter=3)
        again = httpx.post(
            f"{url}/api/v1/sync/push", json=batch_json(called), headers=device.headers
        )
        assert again.status_code == 200
        WebDriverWait(browser, 15, poll_frequency=0.2).until(
            lambda d: (
                d.find_element(By.CSS_SELECTOR, ".status-text").text == "Silakan menuju Loket 3"
            )
        )
        console_is_clean(browser)


def test_the_not_found_page(
    browser: webdriver.Chrome, records: Records, serve: Serve, shots: Path
) -> None:
    open_page(browser, f"{serve()}/r/NOSUCHTOKEN", PHONE, "id")
    assert "Halaman tidak ditemukan" in visible_text(browser, "main")
    assert "Page not found" in visible_text(browser, "main")
    no_sideways_scroll(browser)
    styled(browser)
    full_page_png(browser, shots / "public-404-360.png")
