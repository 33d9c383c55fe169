"""The board's running text: one line scrolling right to left, driven by a timer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.widgets import named_label

STEP_PX = 3
MARGIN_PX = 16
TICK_MS = 30


class Marquee(QWidget):
    """A band whose text enters at the right edge and leaves at the left, again and again."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Marquee")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.label = named_label("MarqueeText")
        self.label.setParent(self)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._step)

    def set_text(self, text: str) -> None:
        """Show ``text``, starting from the right edge."""
        self.label.setText(text)
        self.label.adjustSize()
        self.updateGeometry()
        self.label.move(self.width(), (self.height() - self.label.height()) // 2)
        self._timer.start()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """As high as the line with a margin; any width (the line scrolls through it)."""
        return QSize(0, self.label.sizeHint().height() + MARGIN_PX)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """The same as the size hint: the line is never cut."""
        return self.sizeHint()

    def event(self, event: QEvent) -> bool:
        """Fit the line again when its type changes (the board turning compact)."""
        if event.type() == QEvent.Type.LayoutRequest:
            self.label.adjustSize()
            self.updateGeometry()
        return super().event(event)

    def stop(self) -> None:
        """Stop scrolling."""
        self._timer.stop()

    @Slot()
    def _step(self) -> None:
        x = self.label.x() - STEP_PX
        if x + self.label.width() < 0:
            x = self.width()
        self.label.move(x, (self.height() - self.label.height()) // 2)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Keep the line vertically centred."""
        super().resizeEvent(event)
        self.label.move(self.label.x(), (self.height() - self.label.height()) // 2)
