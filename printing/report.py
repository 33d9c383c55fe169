"""A report of tables (the supervisor's day figures ...) as A4 landscape PDF pages."""

import io
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Final
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from printing import fonts, text
from printing.fonts import Face
from printing.model import ReportTable, TableReport

PAGE: Final = landscape(A4)
MARGIN: Final = 15 * mm
WIDTH: Final = float(PAGE[0] - 2 * MARGIN)
"""The width of the text column, in points."""

TITLE_SIZE: Final = 16.0
SUBTITLE_SIZE: Final = 10.0
BODY_SIZE: Final = 9.0
LEADING: Final = 1.22
PADDING: Final = 4.0
"""Space between a cell's text and its left and right rules, in points."""
SLACK: Final = 0.5
"""Added to a column's width so that its longest cell fits despite rounding."""

MAX_TITLE_LINES: Final = 2
MAX_CELL_LINES: Final = 3
MAX_NOTE_LINES: Final = 6


def _lines(value: str, face: Face, size: float, width: float, max_lines: int) -> tuple[str, ...]:
    return text.wrap(value, face, size, max(width, 1.0), max_lines)


def _paragraph(value: str, face: Face, size: float, max_lines: int) -> Paragraph:
    """Untrusted text as a Paragraph: cleaned, wrapped by us, markup escaped."""
    lines = _lines(value, face, size, WIDTH, max_lines)
    style = ParagraphStyle(
        name=face.name, fontName=face.name, fontSize=size, leading=size * LEADING
    )
    return Paragraph("<br/>".join(escape(line) for line in lines), style)


def _one_line(cells: Iterable[tuple[str, Face]]) -> float:
    """The width a column needs to set each of `cells` on one line."""
    return max((face.width(cell, BODY_SIZE) for cell, face in cells), default=0.0)


def _longest_word(cells: Iterable[tuple[str, Face]]) -> float:
    """The width a column needs to set `cells` without breaking a word (at most a quarter
    of the page: longer words are broken)."""
    words = [(word, face) for cell, face in cells for word in cell.split()]
    return min(_one_line(words), WIDTH / 4)


def _column_widths(tables: Sequence[ReportTable]) -> list[float]:
    """Widths for `tables` (as many columns each) that fill no more than the page.

    Every cell on one line if that fits; else headings wrap at spaces; else body cells
    wrap at spaces too; else every column is squeezed in proportion and words break.
    """
    regular, bold = fonts.regular(), fonts.bold()
    columns = [
        (
            [(text.clean(table.headings[index], bold), bold) for table in tables],
            [(text.clean(row[index], regular), regular) for table in tables for row in table.rows],
        )
        for index in range(len(tables[0].headings))
    ]
    extra = 2 * PADDING + SLACK
    steps = [
        [max(_one_line(head), _one_line(body)) + extra for head, body in columns],
        [max(_longest_word(head), _one_line(body)) + extra for head, body in columns],
        [_longest_word(head + body) + extra for head, body in columns],
    ]
    for wide, narrow in itertools.pairwise(steps):
        if sum(narrow) <= WIDTH:
            if sum(wide) <= WIDTH:
                return wide
            share = (WIDTH - sum(narrow)) / (sum(wide) - sum(narrow))
            return [low + (high - low) * share for low, high in zip(narrow, wide, strict=True)]
    least = steps[-1]
    return [width * WIDTH / sum(least) for width in least]


def _cell(value: str, face: Face, width: float) -> str:
    return "\n".join(_lines(value, face, BODY_SIZE, width - 2 * PADDING, MAX_CELL_LINES))


def _table(table: ReportTable, widths: list[float]) -> Table:
    regular, bold = fonts.regular(), fonts.bold()
    cells = [
        [
            _cell(heading, bold, width)
            for heading, width in zip(table.headings, widths, strict=True)
        ],
        *(
            [_cell(value, regular, width) for value, width in zip(row, widths, strict=True)]
            for row in table.rows
        ),
    ]
    drawn = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
    drawn.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular.name),
                ("FONTNAME", (0, 0), (-1, 0), bold.name),
                ("FONTSIZE", (0, 0), (-1, -1), BODY_SIZE),
                ("LEADING", (0, 0), (-1, -1), BODY_SIZE * LEADING),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("VALIGN", (0, 1), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.whitesmoke]),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ]
        )
    )
    return drawn


def render_report(report: TableReport) -> bytes:
    """Lay out `report` on A4 landscape pages and return the PDF.

    Text is set in the slips' embedded Bitstream Vera; characters the font lacks are
    replaced, never raised on, and markup in the text is printed as it is. A table
    longer than a page goes on over the next, its heading row repeated.
    """
    regular, bold = fonts.regular(), fonts.bold()
    by_columns: defaultdict[int, list[ReportTable]] = defaultdict(list)
    for table in report.tables:
        by_columns[len(table.headings)].append(table)
    widths = {count: _column_widths(tables) for count, tables in by_columns.items()}
    story: list[Flowable] = [_paragraph(report.title, bold, TITLE_SIZE, MAX_TITLE_LINES)]
    story += [
        _paragraph(line, regular, SUBTITLE_SIZE, MAX_TITLE_LINES) for line in report.subtitles
    ]
    story.append(Spacer(1, 6 * mm))
    for table in report.tables:
        story += [_table(table, widths[len(table.headings)]), Spacer(1, 5 * mm)]
    for note in report.notes:
        story += [_paragraph(note, regular, BODY_SIZE, MAX_NOTE_LINES), Spacer(1, 2 * mm)]
    return build_pdf(story, PAGE, report.title)


def build_pdf(story: list[Flowable], page: tuple[float, float], title: str) -> bytes:
    """``story`` set in one frame with :data:`MARGIN` on ``page``-sized pages, as PDF bytes.

    Text is in the embedded Bitstream Vera faces (``initialFontName`` too), compressed.
    """
    regular = fonts.regular()
    buffer = io.BytesIO()
    frame = Frame(
        MARGIN,
        MARGIN,
        page[0] - 2 * MARGIN,
        page[1] - 2 * MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document = BaseDocTemplate(
        buffer,
        pagesize=page,
        pageTemplates=[PageTemplate(frames=[frame])],
        title=text.clean(title, regular),
        creator="mpp-kiosk printing",
        initialFontName=regular.name,
        pageCompression=1,
    )
    document.build(story)
    return buffer.getvalue()
