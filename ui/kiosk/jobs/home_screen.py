"""Jobs info home: destination countries as tiles, the search field, filter chips, Cek P3MI.

All but the bottom buttons scroll, so a small or large-text screen still shows the tiles.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import DEFAULT_LANGUAGE, translate, translate_count
from kiosk.jobs.search import CountryCount
from kiosk.jobs.wording import grouped
from kiosk.vocab import country_name
from ui.kiosk.jobs.country_tile import ALL, CountryTile
from ui.kiosk.jobs.filters import FilterBar
from ui.widgets import BigButton, named_label

COLUMNS = 5
"""The most tile columns, on a wide screen; fewer when the tiles would not fit."""


def search_field() -> QLineEdit:
    """The large search field of the jobs screens (the on-screen keyboard types into it)."""
    field = QLineEdit()
    field.setObjectName("JobSearch")
    return field


def scroll_area() -> QScrollArea:
    """A frameless area of the jobs screens that a finger scrolls up and down (kinetic).

    Its content takes the area's width (long texts wrap) and scrolls only vertically.
    """
    area = QScrollArea()
    area.setObjectName("JobsScroll")
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return area


class JobsHomeScreen(QWidget):
    """Where jobs info starts: pick a country, type what you look for, or check a company.

    Signals:
        country_chosen: a country tile was touched (its code, ``""`` for all countries).
        text_edited: the visitor typed in the search field (the whole text).
        p3mi_requested: the visitor wants to check a placement company.
        home_requested: the visitor leaves jobs info.
    """

    country_chosen = Signal(str)
    text_edited = Signal(str)
    p3mi_requested = Signal()
    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self.language = DEFAULT_LANGUAGE
        self._counts: tuple[CountryCount, ...] = ()
        self._columns = 0
        self._title = named_label("Title")
        self._title.setWordWrap(True)
        self._hint = named_label("Subtitle")
        self._hint.setWordWrap(True)
        self.search = search_field()
        self.search.textEdited.connect(self.text_edited)
        self.check_p3mi = BigButton(role="secondary")
        self.check_p3mi.clicked.connect(self.p3mi_requested)
        self.filters = FilterBar()
        self.tiles: dict[str, CountryTile] = {}
        self._grid = QGridLayout()
        self._grid.setSpacing(20)
        self._holder = QWidget()
        self._holder.setObjectName("Screen")
        self._holder.installEventFilter(self)
        column = QVBoxLayout(self._holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        column.addWidget(self._title)
        column.addWidget(self.search)
        column.addWidget(self.filters)
        column.addWidget(self.filters.options)
        column.addWidget(self._hint)
        column.addLayout(self._grid)
        column.addStretch(1)
        self._scroll = scroll_area()
        self._scroll.setWidget(self._holder)
        self._scroll.installEventFilter(self)
        for chip in self.filters.chips.values():
            chip.clicked.connect(self._show_filters)
        self.back = BigButton(role="secondary")
        self.back.clicked.connect(self.home_requested)
        bottom = QHBoxLayout()
        bottom.setSpacing(20)
        bottom.addWidget(self.back)
        bottom.addStretch(1)
        bottom.addWidget(self.check_p3mi)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 20, 48, 20)
        layout.setSpacing(14)
        layout.addWidget(self._scroll, 1)
        layout.addLayout(bottom)

    def show_counts(self, counts: tuple[CountryCount, ...]) -> None:
        """One tile per country with open vacancies (most first), after "all countries"."""
        self._counts = counts
        for tile in self.tiles.values():
            tile.hide()
            tile.deleteLater()
        self.tiles = {}
        for key in [ALL, *(count.country for count in counts)]:
            tile = CountryTile(key)
            tile.clicked.connect(self._on_tile)
            self.tiles[key] = tile
        self._columns = 0
        self._label_tiles()
        self._place_tiles()

    def clear(self) -> None:
        """Empty the search field and the filters, as for a new visitor."""
        self.search.clear()
        self.filters.reset()

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self.language = language
        self._title.setText(translate("jobsui.title", language))
        self._hint.setText(translate("jobsui.subtitle", language))
        self.search.setPlaceholderText(translate("jobsui.search_placeholder", language))
        self.search.setAccessibleName(translate("jobsui.search_placeholder", language))
        self.check_p3mi.set_label(translate("jobsui.check_p3mi", language))
        self.back.set_label(translate("jobsui.home", language))
        self.filters.retranslate(language)
        self._label_tiles()

    def _label_tiles(self) -> None:
        language = self.language
        total = sum(count.count for count in self._counts)
        for key, tile in self.tiles.items():
            name = country_name(key, language) if key else translate("jobs.all_countries", language)
            number = next((c.count for c in self._counts if c.country == key), total)
            tile.set_texts(
                name,
                translate_count(
                    "jobsui.vacancies", language, number, count=grouped(number, language)
                ),
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Re-count the tile columns when the scroll area resizes or the tiles' text does."""
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._place_tiles()
        return super().eventFilter(watched, event)

    def _place_tiles(self) -> None:
        """As many columns of tiles as the width holds, at most ``COLUMNS``."""
        tiles = list(self.tiles.values())
        if not tiles:
            return
        gap = self._grid.horizontalSpacing()
        room = self._scroll.width() - self._scroll.verticalScrollBar().sizeHint().width()
        need = max(tile.minimumSizeHint().width() for tile in tiles)
        columns = max(1, min(COLUMNS, (room + gap) // (need + gap)))
        if columns == self._columns:
            return
        self._columns = columns
        for tile in tiles:
            self._grid.removeWidget(tile)
        for index, tile in enumerate(tiles):
            self._grid.addWidget(tile, index // columns, index % columns)

    @Slot()
    def _show_filters(self) -> None:
        """Scroll the chips to the top, their choices under them."""
        self._scroll.verticalScrollBar().setValue(self.filters.y())

    @Slot()
    def _on_tile(self) -> None:
        tile = self.sender()
        assert isinstance(tile, CountryTile)
        self.country_chosen.emit(tile.country)
