"""Rendering slips: QR decoding, text, page geometry, embedded fonts and hostile input."""

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.lib.units import mm

from printing import Paper, Slip, fonts, qr, render_slip, text
from tests.printing.slip_tools import decode_qr, font_rows, page_size_pt, pdf_text, rasterise
from tools.samples import TICKET, URL, ticket

DOTS_PER_MM = 203 / 25.4
HOSTILE = ticket(
    agency="<b>KP2MI</b> &amp; <para>\u202eevil\u202c</para> " + "Panjang" * 60,
    site="مركز الخدمة שלום 🇮🇩👍🏽‍👩‍👧 漢字 \x00\x07\x1b[31m\r\n\t end",
    headline="Q-261123-7K3M-" + "X" * 200,
    badge="\u200b" + "W" * 300,
    rows=(("L" * 300, "V" * 300), ("ẞ ṭ ﬁ ō ğ", "\ufeff\u2028\U000e0001")),
    reference="R" * 500,
    notes=("Kata" * 400, "\ud7ff\ue000\uffff"),
    footer="@" * 400,
)


@pytest.mark.parametrize("paper", list(Paper))
def test_qr_decodes_to_the_url(paper: Paper, tmp_path: Path) -> None:
    png = rasterise(render_slip(TICKET, paper), tmp_path)
    assert decode_qr(png) == [URL]


@pytest.mark.parametrize(("paper", "width_pt"), [(Paper.MM80, 226.77), (Paper.MM58, 164.41)])
def test_page_is_the_roll_width_and_one_page(paper: Paper, width_pt: float, tmp_path: Path) -> None:
    width, height, pages = page_size_pt(render_slip(TICKET, paper), tmp_path)
    assert width == pytest.approx(width_pt, abs=0.01)
    assert pages == 1
    assert 80 * mm < height < 200 * mm


def test_page_length_follows_the_content(tmp_path: Path) -> None:
    short = page_size_pt(render_slip(ticket(notes=(), badge=None)), tmp_path)[1]
    long = page_size_pt(render_slip(ticket(notes=("Catatan.",) * 6)), tmp_path)[1]
    assert long > short + 6 * 8


def test_text_is_laid_out_in_order(tmp_path: Path) -> None:
    lines = [line.strip() for line in pdf_text(render_slip(TICKET), tmp_path).splitlines()]
    lines = [line for line in lines if line]
    expected_order = [
        "KP2MI · Kementerian Pelindungan Pekerja",
        "MPP Kabupaten Malang",
        "Nomor Antrian",
        "A-007",
        "PRIORITAS",
        "Q-261123-7K3M",
        "Hotline KP2MI: 0800-1000",
    ]
    positions = [next(i for i, line in enumerate(lines) if want in line) for want in expected_order]
    assert positions == sorted(positions)
    assert any(re.fullmatch(r"Antrian di depan\s{4,}4 orang", line) for line in lines)
    assert any(re.fullmatch(r"Perkiraan tunggu\s{4,}± 15 menit", line) for line in lines)


def test_no_badge_means_no_band(tmp_path: Path) -> None:
    with_badge = Image.open(rasterise(render_slip(TICKET), tmp_path)).convert("1")
    without = Image.open(rasterise(render_slip(ticket(badge=None)), tmp_path)).convert("1")

    def solid_rows(image: Image.Image) -> int:
        left, right = int(5 * DOTS_PER_MM), int(75 * DOTS_PER_MM)
        return sum(
            all(image.getpixel((x, y)) == 0 for x in range(left, right, 4))
            for y in range(image.height)
        )

    assert solid_rows(with_badge) > 3 * DOTS_PER_MM
    assert solid_rows(without) == 0
    assert "PRIORITAS" not in pdf_text(render_slip(ticket(badge=None)), tmp_path)


def test_fonts_are_embedded_truetype(tmp_path: Path) -> None:
    rows = font_rows(render_slip(TICKET), tmp_path)
    assert len(rows) == 2
    assert all(" TrueType " in row and " yes yes " in row for row in rows), rows
    assert not any("Helvetica" in row for row in rows)


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCES = [
    "P-261201-H1ED",
    "P-261231-MWMW",
    *(
        f"P-2612{n % 28 + 1:02d}-{''.join(random.Random(n).choices(CROCKFORD, k=4))}"
        for n in range(30)
    ),
]


@pytest.mark.parametrize("paper", list(Paper))
def test_a_reference_headline_stays_on_one_line(paper: Paper, tmp_path: Path) -> None:
    for reference in REFERENCES:
        extracted = pdf_text(render_slip(ticket(headline=reference), paper), tmp_path)
        assert reference in extracted.split(), (reference, extracted)


def _inked_outside_the_printable_width(pdf: bytes, paper: Paper, folder: Path) -> list[int]:
    with Image.open(rasterise(pdf, folder)) as png:
        image = png.convert("1")
    margin = int((paper - paper.printable_mm) / 2 * DOTS_PER_MM) - 1
    outside = [x for x in range(image.width) if x < margin or x >= image.width - margin]
    return [x for x in outside if any(image.getpixel((x, y)) == 0 for y in range(image.height))]


@pytest.mark.parametrize("paper", list(Paper))
def test_hostile_text_stays_inside_the_printable_width(paper: Paper, tmp_path: Path) -> None:
    assert _inked_outside_the_printable_width(render_slip(HOSTILE, paper), paper, tmp_path) == []
    with Image.open(tmp_path / "slip.png") as png:
        assert png.height < 400 * DOTS_PER_MM
    assert decode_qr(tmp_path / "slip.png") == [URL]


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("country", ["Jepang", "Jerman", "Japan", "Germany", "Jordania"])
def test_a_large_j_inks_inside_the_printable_width(
    country: str, paper: Paper, tmp_path: Path
) -> None:
    pdf = render_slip(ticket(headline=country), paper)
    assert _inked_outside_the_printable_width(pdf, paper, tmp_path) == []
    assert country in pdf_text(pdf, tmp_path).split()


@pytest.mark.parametrize("paper", list(Paper))
def test_a_long_footer_is_printed_to_its_end(paper: Paper, tmp_path: Path) -> None:
    footer = (
        "Hotline KP2MI: 0800-1000 (gratis, 24 jam) · Dari luar negeri: +62 21 29244800"
        " · WhatsApp: 0811-8080-141"
    )
    extracted = " ".join(pdf_text(render_slip(ticket(footer=footer), paper), tmp_path).split())
    assert footer in extracted


def test_missing_glyphs_are_replaced_and_markup_is_literal(tmp_path: Path) -> None:
    slip = ticket(site="<b>Jakarta</b> 漢字 ḍ", notes=("\u202eabc\u202c\x07ok",))
    extracted = pdf_text(render_slip(slip), tmp_path)
    assert "<b>Jakarta</b> ?? d" in extracted
    assert "abcok" in extracted


@pytest.mark.parametrize(("paper", "dots"), [(Paper.MM80, 7), (Paper.MM58, 7)])
def test_qr_modules_are_whole_dots_with_a_quiet_zone(paper: Paper, dots: int) -> None:
    symbol = qr.make_symbol(URL, 40 * mm, paper.printable_mm * mm)
    assert symbol.module_dots == dots
    assert symbol.side <= paper.printable_mm * mm
    sides = (row[:4] + row[-4:] for row in symbol.matrix)
    border = [*symbol.matrix[:4], *symbol.matrix[-4:], *sides]
    assert not any(any(row) for row in border)
    assert any(symbol.matrix[4])


def test_a_url_too_long_for_a_qr_code_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="too many for a QR code"):
        render_slip(ticket(qr_url="https://x.id/" + "a" * 3000))


slips = st.builds(
    Slip,
    agency=st.text(),
    site=st.text(),
    headline_label=st.text(),
    headline=st.text(),
    badge=st.none() | st.text(),
    rows=st.lists(st.tuples(st.text(), st.text()), max_size=4).map(tuple),
    qr_url=st.text(max_size=200),
    reference=st.text(),
    notes=st.lists(st.text(), max_size=3).map(tuple),
    footer=st.text(),
)


@settings(max_examples=60, deadline=None, database=None)
@given(slip=slips, paper=st.sampled_from(Paper))
def test_any_text_renders_to_a_pdf(slip: Slip, paper: Paper) -> None:
    pdf = render_slip(slip, paper)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")


@settings(max_examples=200, deadline=None, database=None)
@given(
    value=st.text(),
    size=st.floats(min_value=6, max_value=64),
    max_lines=st.integers(min_value=1, max_value=5),
)
def test_wrapped_lines_fit_the_width(value: str, size: float, max_lines: int) -> None:
    face = fonts.bold()
    width = 48 * mm
    lines = text.wrap(value, face, size, width, max_lines)
    assert len(lines) <= max_lines
    assert all(face.width(line, size) <= width for line in lines)
    assert all(ord(char) in face.covered for line in lines for char in line)
