"""Search results as a Qt list model, fetched a page at a time as the visitor scrolls."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from kiosk.i18n import DEFAULT_LANGUAGE, translate
from kiosk.jobs.postings import PostingSummary
from kiosk.jobs.search import PAGE_SIZE, SearchPage
from kiosk.jobs.wording import date_text, grouped, place_text, rupiah_text, salary_text

Index = QModelIndex | QPersistentModelIndex
_USER = int(Qt.ItemDataRole.UserRole)


class Role(enum.IntEnum):
    """What the delegate asks a row for, beyond its position (the display text)."""

    POSTING_ID = _USER + 1
    PLACE = _USER + 2
    SALARY = _USER + 3
    CLOSES = _USER + 4
    BADGE = _USER + 5


class PostingListModel(QAbstractListModel):
    """Rows of one search, soonest closing first; more pages come on ``fetchMore``.

    The owner runs the queries: ``show_page`` starts a new search's rows, ``more_wanted``
    asks for the page at an offset and ``add_page`` appends it.

    Signals:
        more_wanted: the view scrolled to the end of the fetched rows (the next offset).
    """

    more_wanted = Signal(int)

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[PostingSummary] = []
        self._language = DEFAULT_LANGUAGE
        self.total = 0
        self.capped = False
        self._exhausted = True
        self._pending = False

    def show_page(self, page: SearchPage) -> None:
        """Replace the rows with the first page of a new search."""
        self.beginResetModel()
        self._rows = list(page.postings)
        self.total, self.capped = page.total, page.capped
        self._exhausted = len(page.postings) < PAGE_SIZE
        self._pending = False
        self.endResetModel()

    def add_page(self, page: SearchPage) -> None:
        """Append the page asked for by ``more_wanted``."""
        self._pending = False
        self._exhausted = len(page.postings) < PAGE_SIZE
        if not page.postings:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.postings) - 1)
        self._rows.extend(page.postings)
        self.endInsertRows()

    def page_failed(self) -> None:
        """The page asked for could not be read: stop asking for more."""
        self._pending = False
        self._exhausted = True

    def clear(self) -> None:
        """No rows, nothing to fetch."""
        self.show_page(SearchPage(0, False, ()))

    def count_text(self) -> str:
        """How many match, as shown: ``57`` or ``1000+``."""
        number = grouped(self.total, self._language)
        return f"{number}+" if self.capped else number

    def set_language(self, language: str) -> None:
        """Re-word every row in a language."""
        self._language = language
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        """The fetched rows (none under a row: this is a flat list)."""
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A row's position (display), its texts for the delegate, or its posting id."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        posting = self._rows[index.row()]
        language = self._language
        if role == Qt.ItemDataRole.DisplayRole:
            return posting.position
        if role == Role.POSTING_ID:
            return posting.id
        if role == Role.PLACE:
            return place_text(posting.country, posting.city, language)
        if role == Role.SALARY:
            return _salary(posting, language)
        if role == Role.CLOSES:
            return translate(
                "jobs.closes_on", language, date=date_text(posting.closes_on, language)
            )
        if role == Role.BADGE:
            return translate("jobs.zero_cost", language) if posting.zero_cost else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = (Qt.ItemDataRole.DisplayRole, Role.PLACE, Role.SALARY, Role.CLOSES, Role.BADGE)
            return ". ".join(text for part in parts if (text := self.data(index, part)))
        return None

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802 (Qt API)
        """Whether more rows may follow and none are being fetched."""
        return not parent.isValid() and not self._exhausted and not self._pending

    def fetchMore(self, parent: Index) -> None:  # noqa: N802 (Qt API)
        """Ask the owner for the next page (it arrives through ``add_page``)."""
        if self.canFetchMore(parent):
            self._pending = True
            self.more_wanted.emit(len(self._rows))


def _salary(posting: PostingSummary, language: str) -> str:
    amount = salary_text(posting.salary, posting.salary_period, language)
    if posting.salary_idr is None:
        return amount
    rupiah = translate(
        "jobs.rupiah_approx", language, amount=rupiah_text(posting.salary_idr, language)
    )
    return f"{amount} · {rupiah}"
