"""Shared sample data and poppler/zbar helpers for the printing tests (slips and reports)."""

import re
import subprocess
from pathlib import Path


def rasterise(pdf: bytes, folder: Path) -> Path:
    """Rasterise the first page at thermal-printer resolution, 1 bit deep, and return the PNG."""
    source = folder / "slip.pdf"
    source.write_bytes(pdf)
    argv = ["pdftoppm", "-r", "203", "-mono", "-png", "-singlefile", str(source)]
    subprocess.run([*argv, str(folder / "slip")], check=True)
    return folder / "slip.png"


def decode_qr(png: Path) -> list[str]:
    """Return every QR code zbarimg reads in `png`."""
    done = subprocess.run(
        ["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(png)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 4), done.stderr  # 4: nothing found
    return done.stdout.splitlines()


def pdf_text(pdf: bytes, folder: Path) -> str:
    """Return the text of `pdf` as ``pdftotext -layout`` extracts it."""
    source = folder / "text.pdf"
    source.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def page_size_pt(pdf: bytes, folder: Path) -> tuple[float, float, int]:
    """Return the page width and height in points and the page count, from ``pdfinfo``."""
    source = folder / "info.pdf"
    source.write_bytes(pdf)
    info = subprocess.run(
        ["pdfinfo", str(source)], capture_output=True, text=True, check=True
    ).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    pages = re.search(r"Pages:\s+(\d+)", info)
    assert size is not None, info
    assert pages is not None, info
    return float(size.group(1)), float(size.group(2)), int(pages.group(1))


def font_rows(pdf: bytes, folder: Path) -> list[str]:
    """Return the font lines of ``pdffonts`` (one per font, the two heading lines left out)."""
    source = folder / "fonts.pdf"
    source.write_bytes(pdf)
    listing = subprocess.run(["pdffonts", str(source)], capture_output=True, text=True, check=True)
    return listing.stdout.splitlines()[2:]
