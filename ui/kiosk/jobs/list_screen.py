"""The vacancy list: the search field, how many match, and the finger-scrolled results."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QStackedLayout, QVBoxLayout, QWidget

from kiosk.i18n import DEFAULT_LANGUAGE, translate, translate_count
from kiosk.jobs.search import SearchPage
from kiosk.vocab import country_name
from ui.kiosk.jobs.home_screen import search_field
from ui.kiosk.jobs.list_model import PostingListModel, Role
from ui.kiosk.jobs.list_view import JobListView
from ui.widgets import BigButton, named_label


class JobListScreen(QWidget):
    """Vacancies of one country (or all) matching what the visitor typed and chose.

    Signals:
        text_edited: the visitor typed in the search field (the whole text).
        posting_chosen: a vacancy was touched (its posting id).
        back_requested: the visitor wants the countries again.
    """

    text_edited = Signal(str)
    posting_chosen = Signal(int)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self.language = DEFAULT_LANGUAGE
        self._country: str | None = None
        self._message_key: str | None = None
        self._loading = False
        self._title = named_label("Title")
        self.found = named_label("Subtitle")
        self.search = search_field()
        self.search.textEdited.connect(self.text_edited)
        self.model = PostingListModel(self)
        self.view = JobListView()
        self.view.setModel(self.model)
        self.view.clicked.connect(self._on_row)
        self.empty = named_label("JobsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.view)
        self._stack.addWidget(self.empty)
        self._hint = named_label("Subtitle")
        self._hint.setWordWrap(True)
        self.back = BigButton(role="secondary")
        self.back.clicked.connect(self.back_requested)
        heading = QHBoxLayout()
        heading.addWidget(self._title, 1)
        heading.addWidget(self.found)
        bottom = QHBoxLayout()
        bottom.setSpacing(24)
        bottom.addWidget(self.back)
        bottom.addWidget(self._hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(14)
        layout.addLayout(heading)
        layout.addWidget(self.search)
        layout.addLayout(self._stack, 1)
        layout.addLayout(bottom)
        self.model.modelReset.connect(self._show_state)

    def start(self, country: str | None, text: str) -> None:
        """Show the list of a country (``None``: all) for a search text, while it loads."""
        self._country = country
        self._message_key = None
        self._loading = True
        self.search.setText(text)
        self.model.clear()
        self.retranslate(self.language)

    def show_page(self, page: SearchPage) -> None:
        """Show the first page of the results."""
        self._loading = False
        self.model.show_page(page)

    def focus_search(self) -> None:
        """Put the cursor at the end of the search field (the keyboard comes up)."""
        self.search.setFocus()
        self.search.end(False)

    def show_message(self, key: str) -> None:
        """Show a message in place of the rows (a ``jobsui.*`` key)."""
        self._message_key = key
        self._loading = False
        self.model.clear()

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self.language = language
        country = self._country
        title = country_name(country, language) if country else None
        self._title.setText(title or translate("jobs.all_countries", language))
        self.search.setPlaceholderText(translate("jobsui.search_placeholder", language))
        self.search.setAccessibleName(translate("jobsui.search_placeholder", language))
        self._hint.setText(translate("jobsui.list_hint", language))
        self.back.set_label(translate("jobsui.back", language))
        self.model.set_language(language)
        self._show_state()

    @Slot()
    def _show_state(self) -> None:
        language = self.language
        if self._message_key is not None:
            self.empty.setText(translate(self._message_key, language))
            self._stack.setCurrentWidget(self.empty)
            self.found.clear()
            return
        if self._loading:
            self.found.clear()
            self._stack.setCurrentWidget(self.view)
            return
        self.empty.setText(translate("jobs.no_results", language))
        count = self.model.count_text()
        found = translate_count("jobsui.found", language, self.model.total, count=count)
        self.found.setText(found)
        empty = self.model.rowCount() == 0
        self._stack.setCurrentWidget(self.empty if empty else self.view)

    @Slot(QModelIndex)
    def _on_row(self, index: QModelIndex) -> None:
        self.posting_chosen.emit(int(index.data(Role.POSTING_ID)))
