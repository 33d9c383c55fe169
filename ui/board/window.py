"""The hall display board window: calls, counters, queues, running text, date and time."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.hall import Hall
from kiosk.i18n import pick, translate
from kiosk.queueing.announce import call_sentence
from kiosk.queueing.views import BoardSnapshot, CallView
from kiosk.settings import CounterSection
from ui.board.call_panel import CallHero, CounterStrip, bilingual
from ui.board.header import BoardHeader
from ui.board.marquee import Marquee
from ui.board.models import LastCallsModel, ServicesModel
from ui.hall_events import HallEvents
from ui.speech import CallSpeaker, Speaker
from ui.tables import table_view
from ui.widgets import compact_below, named_label
from ui.workers import Worker

log = logging.getLogger(__name__)
SMALLEST = QSize(1280, 720)
"""The smallest screen the board is laid out for (an HD-ready hall TV is 1366×768)."""
FULL_HD = QSize(1680, 1000)
"""From this window size on the board takes its full type; below it, its compact type."""


class BoardWindow(QWidget):
    """The hall TV (1920×1080): shows every call within half a second, flashes and says it.

    Args:
        hall: the hall's settings and database.
        speaker: says the call sentences (espeak-ng through QtMultimedia unless given).

    Signals:
        call_shown: a new call or recall is on the board (its number).
    """

    call_shown = Signal(str)

    def __init__(
        self,
        hall: Hall,
        speaker: Speaker | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("BoardWindow")
        self.setMinimumSize(SMALLEST)  # not the full type's minimum: a smaller window turns compact
        self.setProperty("compact", False)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setWindowTitle(hall.settings.site.name)
        settings = hall.settings
        self.hall = hall
        self.languages = settings.kiosk.languages[:2]
        self.queue = hall.queue
        self.speaker: Speaker = speaker or CallSpeaker(parent=self)
        self.worker = Worker(self, threads=1)
        self.events = HallEvents(self.queue, self)
        self._seen: int | None = None
        self._counters = {c.number: c for c in settings.counters}
        self.header = BoardHeader(settings, hall.clock)
        self.hero = CallHero(self.languages)
        self.strip = CounterStrip(settings, self.languages)
        self.last_calls = LastCallsModel(settings, settings.site.zone, self)
        self.services = ServicesModel(settings, self)
        self.marquee = Marquee()
        self._build()
        self.events.queue_changed.connect(self.refresh)
        self.events.start()

    def _build(self) -> None:
        calls_view = table_view("BoardCalls", self.last_calls)
        services_view = table_view("BoardQueues", self.services, stretch=0)
        for view in (calls_view, services_view):
            view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            view.setSelectionMode(view.SelectionMode.NoSelection)
            view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left = QVBoxLayout()
        left.setSpacing(16)
        left.addWidget(self.hero, 1)
        left.addWidget(self.strip)
        right = QVBoxLayout()
        right.setSpacing(8)
        parts = (("board.last_calls", calls_view, 3), ("board.queues", services_view, 2))
        for key, view, share in parts:
            first, second = bilingual(key, self.languages)
            right.addWidget(named_label("BoardSection", first))
            right.addWidget(named_label("BoardSectionSecond", second))
            right.addWidget(view, share)
        body = QHBoxLayout()
        body.setContentsMargins(24, 16, 24, 16)
        body.setSpacing(24)
        body.addLayout(left, 9)
        body.addLayout(right, 11)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)
        layout.addWidget(self.marquee)
        site = self.hall.settings.site
        self.marquee.set_text(
            "   ·   ".join(
                f"{pick(self.hall.settings.board.running_text, language)}   ·   "
                f"{translate('board.hotline', language, hotline=site.hotline)}"
                for language in self.languages
            )
        )

    @Slot()
    def refresh(self) -> None:
        """Read the hall's queue again (on every change)."""
        limit, seen = self.hall.settings.board.last_calls, self._seen
        self.worker.submit(lambda: self.queue.board(limit, seen), self._show, self._failed)

    def _show(self, snapshot: BoardSnapshot) -> None:
        self.last_calls.set_calls(snapshot.calls)
        self.services.set_statuses(snapshot.services)
        self.strip.show_counters(snapshot.counters)
        seen, latest = self._seen, snapshot.calls[0] if snapshot.calls else None
        self._seen = latest.event_id if latest else seen or 0
        calling = snapshot.calling
        if calling is None:
            self.hero.clear()  # the called visitor did not come: nobody is called now
        elif calling.event_id != seen or self.hero.number.text() != calling.number:
            flash = seen is not None and calling.event_id != seen
            self.hero.show_call(calling.number, self._counter(calling), flash=flash)
        for call in snapshot.announce:
            self._announce(call)

    def _counter(self, call: CallView) -> CounterSection | None:
        return self._counters.get(call.counter_number)

    def _announce(self, call: CallView) -> None:
        self.speaker.say(call_sentence(call.number, call.counter_number, "id"))
        self.call_shown.emit(call.number)

    def _failed(self, error: Exception) -> None:
        log.warning("the board cannot read the queue: %s", error)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Take the compact type (the theme's ``compact`` rules) on a screen below full HD."""
        super().resizeEvent(event)
        compact_below(self, FULL_HD, event.size())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Stop polling, scrolling and speaking before the window goes."""
        self.events.stop()
        self.marquee.stop()
        self.hero.stop()
        self.worker.wait()
        self.speaker.stop()
        event.accept()
