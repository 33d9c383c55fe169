"""The day's queue figures as a printable table report in the reader's language."""

from __future__ import annotations

from typing import Final

from kiosk.i18n import translate
from kiosk.queueing.report import DayFigures, FigureRow, Scope
from kiosk.slips import date_text
from printing import ReportTable, TableReport, render_report

SCOPES: Final[tuple[Scope, ...]] = ("hall", "service", "counter")
COLUMNS: Final = (
    "report_issued",
    "report_called",
    "report_served",
    "report_no_shows",
    "report_wait_median",
    "report_wait_p90",
    "report_service_median",
    "report_service_p90",
)
REPORT_KEYS: Final = frozenset(
    {f"queue.{key}" for key in COLUMNS}
    | {"queue.report_title", "queue.report_site"}
    | {f"queue.report_scope_{scope}" for scope in SCOPES}
)
NOT_COUNTED: Final = "–"
"""What a cell shows for a figure that does not apply or has no value (a counter's issued)."""


def _cells(row: FigureRow) -> tuple[str, ...]:
    values = (
        row.issued,
        row.called,
        row.served,
        row.no_shows,
        row.wait_median,
        row.wait_p90,
        row.service_median,
        row.service_p90,
    )
    return (row.title, *(NOT_COUNTED if value is None else str(value) for value in values))


def figures_report(figures: DayFigures, language: str = "id") -> TableReport:
    """The title with the day, the site, then one table each for the hall, services, counters."""
    headings = tuple(translate(f"queue.{key}", language) for key in COLUMNS)
    return TableReport(
        title=translate("queue.report_title", language, day=date_text(figures.day, language)),
        subtitles=(translate("queue.report_site", language, site=figures.site),),
        tables=tuple(
            ReportTable(
                headings=(translate(f"queue.report_scope_{scope}", language), *headings),
                rows=tuple(_cells(row) for row in figures.rows if row.scope == scope),
            )
            for scope in SCOPES
        ),
    )


def figures_pdf(figures: DayFigures, language: str = "id") -> bytes:
    """The day report as an A4 landscape PDF: what the console prints and the CLI writes."""
    return render_report(figures_report(figures, language))
