"""The complaint desk in a real browser: headless Chromium against a real uvicorn server.

An officer signs in, filters the inbox, opens a case, shows its personal data, writes a
public note, moves its status and signs out, with taps on the page; the family's page then
shows the note and the status. Phones (360×800) and desktops (1280×800): no page scrolls
sideways, the style sheet passes the CSP. Screenshots land in a temporary folder; to
refresh the committed ones run
``MPP_SCREENSHOTS_DIR=docs/screenshots pytest tests/central/test_desk_browser.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import Select, WebDriverWait

from central.app import create_app
from central.db import Database, migrate, open_database
from central.settings import Settings
from kiosk.infra.sealed import ensure_key
from kiosk.sync.contract import ComplaintSubmittedEntry
from tests.helpers.browser import (
    browser_absent,
    console,
    console_is_clean,
    full_page_png,
    live_server,
    no_sideways_scroll,
    viewport,
)
from tests.helpers.central_sync import PERSONAL, Outbox, batch_json, make_device
from tests.helpers.desk import PASSWORD, add_officers

PHONE = (360, 800)
DESKTOP = (1280, 800)

pytestmark = pytest.mark.skipif(browser_absent() is not None, reason=str(browser_absent()))


@pytest.fixture
def app(tmp_path: Path, central_settings: Settings) -> Iterator[FastAPI]:
    db: Database = open_database(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    migrate(db)
    ensure_key(central_settings.keys.complaints_key_path)
    try:
        yield create_app(central_settings, db)
    finally:
        db.dispose()


@pytest.fixture
def cases(app: FastAPI) -> list[ComplaintSubmittedEntry]:
    """Four complaints of two halls pushed through the sync API; the officers."""
    db: Database = app.state.db
    device, other = make_device(db), make_device(db, "mpp-kota-blitar")
    outbox, elsewhere = Outbox(), Outbox()
    made = [
        outbox.complaint(),
        outbox.complaint(urgent=True, categories=["violence", "documents_held"]),
        outbox.complaint(categories=["repatriation"]),
    ]
    far = elsewhere.complaint(categories=["fraud"])
    with TestClient(app) as client:
        pushes = (
            (device, batch_json(outbox.hall(), *made)),
            (other, batch_json(elsewhere.hall(name="MPP Kota Blitar"), far)),
        )
        for key, body in pushes:
            answer = client.post("/api/v1/sync/push", json=body, headers=key.headers)
            assert answer.status_code == 200, answer.text
    add_officers(db, device.site_id)
    return [*made, far]


def _tap(driver: webdriver.Chrome, element_id: str) -> None:
    driver.find_element(By.ID, element_id).click()


def _submit(driver: webdriver.Chrome, element_id: str) -> None:
    """Tap a form's button and wait for the page it leads to."""
    page = driver.find_element(By.TAG_NAME, "html")
    _tap(driver, element_id)
    WebDriverWait(driver, 10).until(staleness_of(page))


def _checked(driver: webdriver.Chrome) -> None:
    """Nothing refused by the CSP, nothing missing; no sideways scroll; the sheet applied."""
    console_is_clean(driver)
    no_sideways_scroll(driver)
    assert (
        driver.execute_script("return getComputedStyle(document.querySelector('.bar')).display")
        == "flex"
    )


def _shoot(driver: webdriver.Chrome, shots: Path, name: str) -> None:
    _checked(driver)
    full_page_png(driver, shots / name)


def test_an_officer_handles_a_case_by_taps_and_the_family_sees_it(
    app: FastAPI, cases: list[ComplaintSubmittedEntry], browser: webdriver.Chrome, shots: Path
) -> None:
    plain, urgent = cases[0], cases[1]
    with live_server(app) as base:
        for size, suffix in ((PHONE, "360"), (DESKTOP, "1280")):
            viewport(browser, *size, language="id")
            browser.get(f"{base}/desk")
            console(browser)
            assert browser.find_element(By.ID, "sign-in").is_displayed()
            _shoot(browser, shots, f"desk-sign-in-id-{suffix}.png")
        viewport(browser, *DESKTOP, language="en")
        browser.get(f"{base}/desk/sign-in?lang=en")
        browser.find_element(By.ID, "username").send_keys("handler")
        browser.find_element(By.ID, "password").send_keys("salah sekali sandinya")
        _submit(browser, "sign-in")
        assert "Wrong user name or password." in browser.page_source
        console(browser)  # the refusal's 401 is the browser's own log line
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        _submit(browser, "sign-in")
        assert browser.current_url.startswith(f"{base}/desk/inbox")
        rows = browser.find_elements(By.CSS_SELECTOR, "tr.case")
        assert rows[0].get_attribute("data-reference") == urgent.payload.reference
        assert "urgent" in (rows[0].get_attribute("class") or "")
        _shoot(browser, shots, "desk-inbox-en-1280.png")

        Select(browser.find_element(By.ID, "f-category")).select_by_value("unpaid_wages")
        Select(browser.find_element(By.ID, "f-urgent")).select_by_value("no")
        _submit(browser, "apply")
        shown = [
            r.get_attribute("data-reference")
            for r in browser.find_elements(By.CSS_SELECTOR, "tr.case")
        ]
        assert shown == [plain.payload.reference]
        case_page = browser.find_element(By.TAG_NAME, "html")
        browser.find_element(By.LINK_TEXT, plain.payload.reference).click()
        WebDriverWait(browser, 10).until(staleness_of(case_page))
        assert PERSONAL["nik"] not in browser.page_source
        _submit(browser, "show")
        assert browser.find_element(By.CSS_SELECTOR, '[data-field="nik"]').text == PERSONAL["nik"]
        browser.find_element(By.ID, "note").send_keys("Keluarga sudah dihubungi; kasus diteruskan.")
        _tap(browser, "note-public")
        _submit(browser, "add-note")
        Select(browser.find_element(By.ID, "move-to")).select_by_value("verified")
        browser.find_element(By.ID, "reason").send_keys("Data cocok dengan KTP")
        _submit(browser, "move")
        assert browser.find_element(By.ID, "status").text == "Verified"
        assert PERSONAL["nik"] not in browser.page_source  # shown once, masked again
        _shoot(browser, shots, "desk-case-en-1280.png")
        viewport(browser, *PHONE, language="id")
        browser.get(f"{base}/desk/inbox?lang=id")
        _shoot(browser, shots, "desk-inbox-id-360.png")
        browser.get(f"{base}/desk/c/{plain.token}?lang=id")
        _shoot(browser, shots, "desk-case-id-360.png")
        _submit(browser, "sign-out")
        assert browser.find_element(By.ID, "sign-in").is_displayed()
        browser.get(f"{base}/desk/c/{plain.token}?lang=en")
        assert "Your session has ended" in browser.page_source

        browser.get(f"{base}/r/{plain.token}?lang=en")
        assert "Keluarga sudah dihubungi; kasus diteruskan." in browser.page_source
        assert browser.find_element(By.CSS_SELECTOR, ".status-text").text == "Verified"
