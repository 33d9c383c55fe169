"""The frame of every page of the information corner: a picture, a heading, cards, Back."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from ui.kiosk.jobs.home_screen import scroll_area
from ui.widgets import BigButton, icon, named_label, repolish


class HeadedScreen(QWidget):
    """A coloured picture beside the title and one line; cards a finger scrolls; Back.

    Signals:
        back_requested: back to the corner's menu.
    """

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self._picture = named_label("InfoPicture")
        self._title = named_label("Title")
        self._title.setWordWrap(True)
        self._lead = named_label("Subtitle")
        self._lead.setWordWrap(True)
        self._scroll = scroll_area()
        self.back = BigButton(role="secondary")
        self.back.clicked.connect(self.back_requested)
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(self._title)
        heading.addWidget(self._lead)
        top = QHBoxLayout()
        top.setSpacing(24)
        top.addWidget(self._picture, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)

    def set_picture(self, key: str) -> None:
        """The icon of a topic on its colour (``tone`` in the theme)."""
        self._picture.setPixmap(icon(key).pixmap(QSize(96, 96)))
        self._picture.setProperty("tone", key)
        repolish(self._picture)

    def fresh_grid(self) -> QGridLayout:
        """A new, empty grid of cards to fill (the old cards are deleted at once)."""
        content = QWidget()
        content.setObjectName("InfoCards")
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(20)
        self._scroll.setWidget(content)
        return grid

    def to_top(self) -> None:
        """Scroll the cards back to the first."""
        self._scroll.verticalScrollBar().setValue(0)
