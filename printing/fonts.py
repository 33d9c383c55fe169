"""The embedded TrueType faces a slip is set in (Bitstream Vera, shipped with reportlab)."""

import functools
from dataclasses import dataclass
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_FONT_DIR = Path(reportlab.__file__).parent / "fonts"


@dataclass(frozen=True)
class Face:
    """A registered, embeddable font face.

    Attributes:
        name: the name reportlab knows the face by.
        ascent: height above the baseline per point of size.
        descent: depth below the baseline per point of size (positive).
        covered: the code points the face has glyphs for.
    """

    name: str
    ascent: float
    descent: float
    covered: frozenset[int]

    def width(self, text: str, size: float) -> float:
        """Return the advance width of `text` set at `size` points."""
        return float(pdfmetrics.stringWidth(text, self.name, size))


def _register(name: str, file_name: str) -> Face:
    font = TTFont(name, str(_FONT_DIR / file_name))
    pdfmetrics.registerFont(font)
    face = font.face
    return Face(
        name=name,
        ascent=face.ascent / 1000,
        descent=-face.descent / 1000,
        covered=frozenset(code for code in face.charToGlyph if code < 0xFFFE),
    )


@functools.cache
def regular() -> Face:
    """Return the regular face, registering it on first use."""
    return _register("SlipSans", "Vera.ttf")


@functools.cache
def bold() -> Face:
    """Return the bold face, registering it on first use."""
    return _register("SlipSans-Bold", "VeraBd.ttf")
