"""One page of the information corner: its title, one line, and short lists with marks."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.i18n import translate
from kiosk.info import InfoCorner, Page, PageKey
from ui.kiosk.jobs.home_screen import scroll_area
from ui.widgets import BigButton, icon, named_label, repolish

MARKS: Final = {"yes": "✓", "no": "✗", "plain": "•", "call": "☎"}
"""The mark before each item of a list, by the list's tone."""
COLUMNS: Final = 2


class InfoPageScreen(QWidget):
    """A page of the corner, its lists as cards that a finger scrolls; read aloud whole.

    Signals:
        back_requested: back to the corner's menu.
    """

    back_requested = Signal()

    def __init__(self, corner: InfoCorner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self._corner = corner
        self.page: Page | None = None
        self._key: PageKey = "fees"
        self._language = ""
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

    def show_page(self, key: PageKey, language: str) -> None:
        """Show a page of the corner, from its top."""
        self._key = key
        self._picture.setPixmap(icon(key).pixmap(QSize(96, 96)))
        self._picture.setProperty("tone", key)
        repolish(self._picture)
        self.retranslate(language)
        self._scroll.verticalScrollBar().setValue(0)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._language = language
        self.back.set_label(translate("info.back", language))
        page = self._corner.page(self._key, language)
        self.page = page
        self._title.setText(page.title)
        self._lead.setText(page.lead)
        grid = fresh_grid(self._scroll)
        for index, (tone, heading, items) in enumerate(page.lists):
            grid.addWidget(_card(tone, heading, items), index // COLUMNS, index % COLUMNS)
        grid.setRowStretch(len(page.lists) // COLUMNS + 1, 1)

    def spoken(self, language: str) -> str:
        """The whole page aloud: title, line, and each list's heading and items."""
        page = self._corner.page(self._key, language)
        parts = [page.title, page.lead]
        for _tone, heading, items in page.lists:
            parts += [heading, *items]
        return ". ".join(part.rstrip(".") for part in parts)


def fresh_grid(scroll: QScrollArea) -> QGridLayout:
    """A new, empty grid as the content of ``scroll`` (the old content is deleted at once)."""
    content = QWidget()
    content.setObjectName("InfoCards")
    grid = QGridLayout(content)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setSpacing(20)
    scroll.setWidget(content)
    return grid


def _card(tone: str, heading: str, items: tuple[str, ...]) -> QWidget:
    card = QWidget()
    card.setObjectName("InfoCard")
    card.setProperty("tone", tone)
    card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(24, 18, 24, 18)
    layout.setSpacing(8)
    title = named_label("InfoHeading", heading)
    title.setWordWrap(True)
    layout.addWidget(title)
    for text in items:
        row = QHBoxLayout()
        row.setSpacing(12)
        mark = named_label("InfoMark", MARKS[tone])
        mark.setProperty("tone", tone)
        mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        words = named_label("InfoItem", text)
        words.setProperty("tone", tone)
        words.setWordWrap(True)
        row.addWidget(mark)
        row.addWidget(words, 1)
        layout.addLayout(row)
    layout.addStretch(1)
    return card
