"""The embedded TrueType faces a slip is set in (Bitstream Vera, shipped with reportlab)."""

import functools
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
        extents: per code point with ink, how far the glyph's ink reaches left and right
            of its origin, per point of size (a "J" reaches left of it: negative).
    """

    name: str
    ascent: float
    descent: float
    covered: frozenset[int]
    extents: Mapping[int, tuple[float, float]]

    def width(self, text: str, size: float) -> float:
        """Return the advance width of `text` set at `size` points."""
        return float(pdfmetrics.stringWidth(text, self.name, size))

    def ink(self, text: str, size: float) -> tuple[float, float]:
        """Return where the ink of `text` set at `size` starts and ends, from its origin.

        Unlike the advance width this counts glyphs that reach past their box (the hook
        of a large "J"); text with no ink (spaces) gives ``(0.0, 0.0)``.
        """
        lefts: list[float] = []
        rights: list[float] = []
        origin = 0.0
        for char in text:
            extent = self.extents.get(ord(char))
            if extent is not None:
                lefts.append(origin + extent[0] * size)
                rights.append(origin + extent[1] * size)
            origin += self.width(char, size)
        return (min(lefts), max(rights)) if lefts else (0.0, 0.0)


def _register(name: str, file_name: str) -> Face:
    path = _FONT_DIR / file_name
    font = TTFont(name, str(path))
    pdfmetrics.registerFont(font)
    face = font.face
    covered = frozenset(code for code in face.charToGlyph if code < 0xFFFE)
    return Face(
        name=name,
        ascent=face.ascent / 1000,
        descent=-face.descent / 1000,
        covered=covered,
        extents=_extents(face, path.read_bytes(), covered),
    )


def _extents(face: Any, data: bytes, covered: frozenset[int]) -> dict[int, tuple[float, float]]:
    """Read each glyph's xMin and xMax from the font file's ``glyf`` table, per point of size."""
    table = face.get_table_pos("glyf")[0]
    positions: list[int] = face.glyphPos
    extents: dict[int, tuple[float, float]] = {}
    for code in covered:
        glyph = face.charToGlyph[code]
        start, end = positions[glyph], positions[glyph + 1]
        if end - start < 10:
            continue  # no outline: a space
        x_min, x_max = struct.unpack_from(">h2xh", data, table + start + 2)
        extents[code] = (x_min / face.unitsPerEm, x_max / face.unitsPerEm)
    return extents


@functools.cache
def regular() -> Face:
    """Return the regular face, registering it on first use."""
    return _register("SlipSans", "Vera.ttf")


@functools.cache
def bold() -> Face:
    """Return the bold face, registering it on first use."""
    return _register("SlipSans-Bold", "VeraBd.ttf")
