"""Read-only table models over lists of frozen views, and the table view that shows them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from kiosk.i18n import translate

Index = QModelIndex | QPersistentModelIndex
ServiceNames = Mapping[str, Mapping[str, str]]
_NO_INDEX: Final = QModelIndex()
_DISPLAY: Final = Qt.ItemDataRole.DisplayRole


class TextTable(QAbstractTableModel):
    """A read-only table of translated texts; subclasses say the rows and each cell's text.

    Column titles are the catalog's ``{DOMAIN}.col_{column}`` messages.

    Args:
        service_names: each service's name in each language, by code.
    """

    DOMAIN = ""
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, service_names: ServiceNames, parent: QObject | None = None):
        super().__init__(parent)
        self.language = "id"
        self._names = service_names

    def rowCount(self, parent: Index = _NO_INDEX) -> int:  # noqa: N802 (Qt override)
        """Rows at the top level; none under a row."""
        return 0 if parent.isValid() else self._rows()

    def columnCount(self, parent: Index = _NO_INDEX) -> int:  # noqa: N802 (Qt override)
        """The columns at the top level; none under a row."""
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY
    ) -> Any:
        """Translated column titles; rows have none."""
        horizontal = orientation == Qt.Orientation.Horizontal and role == _DISPLAY
        if horizontal and 0 <= section < len(self.COLUMNS):
            return translate(f"{self.DOMAIN}.col_{self.COLUMNS[section]}", self.language)
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        """The text of a cell (also what a screen reader says)."""
        if not index.isValid() or role not in (_DISPLAY, Qt.ItemDataRole.AccessibleTextRole):
            return None
        return self._cell(index.row(), self.COLUMNS[index.column()])

    def set_language(self, language: str) -> None:
        """Re-label the titles and cells."""
        self.language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows():
            last = self.index(self._rows() - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def service_name(self, code: str) -> str:
        """A service's name in the table's language."""
        names = self._names[code]
        return names.get(self.language) or names["id"]

    def _rows(self) -> int:
        raise NotImplementedError

    def _cell(self, row: int, column: str) -> str:
        raise NotImplementedError


def table_view(name: str, model: TextTable, stretch: int | None = None) -> QTableView:
    """A read-only table of ``model`` without a grid, styled by the theme as ``name``.

    Args:
        stretch: the column that takes the spare width, the others fitting their text;
            None shares the width between all columns.
    """
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if stretch is None:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    else:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.setShowGrid(False)
    view.setWordWrap(False)
    return view
