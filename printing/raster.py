"""PDF pages as 1-bit images at the thermal head's resolution, for printers fed raster dots."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from printing import lpstat, qr
from printing.model import Paper
from printing.printer import PrintError, PrintFault

DOTS_PER_MM = 8
"""A 203 dpi head: 576 dots across the 72 mm printed on 80 mm paper, 384 across 48 mm."""
_TIMEOUT_S = 20.0


def head_dots(paper: Paper) -> int:
    """How many dots the print head has across `paper`'s printable width."""
    return paper.printable_mm * DOTS_PER_MM


def rasterise(pdf: bytes, paper: Paper) -> list[Image.Image]:
    """Every page of `pdf` as a 1-bit image exactly as wide as the print head.

    A page as wide as the roll (a slip) is drawn at ``qr.PRINTER_DPI``, the grid its QR
    modules were laid on, so every module is a whole number of dots; the printable column
    is cut out of the middle. Any other page (an A4 report) is scaled to the head's width.

    Raises:
        PrintError: poppler's pdftoppm is missing (NOT_INSTALLED) or cannot read the PDF
            (REJECTED).
    """
    tool = shutil.which("pdftoppm")
    if tool is None:
        reason = "the 'pdftoppm' command is not installed (Debian package poppler-utils)"
        raise PrintError(PrintFault.NOT_INSTALLED, reason)
    dots = head_dots(paper)
    size = lpstat.media_size_mm(pdf)
    on_the_roll = size is not None and size[0] == int(paper)
    scale = ["-r", str(qr.PRINTER_DPI)] if on_the_roll else ["-scale-to-x", str(dots)]
    with tempfile.TemporaryDirectory(prefix="mpp-raster-") as folder:
        source = Path(folder) / "job.pdf"
        source.write_bytes(pdf)
        argv = [tool, *scale, "-scale-to-y", "-1", "-gray", str(source), f"{folder}/page"]
        try:
            done = subprocess.run(argv, capture_output=True, timeout=_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as error:
            reason = f"pdftoppm did not draw the slip within {_TIMEOUT_S:g} s"
            raise PrintError(PrintFault.TIMEOUT, reason) from error
        pages = sorted(Path(folder).glob("page*.pgm"))
        if done.returncode != 0 or not pages:
            message = done.stderr.decode(errors="replace").strip().splitlines()
            reason = f"the slip cannot be drawn: {message[-1] if message else 'not a PDF'}"
            raise PrintError(PrintFault.REJECTED, reason)
        return [_fit(_threshold(Image.open(page)), dots) for page in pages]


def _threshold(page: Image.Image) -> Image.Image:
    """A dot wherever ink covers at least half of it: a module's edges stay on its dots.

    (pdftoppm's own 1-bit output darkens every dot an edge touches, so a 7-dot module
    came out 8 dots dark and its light neighbour 6.)
    """
    return page.convert("L").point(lambda value: 255 if value >= 128 else 0, mode="1")


def _fit(page: Image.Image, dots: int) -> Image.Image:
    """The middle `dots` columns of `page` (pages are drawn at least that wide)."""
    if page.width == dots:
        return page
    left = (page.width - dots) // 2
    return page.crop((left, 0, left + dots, page.height))
