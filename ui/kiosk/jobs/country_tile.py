"""A destination country as a large tile: a flag-like colour band, its name and open vacancies."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.widgets import named_label

ALL = ""
"""The key of the "all countries" tile."""


class CountryTile(QPushButton):
    """One country (``country`` an ISO code, or ``ALL``); the theme colours its band by code."""

    def __init__(self, country: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.country = country
        self.setObjectName("CountryTile")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.flag = QFrame()
        self.flag.setObjectName("FlagMark")
        self.flag.setProperty("country", country or "all")
        self._name = named_label("CountryName")
        self._name.setWordWrap(True)
        self._count = named_label("CountryCount")
        texts = QVBoxLayout()
        texts.setSpacing(4)
        texts.addStretch(1)
        texts.addWidget(self._name)
        texts.addWidget(self._count)
        texts.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 20, 0)
        layout.setSpacing(20)
        layout.addWidget(self.flag)
        layout.addLayout(texts, 1)
        for part in (self.flag, self._name, self._count):
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Room for the band and the texts (a push button alone counts only its own text)."""
        layout = self.layout()
        assert layout is not None
        return layout.totalMinimumSize().expandedTo(super().minimumSizeHint())

    def set_texts(self, name: str, count: str) -> None:
        """Show the country's name and how many vacancies it has."""
        self._name.setText(name)
        self._count.setText(count)
        self.setAccessibleName(f"{name}, {count}")

    def count_text(self) -> str:
        """The vacancies line as shown."""
        return str(self._count.text())
