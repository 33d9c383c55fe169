"""Named touch widgets styled by the theme: tiles and big buttons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

ICONS = Path(__file__).with_name("icons")


def named_label(name: str, text: str = "") -> QLabel:
    """A label the theme styles by ``objectName``."""
    label = QLabel(text)
    label.setObjectName(name)
    return label


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet to a widget and its children after a dynamic property changed."""
    for each in (widget, *widget.findChildren(QWidget)):
        each.style().unpolish(each)
        each.style().polish(each)
        each.update()


def compact_below(window: QWidget, roomy: QSize, size: QSize) -> bool:
    """Give ``window`` the theme's compact type (``compact`` property) below ``roomy``.

    Returns whether it changed (the caller may need to re-lay out hidden pages).
    """
    compact = size.boundedTo(roomy) != roomy
    if window.property("compact") is compact:
        return False
    window.setProperty("compact", compact)
    repolish(window)
    return True


def look_up_layout(
    screen: QWidget, title: QLabel, field: QWidget, go: QWidget, answer: QWidget, back: QWidget
) -> None:
    """Lay out a look-up screen: a title, the field with its button, the answer taking the
    height left, and Back at the foot (Cek Status, the P3MI check)."""
    row = QHBoxLayout()
    row.setSpacing(20)
    row.addWidget(field, 1)
    row.addWidget(go)
    layout = QVBoxLayout(screen)
    layout.setContentsMargins(48, 24, 48, 24)
    layout.setSpacing(14)
    layout.addWidget(title)
    layout.addLayout(row)
    layout.addWidget(answer, 1)
    layout.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)


def icon(name: str) -> QIcon:
    """An icon of ``ui/icons`` by file stem."""
    return QIcon(str(ICONS / f"{name}.svg"))


class BigButton(QPushButton):
    """A large touch button (at least 64 px high); ``role`` picks its look in the theme."""

    def __init__(self, text: str = "", role: str = "primary", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setObjectName("BigButton")
        self.setProperty("role", role)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a touch must not pull focus off a field
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(text)

    def set_label(self, text: str) -> None:
        """Change the visible text and the accessible name together."""
        self.setText(text)
        self.setAccessibleName(text)


class Tile(QPushButton):
    """A home-screen tile: an icon, a title and a one-line hint, coloured by ``tone``.

    A ``wide`` tile (a band across the screen) has its icon beside the words, not above.
    """

    def __init__(self, key: str, parent: QWidget | None = None, *, wide: bool = False):
        super().__init__(parent)
        self.key = key
        self.setObjectName("Tile")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setProperty("tone", key)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._icon = QLabel()
        side = 72 if wide else 96
        self._icon.setPixmap(icon(key).pixmap(QSize(side, side)))
        self._title = named_label("TileTitle")
        self._title.setWordWrap(True)
        self._hint = named_label("TileHint")
        self._hint.setWordWrap(True)
        words = QVBoxLayout()
        words.setSpacing(8)
        for label in (self._icon, self._title, self._hint):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for label in (self._title, self._hint):
            words.addWidget(label)
        layout = QHBoxLayout(self) if wide else QVBoxLayout(self)
        layout.setContentsMargins(28, 12 if wide else 24, 28, 12 if wide else 24)
        layout.setSpacing(24 if wide else 8)
        layout.addWidget(self._icon)
        layout.addLayout(words, 1)
        if not wide:
            layout.addStretch(1)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Room for the icon and words its layout holds (a button alone measures its text)."""
        layout = self.layout()
        assert layout is not None
        return super().sizeHint().expandedTo(layout.sizeHint())

    def set_texts(self, title: str, hint: str) -> None:
        """Set the title and hint; the accessible name says both."""
        self._title.setText(title)
        self._hint.setText(hint)
        self.setAccessibleName(title)
        self.setAccessibleDescription(hint)

    def title(self) -> str:
        """The tile's visible title."""
        return str(self._title.text())
