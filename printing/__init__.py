"""Slips as reportlab PDFs and the printer back-ends that take them (no Qt, no database).

The renderer (reportlab) loads on the first ``render_slip`` call, so a screen that only
shows slips' data does not pay for it.
"""

from printing.factory import make_printer
from printing.model import Paper, Slip
from printing.printer import Printer, PrintError, PrinterStatus, PrintFault, PrintJob


def render_slip(slip: Slip, paper: Paper = Paper.MM80) -> bytes:
    """The slip as a one-page PDF for the roll (see ``printing.slip.render_slip``)."""
    from printing.slip import render_slip as render

    return render(slip, paper)


__all__ = [
    "Paper",
    "PrintError",
    "PrintFault",
    "PrintJob",
    "Printer",
    "PrinterStatus",
    "Slip",
    "make_printer",
    "render_slip",
]
