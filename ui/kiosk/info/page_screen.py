"""One page of the information corner: its title, one line, and short lists with marks."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import translate
from kiosk.info import InfoCorner, Page, PageKey
from ui.kiosk.info.headed import HeadedScreen
from ui.widgets import named_label

MARKS: Final = {"yes": "✓", "no": "✗", "plain": "•", "call": "☎"}
"""The mark before each item of a list, by the list's tone."""
COLUMNS: Final = 2


class InfoPageScreen(HeadedScreen):
    """A page of the corner, its lists as cards that a finger scrolls; read aloud whole."""

    def __init__(self, corner: InfoCorner, parent: QWidget | None = None):
        super().__init__(parent)
        self._corner = corner
        self.page: Page | None = None
        self._key: PageKey = "fees"

    def show_page(self, key: PageKey, language: str) -> None:
        """Show a page of the corner, from its top."""
        self._key = key
        self.set_picture(key)
        self.retranslate(language)
        self.to_top()

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self.back.set_label(translate("info.back", language))
        page = self._corner.page(self._key, language)
        self.page = page
        self._title.setText(page.title)
        self._lead.setText(page.lead)
        grid = self.fresh_grid()
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
