"""QR codes drawn as one vector path, with modules a whole number of printer dots."""

from dataclasses import dataclass
from typing import Any

import qrcode
from qrcode.constants import ERROR_CORRECT_M

PRINTER_DPI = 203
"""TM-T20-class thermal heads print 203 dots per inch (8 dots/mm)."""
DOT: float = 72 / PRINTER_DPI  # PDF points: 72 to the inch
"""One printer dot in points."""
QUIET_ZONE = 4
"""Blank modules around the symbol, as ISO/IEC 18004 requires."""
MAX_MODULE_DOTS = 8
MIN_MODULE_DOTS = 4
"""Four dots (0.5 mm) is the smallest module phones read reliably off thermal paper."""


@dataclass(frozen=True)
class QrSymbol:
    """A QR symbol laid out for the printer.

    Attributes:
        matrix: dark (True) and light modules, quiet zone included.
        module_dots: the side of one module in printer dots.
    """

    matrix: tuple[tuple[bool, ...], ...]
    module_dots: int

    @property
    def side(self) -> float:
        """Side of the symbol with its quiet zone, in points."""
        return len(self.matrix) * self.module_dots * DOT


def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of `data` as a QR code with error correction M, quiet zone included.

    Raises:
        ValueError: `data` is too long for any QR version.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(data)
    try:
        code.make(fit=True)
    except (qrcode.exceptions.DataOverflowError, ValueError) as error:
        raise ValueError(f"{len(data)} characters are too many for a QR code") from error
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def make_symbol(data: str, max_side: float, fallback_side: float) -> QrSymbol:
    """Encode `data` with error correction M and choose the module size.

    Args:
        data: the text to encode (a URL).
        max_side: the largest side wanted for the symbol, quiet zone included.
        fallback_side: the side it may grow to when `max_side` would force
            modules smaller than `MIN_MODULE_DOTS`.

    Raises:
        ValueError: `data` is too long for any QR version.
    """
    matrix = qr_matrix(data)
    modules = len(matrix)
    dots = min(MAX_MODULE_DOTS, int(max_side / DOT) // modules)
    if dots < MIN_MODULE_DOTS:
        dots = max(1, min(MIN_MODULE_DOTS, int(fallback_side / DOT) // modules))
    return QrSymbol(matrix=matrix, module_dots=dots)


def draw_symbol(canvas: Any, symbol: QrSymbol, left: float, top: float) -> None:
    """Fill the dark modules of `symbol` as one path, top-left corner at (`left`, `top`).

    Runs of dark modules in a row become one rectangle, so adjacent modules
    leave no hairline seams when rasterised.
    """
    module = symbol.module_dots * DOT
    path = canvas.beginPath()
    for row_index, row in enumerate(symbol.matrix):
        y = top - (row_index + 1) * module
        start: int | None = None
        for column, dark in enumerate((*row, False)):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                path.rect(left + start * module, y, (column - start) * module, module)
                start = None
    canvas.drawPath(path, stroke=0, fill=1)
