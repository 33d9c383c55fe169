"""What a slip or a report shows and the paper a slip goes on: plain data, no rendering."""

import enum
from dataclasses import dataclass


class Paper(enum.IntEnum):
    """Thermal roll width in millimetres."""

    MM80 = 80
    MM58 = 58

    @property
    def printable_mm(self) -> int:
        """Width the print head covers: 72 mm on 80 mm paper, 48 mm on 58 mm paper."""
        return 72 if self is Paper.MM80 else 48


@dataclass(frozen=True)
class Slip:
    """What a slip shows, already translated; the renderer adds no words of its own.

    Attributes:
        agency: top line, e.g. "KP2MI · Kementerian Pelindungan Pekerja Migran Indonesia".
        site: the hall, e.g. "MPP Kabupaten Malang".
        headline_label: what the headline is, e.g. "Nomor Antrian".
        headline: the queue number ("A-007") or a reference, in very large type.
        badge: text of an inverted band under the headline (e.g. "PRIORITAS"), or None.
        rows: label/value lines (service, date and time, people ahead, estimated wait ...).
        qr_url: the public URL the QR code encodes.
        reference: the human reference printed under the QR code, e.g. "Q-261123-7K3M".
        notes: short instruction paragraphs, word-wrapped.
        footer: the hotline line.
    """

    agency: str
    site: str
    headline_label: str
    headline: str
    badge: str | None
    rows: tuple[tuple[str, str], ...]
    qr_url: str
    reference: str
    notes: tuple[str, ...]
    footer: str


@dataclass(frozen=True)
class ReportTable:
    """One table of a report: a heading per column, then rows with a cell per column.

    The first column names the row and is set flush left; the others hold figures
    and are set flush right.

    Raises:
        ValueError: there are no columns, or a row has more or fewer cells than headings.
    """

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        if not self.headings:
            raise ValueError("a report table needs at least one column")
        for row in self.rows:
            if len(row) != len(self.headings):
                raise ValueError(f"a row has {len(row)} cells for {len(self.headings)} columns")


@dataclass(frozen=True)
class TableReport:
    """A printed report of tables, already translated; the renderer adds no words of its own.

    Attributes:
        title: the first line, in large type.
        subtitles: lines under the title (the site, the period ...).
        tables: stacked down the page; tables with as many columns share their
            column widths, so their columns line up.
        notes: short paragraphs after the tables (how the figures are counted ...).
    """

    title: str
    subtitles: tuple[str, ...]
    tables: tuple[ReportTable, ...]
    notes: tuple[str, ...] = ()
