"""Take a number, step 1: the services as big tiles with their queue, closed ones greyed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import pick, translate, translate_count
from kiosk.queueing.views import ServiceStatus
from kiosk.settings import Settings
from ui.widgets import BigButton, named_label, repolish


class ServiceTile(QPushButton):
    """One service: its letter, name, description and queue line; disabled when not issuing."""

    def __init__(self, code: str, letter: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.code = code
        self.setObjectName("ServiceTile")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._letter = named_label("ServiceLetter", letter)
        self._name = named_label("ServiceName")
        self._description = named_label("ServiceDescription")
        self._queue = named_label("ServiceQueue")
        self.bring = named_label("ServiceBring")
        texts = QVBoxLayout()
        texts.setSpacing(4)
        for label in (self._name, self._description, self.bring, self._queue):
            label.setWordWrap(True)
            texts.addWidget(label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(24)
        layout.addWidget(self._letter)
        layout.addLayout(texts, 1)
        for label in (self._letter, self._name, self._description, self.bring, self._queue):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_texts(
        self, name: str, description: str, bring: str, queue: str, available: bool
    ) -> None:
        """Show the service's texts (``bring``: what to bring, or ""); an unavailable service
        is greyed and cannot be touched."""
        self._name.setText(name)
        self._description.setText(description)
        self.bring.setText(bring)
        self.bring.setVisible(bool(bring))
        self._queue.setText(queue)
        self.setEnabled(available)
        for part in (self, self._letter, self._name, self._description, self.bring, self._queue):
            part.setProperty("available", available)
        repolish(self)
        self.setAccessibleName(name)
        self.setAccessibleDescription(". ".join(t for t in (description, bring, queue) if t))

    def queue_text(self) -> str:
        """The queue line as shown (waiting and wait, or why it is closed)."""
        return str(self._queue.text())


class ServicesScreen(QWidget):
    """The open services to take a number for.

    Signals:
        service_chosen: a service tile was touched (its code).
        back_requested: the visitor wants the home screen.
    """

    service_chosen = Signal(str)
    back_requested = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self._settings = settings
        self._statuses: dict[str, ServiceStatus] = {}
        self._title = named_label("Title")
        self._hint = named_label("Subtitle")
        self._hint.setWordWrap(True)
        self.tiles = {s.code: ServiceTile(s.code, s.letter) for s in settings.services}
        grid = QGridLayout()
        grid.setSpacing(20)
        for index, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, index // 2, index % 2)
            tile.clicked.connect(self._on_tile)
        self.back = BigButton(role="secondary")
        self.back.clicked.connect(self.back_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 28, 48, 28)
        layout.setSpacing(12)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addSpacing(8)
        layout.addLayout(grid, 1)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)

    def show_statuses(self, statuses: list[ServiceStatus], language: str) -> None:
        """Refresh each tile from the queue's current figures."""
        self._statuses = {status.code: status for status in statuses}
        self.retranslate(language)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._title.setText(translate("take.choose_title", language))
        self._hint.setText(translate("take.choose_hint", language))
        self.back.set_label(translate("take.back", language))
        for code, tile in self.tiles.items():
            service = self._settings.service(code)
            status = self._statuses.get(code)
            queue, available = _queue_line(status, language)
            items = service.to_bring(language)
            bring = translate("take.bring", language, items=" · ".join(items)) if items else ""
            tile.set_texts(
                pick(service.name, language),
                pick(service.description, language),
                bring,
                queue,
                available,
            )

    @Slot()
    def _on_tile(self) -> None:
        tile = self.sender()
        assert isinstance(tile, ServiceTile)
        self.service_chosen.emit(tile.code)


def _queue_line(status: ServiceStatus | None, language: str) -> tuple[str, bool]:
    if status is None:
        return "", False
    if status.refusal is not None:
        return translate(status.refusal, language), False
    if status.waiting == 0:
        return translate("take.no_queue", language), True
    text = translate_count(
        "take.waiting", language, status.waiting, minutes=status.estimated_wait_minutes
    )
    return text, True
