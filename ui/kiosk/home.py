"""The kiosk's home screen: welcome, the four large service tiles, the information corner."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import translate
from ui.widgets import Tile, named_label

TILES = ("queue", "jobs", "complaint", "status")


class HomeScreen(QWidget):
    """Welcome text and the tiles: queue number, jobs info, complaint, check status, and
    a band across under them to the information corner ("info").

    Signals:
        tile_chosen: a tile was touched (its key, one of ``TILES`` or "info").
    """

    tile_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self._title = named_label("Title")
        self._subtitle = named_label("Subtitle")
        self.tiles = {key: Tile(key) for key in TILES}
        self.tiles["info"] = Tile("info", wide=True)
        self.tiles["info"].setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        grid = QGridLayout()
        grid.setSpacing(20)
        for index, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, index // 2, index % 2, 1, 2 if tile.key == "info" else 1)
            tile.clicked.connect(self._on_tile)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(12)
        layout.addWidget(self._title)
        layout.addWidget(self._subtitle)
        layout.addSpacing(8)
        layout.addLayout(grid, 1)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._title.setText(translate("home.welcome", language))
        self._subtitle.setText(translate("home.choose", language))
        for key, tile in self.tiles.items():
            domain = "info.tile" if key == "info" else f"home.{key}"
            tile.set_texts(
                translate(f"{domain}_title", language), translate(f"{domain}_hint", language)
            )

    @Slot()
    def _on_tile(self) -> None:
        tile = self.sender()
        assert isinstance(tile, Tile)
        self.tile_chosen.emit(tile.key)
