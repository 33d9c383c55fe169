"""One complaint as an A4 PDF for the agency's case file (berkas kasus), already translated.

The desk builds a :class:`CaseFile` (what to print, in one language, personal data left
out unless the officer may see it); this draws it in the slips' embedded Bitstream Vera.
Text from people is cleaned to what the font draws and its markup printed as typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from printing import fonts, text
from printing.fonts import Face
from printing.report import MARGIN, build_pdf

WIDTH: Final = float(A4[0] - 2 * MARGIN)
TITLE_SIZE: Final = 16.0
HEADING_SIZE: Final = 11.0
BODY_SIZE: Final = 9.5
LEADING: Final = 1.3
LABEL_SHARE: Final = 0.32
"""The share of the width the labels' column takes."""
MAX_LINES: Final = 200
"""Lines of one paragraph at most (a chronology of 4,000 characters takes about 40)."""


@dataclass(frozen=True)
class CaseSection:
    """A part of the case file: a heading, label-value rows, then paragraphs."""

    heading: str
    rows: tuple[tuple[str, str], ...] = ()
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseFile:
    """A complaint's case file, every word already in the reader's language."""

    title: str
    subtitles: tuple[str, ...]
    sections: tuple[CaseSection, ...]
    footer: str


def _style(face: Face, size: float) -> ParagraphStyle:
    return ParagraphStyle(name=face.name, fontName=face.name, fontSize=size, leading=size * LEADING)


def _paragraph(value: str, face: Face, size: float, width: float = WIDTH) -> Paragraph:
    """Untrusted text as a Paragraph: each of its lines cleaned and wrapped by us, escaped."""
    lines = [
        line
        for part in value.splitlines() or [""]
        for line in text.wrap(part, face, size, width, MAX_LINES) or ("",)
    ]
    return Paragraph("<br/>".join(escape(line) for line in lines), _style(face, size))


def _rows(rows: tuple[tuple[str, str], ...]) -> Table:
    regular, bold = fonts.regular(), fonts.bold()
    label_width = WIDTH * LABEL_SHARE
    value_width = WIDTH - label_width
    table = Table(
        [
            [
                _paragraph(label, bold, BODY_SIZE, label_width - 8),
                _paragraph(value, regular, BODY_SIZE, value_width - 8),
            ]
            for label, value in rows
        ],
        colWidths=[label_width, value_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular.name),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.lightgrey),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def render_case_file(case: CaseFile) -> bytes:
    """Lay out ``case`` on A4 portrait pages and return the PDF (fonts embedded)."""
    regular, bold = fonts.regular(), fonts.bold()
    story: list[Flowable] = [_paragraph(case.title, bold, TITLE_SIZE)]
    story += [_paragraph(line, regular, BODY_SIZE) for line in case.subtitles]
    story.append(Spacer(1, 5 * mm))
    for section in case.sections:
        story += [_paragraph(section.heading, bold, HEADING_SIZE), Spacer(1, 2 * mm)]
        if section.rows:
            story.append(_rows(section.rows))
        for paragraph in section.paragraphs:
            story += [_paragraph(paragraph, regular, BODY_SIZE), Spacer(1, 1.5 * mm)]
        story.append(Spacer(1, 5 * mm))
    story.append(_paragraph(case.footer, regular, BODY_SIZE - 1.5))
    return build_pdf(story, A4, case.title)
