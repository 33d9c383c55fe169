"""The information corner's menu: a big picture tile per page, and the talks schedule."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.i18n import translate
from kiosk.info import PAGES
from ui.widgets import BigButton, Tile, named_label

SESSIONS: Final = "sessions"
TOPICS: Final = (*PAGES, SESSIONS)
"""The menu's tiles: each page of the corner, then the schedule."""


class InfoMenuScreen(QWidget):
    """Six tiles with an icon and two or three words each, and Back home.

    Signals:
        topic_chosen: a tile was touched (a page key of ``kiosk.info.PAGES`` or "sessions").
        home_requested: back to the home screen.
    """

    topic_chosen = Signal(str)
    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self.language = ""
        self._title = named_label("Title")
        self._subtitle = named_label("Subtitle")
        self.tiles = {key: Tile(key) for key in TOPICS}
        grid = QGridLayout()
        grid.setSpacing(24)
        for index, tile in enumerate(self.tiles.values()):
            tile.setObjectName("InfoTile")
            grid.addWidget(tile, index // 3, index % 3)
            tile.clicked.connect(self._on_tile)
        self.back = BigButton(role="secondary")
        self.back.clicked.connect(self.home_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 28, 48, 24)
        layout.setSpacing(12)
        layout.addWidget(self._title)
        layout.addWidget(self._subtitle)
        layout.addSpacing(8)
        layout.addLayout(grid, 1)
        layout.addSpacing(8)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self.language = language
        self._title.setText(translate("info.title", language))
        self._subtitle.setText(translate("info.choose", language))
        for key, tile in self.tiles.items():
            tile.set_texts(translate(f"info.page_{key}", language), "")
        self.back.set_label(translate("home.back_home", language))

    @Slot()
    def _on_tile(self) -> None:
        tile = self.sender()
        assert isinstance(tile, Tile)
        self.topic_chosen.emit(tile.key)
