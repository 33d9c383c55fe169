"""The survey's index as CSV and as a printable table report, in the reader's language."""

from __future__ import annotations

import csv
import io
from typing import Final

from kiosk.i18n import translate
from kiosk.slips import date_text
from kiosk.survey.index import ELEMENTS, rounded
from kiosk.survey.service import SkmReport, SkmRow
from printing import ReportTable, TableReport, render_report

NONE: Final = "–"
"""A cell with nothing to count (no respondent)."""


def _cells(row: SkmRow, language: str) -> tuple[str, ...]:
    found = row.index
    if found is None:
        return (row.title, "0", *(NONE for _ in ELEMENTS), NONE, NONE)
    return (
        row.title,
        str(found.respondents),
        *(str(rounded(mean)) for mean in found.means),
        str(found.index),
        f"{found.grade} ({translate(f'survey.grade_{found.grade}', language)})",
    )


def _headings(language: str) -> tuple[str, ...]:
    return (
        translate("survey.report_service", language),
        translate("survey.report_respondents", language),
        *(f"U{n}" for n in range(1, len(ELEMENTS) + 1)),
        translate("survey.report_index", language),
        translate("survey.report_grade", language),
    )


def skm_csv(report: SkmReport, language: str = "id") -> str:
    """The report as CSV: a row for the hall, then a row per service."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_headings(language))
    writer.writerows(_cells(row, language) for row in report.rows)
    return out.getvalue()


def skm_pdf(report: SkmReport, language: str = "id") -> bytes:
    """The report as an A4 landscape PDF: the period, the table, what U1…U9 are."""
    period = translate(
        "survey.report_period",
        language,
        first=date_text(report.first, language),
        last=date_text(report.last, language),
    )
    table = TableReport(
        title=translate("survey.report_title", language),
        subtitles=(report.site, period),
        tables=(
            ReportTable(
                headings=_headings(language),
                rows=tuple(_cells(row, language) for row in report.rows),
            ),
        ),
        notes=(
            " · ".join(
                f"U{n} {translate(f'survey.element_{name}', language)}"
                for n, name in enumerate(ELEMENTS, start=1)
            ),
            translate("survey.report_how", language),
        ),
    )
    return render_report(table)
