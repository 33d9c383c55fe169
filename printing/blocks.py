"""Stacked layout blocks a slip is built from: text, rules, an inverted band, rows and a QR."""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from printing import qr
from printing.fonts import Face
from printing.text import clean, wrap

Align = Literal["left", "centre", "right", "ink-centre"]
"""``ink-centre`` centres what the glyphs ink rather than their boxes (large type)."""
LEADING = 1.22
"""Line pitch as a multiple of the type size."""


@dataclass(frozen=True)
class Frame:
    """The printable column of the page, in points from the page's left edge."""

    left: float
    width: float
    page_width: float

    @property
    def right(self) -> float:
        """The right edge of the printable column."""
        return self.left + self.width

    @property
    def centre(self) -> float:
        """The horizontal centre of the printable column."""
        return self.left + self.width / 2


@dataclass(frozen=True)
class Block:
    """A horizontal strip of the slip.

    Attributes:
        height: how much of the page length the strip takes, in points.
        draw: draws the strip given the canvas and the strip's distance from
            the top of the page; the canvas origin is the page's top-left
            corner, so the strip's top edge is at ``y = -offset``.
    """

    height: float
    draw: Callable[[Any, float], None]


def space(height: float) -> Block:
    """Return blank paper `height` points long."""
    return Block(height, lambda canvas, offset: None)


def _draw_lines(
    canvas: Any,
    lines: Sequence[str],
    face: Face,
    size: float,
    align: Align,
    frame: Frame,
    top: float,
    pitch: float,
) -> None:
    canvas.setFont(face.name, size)
    inset = (pitch - (face.ascent + face.descent) * size) / 2
    for index, line in enumerate(lines):
        baseline = -(top + index * pitch + inset + face.ascent * size)
        if align == "left":
            canvas.drawString(frame.left, baseline, line)
        elif align == "right":
            canvas.drawRightString(frame.right, baseline, line)
        elif align == "ink-centre":
            left, right = face.ink(line, size)
            canvas.drawString(frame.centre - (left + right) / 2, baseline, line)
        else:
            canvas.drawCentredString(frame.centre, baseline, line)


def text(
    value: str, face: Face, size: float, frame: Frame, *, align: Align, max_lines: int
) -> Block:
    """Return `value` wrapped to the frame; an empty block when nothing drawable is left."""
    lines = wrap(value, face, size, frame.width, max_lines)
    pitch = size * LEADING

    def draw(canvas: Any, offset: float) -> None:
        _draw_lines(canvas, lines, face, size, align, frame, offset, pitch)

    return Block(len(lines) * pitch, draw)


def headline(value: str, face: Face, sizes: tuple[float, float], frame: Frame) -> Block:
    """Return `value` centred in the largest size up to ``sizes[1]`` whose ink fits one line.

    The ink, not the advance width, is fitted and centred: the hook of a large "J" reaches
    left of its box. Text that does not fit at ``sizes[0]`` is wrapped at that size (two
    lines at most).
    """
    smallest, largest = sizes
    left, right = face.ink(clean(value, face), 1.0)
    natural = max(right, face.width(value, 1.0)) - min(left, 0.0)
    fitting = frame.width / natural * 0.995 if natural else largest
    size = max(smallest, min(largest, fitting))
    lines = wrap(value, face, size, frame.width, max_lines=2)
    pitch = size * 1.08

    def draw(canvas: Any, offset: float) -> None:
        _draw_lines(canvas, lines, face, size, "ink-centre", frame, offset, pitch)

    return Block(len(lines) * pitch, draw)


def band(value: str, face: Face, size: float, frame: Frame) -> Block:
    """Return `value` in white on a black band across the frame (an inverted badge)."""
    padding = size * 0.45
    inner = Frame(frame.left + padding, frame.width - 2 * padding, frame.page_width)
    lines = wrap(value, face, size, inner.width, max_lines=2)
    if not lines:
        return space(0)
    pitch = size * LEADING
    height = len(lines) * pitch + 2 * padding

    def draw(canvas: Any, offset: float) -> None:
        canvas.rect(frame.left, -(offset + height), frame.width, height, stroke=0, fill=1)
        canvas.setFillGray(1)
        _draw_lines(canvas, lines, face, size, "centre", inner, offset + padding, pitch)
        canvas.setFillGray(0)

    return Block(height, draw)


def row(label: str, value: str, faces: tuple[Face, Face], size: float, frame: Frame) -> Block:
    """Return a label (left, regular) and its value (right, bold) on one line when they fit.

    Otherwise the label is wrapped on its own lines and the value, right-aligned, below it.
    """
    regular, bold = faces
    gap = size
    label_lines = wrap(label, regular, size, frame.width, max_lines=2)
    value_lines = wrap(value, bold, size, frame.width, max_lines=4)
    pitch = size * LEADING
    if len(label_lines) == 1 and len(value_lines) == 1:
        used = regular.width(label_lines[0], size) + gap + bold.width(value_lines[0], size)
        if used <= frame.width:
            value_lines_top = 0.0
            height = pitch
        else:
            value_lines_top = pitch
            height = 2 * pitch
    else:
        value_lines_top = len(label_lines) * pitch
        height = value_lines_top + len(value_lines) * pitch

    def draw(canvas: Any, offset: float) -> None:
        _draw_lines(canvas, label_lines, regular, size, "left", frame, offset, pitch)
        top = offset + value_lines_top
        _draw_lines(canvas, value_lines, bold, size, "right", frame, top, pitch)

    return Block(height, draw)


def rule(frame: Frame, margin: float) -> Block:
    """Return a dashed line across the frame with `margin` points of paper above and below."""

    def draw(canvas: Any, offset: float) -> None:
        canvas.setLineWidth(0.7)
        canvas.setDash(2, 2)
        y = -(offset + margin)
        canvas.line(frame.left, y, frame.right, y)
        canvas.setDash()

    return Block(2 * margin, draw)


def qr_code(symbol: qr.QrSymbol, frame: Frame) -> Block:
    """Return `symbol` centred, its corner on the printer's dot grid from the page's top-left.

    The block is one dot longer than the symbol so the top edge can snap down to the grid.
    """
    dots_across = round((frame.page_width - symbol.side) / 2 / qr.DOT)
    left = dots_across * qr.DOT

    def draw(canvas: Any, offset: float) -> None:
        top = math.ceil(offset / qr.DOT - 1e-6) * qr.DOT
        qr.draw_symbol(canvas, symbol, left, -top)

    return Block(symbol.side + qr.DOT, draw)
