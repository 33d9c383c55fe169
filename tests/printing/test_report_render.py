"""Rendering table reports: embedded fonts, text, A4 landscape pages and hostile input."""

import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from printing import ReportTable, TableReport, render_report
from tests.printing.slip_tools import font_rows, page_size_pt, pdf_text

HEADINGS = ("Layanan", "Diterbitkan", "Dipanggil", "Tunggu, median (menit)")
REPORT = TableReport(
    title="Angka antrian 2026-11-23",
    subtitles=("Lokasi: MPP Kabupaten Malang",),
    tables=(
        ReportTable(
            headings=HEADINGS,
            rows=(
                ("Verifikasi Dokumen", "12", "11", "7.5"),
                ("Pendaftaran Lowongan", "3", "3", "–"),
            ),
        ),
        ReportTable(headings=("Loket", *HEADINGS[1:]), rows=(("Loket 1", "–", "9", "6.0"),)),
    ),
    notes=("Waktu dalam menit.",),
)
A4_LANDSCAPE_PT = (841.89, 595.28)


def test_every_font_is_embedded_truetype(tmp_path: Path) -> None:
    rows = font_rows(render_report(REPORT), tmp_path)
    assert len(rows) == 2
    assert all(" TrueType " in row and " yes yes " in row for row in rows), rows
    assert not any("Helvetica" in row for row in rows)


def test_title_headings_rows_and_notes_are_in_the_text(tmp_path: Path) -> None:
    lines = pdf_text(render_report(REPORT), tmp_path).splitlines()
    text = "\n".join(lines)
    for want in ("Angka antrian 2026-11-23", "Lokasi: MPP Kabupaten Malang", "Waktu dalam menit."):
        assert want in text
    for heading in ("Layanan", "Diterbitkan", "Dipanggil", "median", "Loket"):
        assert heading in text
    assert any(re.fullmatch(r"\s*Verifikasi Dokumen\s+12\s+11\s+7\.5", line) for line in lines)
    assert any(re.fullmatch(r"\s*Loket 1\s+–\s+9\s+6\.0", line) for line in lines)


def test_the_page_is_a4_landscape(tmp_path: Path) -> None:
    width, height, pages = page_size_pt(render_report(REPORT), tmp_path)
    assert (width, height) == pytest.approx(A4_LANDSCAPE_PT, abs=0.01)
    assert pages == 1


def test_a_long_table_goes_on_over_pages_with_its_headings(tmp_path: Path) -> None:
    rows = tuple((f"Baris {n}", str(n), str(2 * n), "1.0") for n in range(120))
    report = TableReport(title="Panjang", subtitles=(), tables=(ReportTable(HEADINGS, rows),))
    pdf = render_report(report)
    _, _, pages = page_size_pt(pdf, tmp_path)
    assert pages > 1
    text = pdf_text(pdf, tmp_path)
    assert text.count("Diterbitkan") == pages
    assert "Baris 119" in text


def test_a_row_must_have_a_cell_for_each_heading() -> None:
    with pytest.raises(ValueError, match="3 cells for 4 columns"):
        ReportTable(headings=HEADINGS, rows=(("a", "b", "c"),))
    with pytest.raises(ValueError, match="at least one column"):
        ReportTable(headings=(), rows=())


def test_hostile_text_is_printed_as_it_is_and_stays_on_the_page(tmp_path: Path) -> None:
    long_word = "Panjang" * 300
    report = TableReport(
        title="<b>Judul</b> &amp; " + "kata " * 400,
        subtitles=("\x00\x1b[31m\u202eLokasi\r\n\tMPP",),
        tables=(ReportTable(headings=(long_word, *HEADINGS[1:]), rows=((long_word,) * 4,) * 3),),
        notes=("<para>catatan</para> " * 200,),
    )
    pdf = render_report(report)
    text = pdf_text(pdf, tmp_path)
    assert "<b>Judul</b> &amp;" in text
    assert "Lokasi MPP" in text
    assert "<para>catatan</para>" in text
    assert page_size_pt(pdf, tmp_path)[2] == 1
    page = Image.open(_greyscale(pdf, tmp_path, dpi=50)).convert("L")
    margin = round(14 / 25.4 * 50)  # 14 mm: just inside the 15 mm margins
    columns = [*range(margin), *range(page.width - margin, page.width)]
    assert all(page.getpixel((x, y)) == 255 for x in columns for y in range(page.height))


def _greyscale(pdf: bytes, folder: Path, dpi: int) -> Path:
    source = folder / "page.pdf"
    source.write_bytes(pdf)
    argv = ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(source)]
    subprocess.run([*argv, str(folder / "page")], check=True)
    return folder / "page.png"
