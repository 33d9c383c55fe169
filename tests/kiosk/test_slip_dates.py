"""One date style on every slip and printed report: ``1 Des 2026``, never ``01-12-2026``."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kiosk.complaints.receipt import receipt_slip
from kiosk.demo.jobs import seed_demo_jobs
from kiosk.hall import Hall
from kiosk.i18n import translate
from kiosk.jobs.search import JobQuery
from kiosk.jobs.slip import job_slip
from kiosk.queueing.report import DayFigures
from kiosk.queueing.report_doc import figures_report
from kiosk.queueing.slip import ticket_slip
from kiosk.slips import date_text, printer_test_slip
from printing import Slip
from tests.helpers.complaints import fill, new_form

OTHER_STYLES = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}\b")
"""Dates written with digits only: 23-11-2026, 2026-11-23, 23/11/26, 23.11.2026."""


def _style(language: str) -> re.Pattern[str]:
    months = "|".join(translate("slip.months", language).split(","))
    return re.compile(rf"\b([1-9]|[12]\d|3[01]) ({months}) 20\d\d\b")


def _texts(slip: Slip) -> list[str]:
    cells = [text for row in slip.rows for text in row]
    return [slip.headline, *cells, *slip.notes, slip.footer]


def _slips(hall: Hall, language: str) -> dict[str, Slip]:
    seed_demo_jobs(hall)
    posting = hall.jobs.search(JobQuery(text="caregiver")).postings[0]
    detail = hall.jobs.detail(posting.id)
    assert detail is not None
    form = new_form(language)
    fill(form)
    complaint = hall.complaints.submit(form)
    ticket = hall.queue.issue_ticket("jobs")
    return {
        "ticket": ticket_slip(ticket, hall.settings, language),
        "job": job_slip(detail, hall.settings, language),
        "complaint": receipt_slip(complaint, hall.settings, language),
        "test": printer_test_slip(hall.settings, language, hall.clock()),
    }


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("language", ["id", "en"])
def test_every_slip_writes_its_dates_one_way(hall: Hall, language: str) -> None:
    style = _style(language)
    for kind, slip in _slips(hall, language).items():
        texts = _texts(slip)
        assert [t for t in texts if OTHER_STYLES.search(t)] == [], kind
        assert any(style.search(t) for t in texts), (kind, texts)


@pytest.mark.parametrize(("language", "day"), [("id", "1 Des 2026"), ("en", "1 Dec 2026")])
def test_the_day_report_names_its_day_in_the_slip_style(language: str, day: str) -> None:
    report = figures_report(DayFigures("MPP Kabupaten Malang", date(2026, 12, 1), ()), language)
    assert report.title.endswith(day)
    assert date_text(date(2026, 12, 1), language) == day
