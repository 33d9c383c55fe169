"""Rendering a complaint's case file: embedded fonts, every part's text, long and hostile input."""

from __future__ import annotations

from pathlib import Path

from printing.case_file import CaseFile, CaseSection, render_case_file
from tests.printing.slip_tools import font_rows, page_size_pt, pdf_text

CASE = CaseFile(
    title="Pengaduan L-261123-7K3M",
    subtitles=("Meja Pengaduan",),
    sections=(
        CaseSection(
            "Kasus", rows=(("MPP", "MPP Kabupaten Probolinggo"), ("Status", "Diverifikasi"))
        ),
        CaseSection(
            "Kronologi", paragraphs=("Gaji tidak dibayar sejak Maret.\nMajikan pindah kota.",)
        ),
        CaseSection("Catatan", rows=(("23 November 2026 10.00", "<b>Keluarga</b> & majikan"),)),
    ),
    footer="Diekspor oleh ani.",
)


def test_every_font_is_embedded_and_every_part_is_in_the_text(tmp_path: Path) -> None:
    pdf = render_case_file(CASE)
    rows = font_rows(pdf, tmp_path)
    assert len(rows) == 2
    assert all(" TrueType " in row and " yes yes " in row for row in rows), rows
    text = pdf_text(pdf, tmp_path)
    for want in (
        "Pengaduan L-261123-7K3M",
        "MPP Kabupaten Probolinggo",
        "Gaji tidak dibayar sejak Maret.",
        "Majikan pindah kota.",
        "<b>Keluarga</b> & majikan",  # markup is printed as typed
        "Diekspor oleh ani.",
    ):
        assert want in text


def test_a_long_chronology_goes_on_over_pages_and_odd_characters_do_not_break_it(
    tmp_path: Path,
) -> None:
    long = " ".join(f"kalimat{n}" for n in range(700)) + " \u202eعربي\u200d 😀 \x00"
    case = CaseFile("Pengaduan", (), (CaseSection("Kronologi", paragraphs=(long,)),), "akhir")
    pdf = render_case_file(case)
    _, _, pages = page_size_pt(pdf, tmp_path)
    assert pages >= 2
    text = pdf_text(pdf, tmp_path)
    assert "kalimat0" in text
    assert "kalimat699" in text
    assert "akhir" in text
