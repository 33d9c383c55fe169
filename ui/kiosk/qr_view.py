"""A QR code drawn on screen from the same matrix the slip prints, for a phone photo."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from printing.qr import qr_matrix


class QrView(QWidget):
    """Shows one URL as a square QR code, black on white, scaled to whole pixels."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("QrView")
        self._data = ""
        self._matrix: tuple[tuple[bool, ...], ...] = ()
        self.setMinimumSize(QSize(240, 240))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_data(self, data: str) -> None:
        """Encode and show ``data`` (a URL)."""
        self._data = data
        self._matrix = qr_matrix(data) if data else ()
        self.setAccessibleDescription(data)
        self.update()

    def data(self) -> str:
        """The text the code encodes."""
        return self._data

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """A square of 300 px."""
        return QSize(300, 300)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """White square, dark modules as whole-pixel squares, centred."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if not self._matrix:
            return
        count = len(self._matrix)
        module = max(1, min(self.width(), self.height()) // count)
        left = (self.width() - module * count) / 2
        top = (self.height() - module * count) / 2
        for y, row in enumerate(self._matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        QRectF(left + x * module, top + y * module, module, module),
                        Qt.GlobalColor.black,
                    )
