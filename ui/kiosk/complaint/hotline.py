"""The crisis hotline panel, shown at once when the worker's life or safety is in danger."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import translate
from kiosk.settings import SiteSection
from ui.widgets import named_label, repolish


class HotlinePanel(QWidget):
    """Call now: the free 24-hour number very large, the number from abroad and WhatsApp."""

    def __init__(self, site: SiteSection, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("HotlinePanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._site = site
        self.title = named_label("HotlineTitle")
        self._text = named_label("HotlineText")
        self._others = named_label("HotlineText")
        self.number = named_label("HotlineNumber", site.hotline)
        for label in (self.title, self._text, self._others):
            label.setWordWrap(True)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.title)
        texts.addWidget(self._text)
        texts.addWidget(self._others)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(28, 12, 28, 12)
        layout.setSpacing(32)
        layout.addLayout(texts, 1)
        layout.addWidget(self.number, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def set_compact(self, compact: bool) -> None:
        """Only the title and a smaller number (while the on-screen keyboard takes room)."""
        self.setProperty("compact", compact)
        self._text.setHidden(compact)
        self._others.setHidden(compact or not self._others.text())
        repolish(self)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        site = self._site
        self.title.setText(translate("complaints.hotline_title", language))
        self._text.setText(translate("complaints.hotline_text", language, hotline=site.hotline))
        others = []
        if site.hotline_abroad:
            others.append(
                translate("complaintui.hotline_abroad", language, number=site.hotline_abroad)
            )
        if site.whatsapp:
            others.append(translate("complaintui.hotline_whatsapp", language, number=site.whatsapp))
        self._others.setText(" · ".join(others))
        self._others.setHidden(self.property("compact") is True or not others)
        self.number.setAccessibleName(site.hotline)
