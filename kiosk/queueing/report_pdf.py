"""The day's queue figures as a one-page A4 PDF table (reportlab) for the supervisor."""

from __future__ import annotations

import io
from typing import Final

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kiosk.i18n import translate
from kiosk.queueing.report import DayFigures, FigureRow

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
    | {
        "queue.report_title",
        "queue.report_site",
        "queue.report_scope_hall",
        "queue.report_scope_service",
        "queue.report_scope_counter",
    }
)


def _cells(row: FigureRow) -> list[str]:
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
    return [row.title, *("–" if value is None else str(value) for value in values)]


def figures_pdf(figures: DayFigures, language: str = "id") -> bytes:
    """An A4 landscape page: title, site, then one table block per scope."""
    styles = getSampleStyleSheet()
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=translate("queue.report_title", language, day=figures.day.isoformat()),
    )
    header = [translate(f"queue.{key}", language) for key in COLUMNS]
    story: list[object] = [
        Paragraph(
            translate("queue.report_title", language, day=figures.day.isoformat()), styles["Title"]
        ),
        Paragraph(translate("queue.report_site", language, site=figures.site), styles["Normal"]),
        Spacer(1, 6 * mm),
    ]
    for scope in ("hall", "service", "counter"):
        rows = [_cells(row) for row in figures.rows if row.scope == scope]
        table = Table(
            [[translate(f"queue.report_scope_{scope}", language), *header], *rows], repeatRows=1
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                    ("FONTSIZE", (0, 0), (-1, -1), 9),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ]
            )
        )
        story += [table, Spacer(1, 5 * mm)]
    document.build(story)
    return out.getvalue()
