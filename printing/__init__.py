"""Slips and reports as reportlab PDFs and the printer back-ends that take them.

No Qt, no database. The renderers (reportlab) load on the first ``render_slip`` or
``render_report`` call, so a screen that only shows slips' data does not pay for them.
"""

from printing.factory import make_printer
from printing.model import Paper, ReportTable, Slip, TableReport
from printing.printer import Printer, PrintError, PrinterStatus, PrintFault, PrintJob


def render_slip(slip: Slip, paper: Paper = Paper.MM80) -> bytes:
    """The slip as a one-page PDF for the roll (see ``printing.slip.render_slip``)."""
    from printing.slip import render_slip as render

    return render(slip, paper)


def render_report(report: TableReport) -> bytes:
    """The report as A4 landscape PDF pages (see ``printing.report.render_report``)."""
    from printing.report import render_report as render

    return render(report)


__all__ = [
    "Paper",
    "PrintError",
    "PrintFault",
    "PrintJob",
    "Printer",
    "PrinterStatus",
    "ReportTable",
    "Slip",
    "TableReport",
    "make_printer",
    "render_report",
    "render_slip",
]
