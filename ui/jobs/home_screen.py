"""Jobs info home: destination countries as tiles, the search field, filter chips, Cek P3MI."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import DEFAULT_LANGUAGE, translate
from kiosk.jobs.search import CountryCount
from kiosk.jobs.wording import country_name, grouped
from ui.jobs.country_tile import ALL, CountryTile
from ui.jobs.filters import FilterBar
from ui.widgets import BigButton, named_label

COLUMNS = 5


def search_field() -> QLineEdit:
    """The large search field of the jobs screens (the on-screen keyboard types into it)."""
    field = QLineEdit()
    field.setObjectName("JobSearch")
    return field


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
        self._title = named_label("Title")
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
        holder = QWidget()
        holder.setObjectName("Screen")
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(20)
        column.addWidget(self.filters.options)
        column.addLayout(self._grid)
        column.addStretch(1)
        self._scroll = QScrollArea()
        self._scroll.setObjectName("JobsScroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setWidget(holder)
        QScroller.grabGesture(
            self._scroll.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        for chip in self.filters.chips.values():
            chip.clicked.connect(lambda: self._scroll.verticalScrollBar().setValue(0))
        self.back = BigButton(role="secondary")
        self.back.clicked.connect(self.home_requested)
        top = QHBoxLayout()
        top.setSpacing(20)
        top.addWidget(self.search, 1)
        top.addWidget(self.check_p3mi)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(14)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)

    def show_counts(self, counts: tuple[CountryCount, ...]) -> None:
        """One tile per country with open vacancies (most first), after "all countries"."""
        self._counts = counts
        for tile in self.tiles.values():
            tile.hide()
            tile.deleteLater()
        self.tiles = {}
        for index, key in enumerate([ALL, *(count.country for count in counts)]):
            tile = CountryTile(key)
            tile.clicked.connect(self._on_tile)
            self.tiles[key] = tile
            self._grid.addWidget(tile, index // COLUMNS, index % COLUMNS)
        self._label_tiles()

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
                name, translate("jobsui.vacancies", language, count=grouped(number, language))
            )

    @Slot()
    def _on_tile(self) -> None:
        tile = self.sender()
        assert isinstance(tile, CountryTile)
        self.country_chosen.emit(tile.country)
