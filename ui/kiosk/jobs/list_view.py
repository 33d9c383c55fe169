"""The vacancy list: a finger-scrolled list view and the delegate that paints each big row."""

from __future__ import annotations

from PySide6.QtCore import (
    Property,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QScroller,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.kiosk.jobs.list_model import Role

PADDING = 18
GAP = 12
LINE_GAP = 8
RADIUS = 16
STACK_BELOW_CHARS = 90
"""Rows narrower than this many average characters give the salary a line of its own."""


def _colour_property(name: str) -> Property:
    """A colour of the rows the theme sets with ``qproperty-<name>Color``."""

    def get(view: JobListView) -> QColor:
        return view.colour(name)

    def put(view: JobListView, colour: QColor) -> None:
        view.set_colour(name, colour)

    return Property(QColor, get, put)


class JobListView(QListView):
    """A list of vacancies scrolled by dragging a finger (kinetic), rows painted large.

    The theme sets the colours and the title size (``qproperty-cardColor`` …); the body
    text takes the view's font. A narrow list stacks each row's details on two lines.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("JobList")
        self._colours = {
            name: QColor() for name in ("card", "border", "muted", "accent", "badge", "badgeText")
        }
        self._title_points = 26
        self.setItemDelegate(PostingDelegate(self))
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setSpacing(0)
        self._stacked = False
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)

    def stacked(self) -> bool:
        """Whether rows put the salary on a line of its own (too narrow for one detail line)."""
        room = STACK_BELOW_CHARS * QFontMetrics(self.font()).averageCharWidth()
        return self.viewport().width() < room

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Lay the rows out again when they change between one and two detail lines."""
        super().resizeEvent(event)
        if self.stacked() != self._stacked:
            self._stacked = self.stacked()
            self.scheduleDelayedItemsLayout()

    def colour(self, name: str) -> QColor:
        """A colour the theme gave the rows."""
        return self._colours[name]

    def set_colour(self, name: str, colour: QColor) -> None:
        """Set a colour of the rows (the theme does, through the properties below)."""
        self._colours[name] = QColor(colour)

    cardColor = _colour_property("card")  # noqa: N815 (the theme's qproperty name)
    borderColor = _colour_property("border")  # noqa: N815
    mutedColor = _colour_property("muted")  # noqa: N815
    accentColor = _colour_property("accent")  # noqa: N815
    badgeColor = _colour_property("badge")  # noqa: N815
    badgeTextColor = _colour_property("badgeText")  # noqa: N815

    def title_points(self) -> int:
        """The point size of each row's position."""
        return self._title_points

    def _set_title_points(self, points: int) -> None:
        self._title_points = points

    titlePointSize = Property(int, title_points, _set_title_points)  # noqa: N815 (QSS name)


class PostingDelegate(QStyledItemDelegate):
    """Paints a vacancy as a card: position and zero-cost badge; place, salary, closing date."""

    def __init__(self, view: JobListView):
        super().__init__(view)
        self._view = view

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)
        title.setPointSize(self._view.title_points())
        title.setBold(True)
        body = QFont(option.font)
        strong = QFont(body)
        strong.setBold(True)
        return title, body, strong

    def sizeHint(  # noqa: N802 (Qt override)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """Room for the title line, the detail lines, padding and the gap between cards."""
        title, body, _strong = self._fonts(option)
        lines = 2 if self._view.stacked() else 1
        height = QFontMetrics(title).height() + lines * (LINE_GAP + QFontMetrics(body).height())
        return QSize(400, height + 2 * PADDING + GAP)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw one card."""
        view = self._view
        title_font, body_font, strong_font = self._fonts(option)
        card = option.rect.adjusted(2, 0, -2, -GAP)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pressed = bool(option.state & QStyle.StateFlag.State_Sunken)
        painter.setPen(QPen(view.colour("accent" if pressed else "border"), 3))
        painter.setBrush(view.colour("card"))
        painter.drawRoundedRect(card, RADIUS, RADIUS)
        inner = card.adjusted(PADDING + 6, PADDING, -PADDING - 6, -PADDING)
        title_height = QFontMetrics(title_font).height()
        top = QRect(inner.left(), inner.top(), inner.width(), title_height)
        badge = index.data(Role.BADGE)
        if badge:
            top.setRight(top.right() - self._paint_badge(painter, strong_font, top, badge) - 16)
        painter.setFont(title_font)
        painter.setPen(option.palette.text().color())
        title = QFontMetrics(title_font).elidedText(
            str(index.data()), Qt.TextElideMode.ElideRight, top.width()
        )
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        line = QRect(
            inner.left(), top.bottom() + LINE_GAP, inner.width(), QFontMetrics(body_font).height()
        )
        self._paint_details(painter, (body_font, strong_font), line, index)
        painter.restore()

    def _paint_badge(self, painter: QPainter, font: QFont, top: QRect, text: str) -> int:
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(text) + 32
        pill = QRect(top.right() - width, top.top(), width, top.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._view.colour("badge"))
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setFont(font)
        painter.setPen(self._view.colour("badgeText"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        return width

    def _paint_details(
        self,
        painter: QPainter,
        fonts: tuple[QFont, QFont],
        line: QRect,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Place, salary and closing date on one line; or the salary, then place and date."""
        body, strong = fonts
        roles = (Role.PLACE, Role.SALARY, Role.CLOSES)
        place, salary, closes = (str(index.data(role)) for role in roles)
        stacked = self._view.stacked()
        if stacked:
            self._text(painter, strong, "accent", line, salary)
            line = line.translated(0, line.height() + LINE_GAP)
        closes_width = self._text(painter, body, "muted", line, closes, Qt.AlignmentFlag.AlignRight)
        room = line.adjusted(0, 0, -closes_width - 32, 0)
        if stacked:
            self._text(painter, body, "muted", room, place)
            return
        third = QRect(room.left(), room.top(), room.width() // 3, room.height())
        room.setLeft(room.left() + self._text(painter, body, "muted", third, place) + 28)
        self._text(painter, strong, "accent", room, salary)

    def _text(
        self,
        painter: QPainter,
        font: QFont,
        colour: str,
        rect: QRect,
        text: str,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> int:
        """Draw ``text`` in a colour of the theme within ``rect``, elided; the width it took."""
        metrics = QFontMetrics(font)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.setFont(font)
        painter.setPen(self._view.colour(colour))
        painter.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, shown)
        return metrics.horizontalAdvance(shown)
