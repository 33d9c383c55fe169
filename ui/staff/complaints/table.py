"""The day's complaints as a table model for the staff console (masked contact only)."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from kiosk.complaints.categories import label
from kiosk.complaints.views import ComplaintSummary
from kiosk.i18n import DEFAULT_LANGUAGE, translate

COLUMNS = ("time", "reference", "status", "urgent", "categories", "reporter")
"""The list's columns; the reporter's cell holds the masked name, and the masked phone below."""
_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


class ComplaintTableModel(QAbstractTableModel):
    """The day's complaints as table rows: time, number, status, urgency, problem, contact."""

    def __init__(
        self, zone: ZoneInfo, language: str = DEFAULT_LANGUAGE, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._zone = zone
        self._language = language
        self._rows: list[ComplaintSummary] = []

    def set_complaints(self, complaints: Sequence[ComplaintSummary]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self._rows = list(complaints)
        self.endResetModel()

    def set_language(self, language: str) -> None:
        """Show the headers and values in a language."""
        self._language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def complaint(self, row: int) -> ComplaintSummary:
        """The complaint of a row."""
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 (Qt override)
        """The number of complaints (a table has no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 (Qt override)
        """The number of columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """A cell's text (also its tooltip, for a cell cut short); ``UserRole`` gives the row's
        reference."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row.reference
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self._cell(row, COLUMNS[index.column()])

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles in the language."""
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        return translate(f"complaintui.staff_{COLUMNS[section]}", self._language)

    def _cell(self, row: ComplaintSummary, column: str) -> str:
        language = self._language
        if column == "time":
            return f"{row.created_at.astimezone(self._zone):%H:%M}"
        if column == "status":
            return label(row.status, language)
        if column == "urgent":
            return translate("complaintui.staff_urgent_yes", language) if row.urgent else ""
        if column == "categories":
            return ", ".join(label(category, language) for category in row.categories)
        if column == "reporter" and not row.readable:
            return translate("hallkey.row_unreadable", language)
        if column == "reporter":
            return f"{row.reporter_name_masked}\n{row.reporter_phone_masked}"
        return row.reference
