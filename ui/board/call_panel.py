"""The board's main part: the number called now, huge and flashing, and each counter's number."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import pick, translate
from kiosk.queueing.views import CounterNow
from kiosk.settings import CounterSection, Settings
from ui.widgets import named_label, repolish

FLASHES = 6
FLASH_MS = 350


def bilingual(key: str, languages: list[str], **params: object) -> tuple[str, str]:
    """A message in the board's first language and, when there is one, its second."""
    second = translate(key, languages[1], **params) if len(languages) > 1 else ""
    return translate(key, languages[0], **params), second


class CallHero(QWidget):
    """The latest call: "SEDANG DIPANGGIL", the number, the counter and where it is.

    A new call flashes: the ``flash`` property turns on and off a few times (the theme
    gives it its colour).
    """

    def __init__(self, languages: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("CallHero")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setProperty("flash", False)
        self._languages = languages
        self.flashes_left = 0
        self.caption = named_label("HeroCaption")
        self.caption_second = named_label("HeroCaptionSecond")
        self.number = named_label("HeroNumber", "—")
        self.go_to = named_label("HeroGoTo")
        self.counter = named_label("HeroCounter")
        self.location = named_label("HeroLocation")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.setSpacing(0)
        for label in (self.caption, self.caption_second):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(1)
        for label in (self.number, self.go_to, self.counter, self.location):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        self._where = (self.go_to, self.counter, self.location)
        for label in self._where:  # nothing called yet: only the dash, no empty lines
            label.hide()
        layout.addStretch(1)
        first, second = bilingual("board.now_calling", languages)
        self.caption.setText(first)
        self.caption_second.setText(second)
        self._timer = QTimer(self)
        self._timer.setInterval(FLASH_MS)
        self._timer.timeout.connect(self._blink)

    def show_call(self, number: str, counter: CounterSection | None, flash: bool) -> None:
        """Show a call; ``flash`` for a new one (or a recall)."""
        self.number.setText(number)
        first, second = bilingual("board.go_to", self._languages)
        self.go_to.setText(f"{first} / {second}" if second else first)
        self.counter.setText(pick(counter.name, self._languages[0]).upper() if counter else "")
        self.location.setText(counter.location if counter else "")
        for label in self._where:
            label.setVisible(bool(label.text()))
        if flash:
            self.flashes_left = FLASHES
            self._blink()
            self._timer.start()

    def clear(self) -> None:
        """Show that nobody is called now: only the dash."""
        self.stop()
        self.setProperty("flash", False)
        repolish(self)
        self.number.setText("—")
        for label in self._where:
            label.clear()
            label.hide()

    def stop(self) -> None:
        """Stop flashing."""
        self._timer.stop()

    @Slot()
    def _blink(self) -> None:
        self.flashes_left -= 1
        self.setProperty("flash", self.flashes_left >= 0 and self.flashes_left % 2 == 1)
        repolish(self)
        if self.flashes_left <= 0:
            self._timer.stop()


class CounterStrip(QWidget):
    """One card per configured counter with the number it has called or is serving."""

    def __init__(self, settings: Settings, languages: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.numbers: dict[int, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        for counter in settings.counters:
            card = QWidget()
            card.setObjectName("CounterCard")
            card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
            names = [pick(counter.name, language) for language in languages]
            title = named_label("CounterCardName", names[0])
            subtitle = named_label("CounterCardSecond", names[1] if len(names) > 1 else "")
            number = named_label("CounterCardNumber", "—")
            column = QVBoxLayout(card)
            column.setContentsMargins(8, 6, 8, 6)
            column.setSpacing(0)
            for label in (title, subtitle, number):
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                column.addWidget(label)
            self.numbers[counter.number] = number
            layout.addWidget(card, 1)

    def show_counters(self, counters: list[CounterNow]) -> None:
        """Show each counter's ticket, or a dash when it holds none."""
        for now in counters:
            label = self.numbers.get(now.counter_number)
            if label is not None:
                label.setText(now.ticket.number if now.ticket else "—")
