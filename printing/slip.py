"""A language-neutral thermal slip (queue ticket, job-info slip, complaint receipt) as a PDF."""

import io
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing import blocks, fonts, qr
from printing.model import Paper, Slip


@dataclass(frozen=True)
class _Style:
    """Type sizes (points) and the QR size (millimetres) for one paper width."""

    small: float
    body: float
    label: float
    headline: tuple[float, float]
    badge: float
    reference: float
    qr_mm: float


_STYLES = {
    Paper.MM80: _Style(8, 9.5, 10, (18, 64), 12, 12, 40),
    Paper.MM58: _Style(7.5, 8.5, 9, (13, 48), 11, 11, 38),
}
_TOP_MM = 3
_FEED_MM = 6
"""Blank paper after the footer, so the cutter does not cut through the text."""


def _layout(slip: Slip, paper: Paper) -> list[blocks.Block]:
    style = _STYLES[paper]
    frame = blocks.Frame(
        left=(paper - paper.printable_mm) / 2 * mm,
        width=paper.printable_mm * mm,
        page_width=paper * mm,
    )
    regular, bold = fonts.regular(), fonts.bold()
    symbol = qr.make_symbol(slip.qr_url, style.qr_mm * mm, frame.width)
    sections = [
        blocks.text(slip.agency, bold, style.small, frame, align="centre", max_lines=3),
        blocks.text(slip.site, regular, style.body, frame, align="centre", max_lines=2),
        blocks.rule(frame, 3 * mm),
        blocks.text(slip.headline_label, regular, style.label, frame, align="centre", max_lines=2),
        blocks.headline(slip.headline, bold, style.headline, frame),
    ]
    if slip.badge is not None:
        sections += [blocks.space(1 * mm), blocks.band(slip.badge, bold, style.badge, frame)]
    sections.append(blocks.space(3 * mm))
    sections += [
        blocks.row(label, value, (regular, bold), style.body, frame) for label, value in slip.rows
    ]
    sections += [blocks.rule(frame, 3 * mm), blocks.qr_code(symbol, frame)]
    sections.append(
        blocks.text(slip.reference, bold, style.reference, frame, align="centre", max_lines=2)
    )
    sections.append(blocks.space(2 * mm))
    for note in slip.notes:
        sections += [
            blocks.text(note, regular, style.small, frame, align="left", max_lines=8),
            blocks.space(1 * mm),
        ]
    sections += [
        blocks.rule(frame, 2 * mm),
        blocks.text(slip.footer, regular, style.small, frame, align="centre", max_lines=6),
    ]
    return sections


def render_slip(slip: Slip, paper: Paper = Paper.MM80) -> bytes:
    """Lay out `slip` on a roll of `paper` and return a one-page PDF.

    The page is the full roll width with everything inside the printable
    column, and exactly as long as the content. Text is set in embedded
    Bitstream Vera; characters the font lacks are replaced, never raised on.

    Raises:
        ValueError: `slip.qr_url` is too long for a QR code.
    """
    sections = _layout(slip, paper)
    height = (_TOP_MM + _FEED_MM) * mm + sum(section.height for section in sections)
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(paper * mm, height),
        pageCompression=1,
        initialFontName=fonts.regular().name,
    )
    canvas.setCreator("mpp-kiosk printing")
    canvas.translate(0, height)
    offset = _TOP_MM * mm
    for section in sections:
        section.draw(canvas, offset)
        offset += section.height
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
