"""Console step 2 (without ``--counter``): the officer picks the counter they sit at."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.i18n import pick, translate
from kiosk.settings import Settings
from ui.widgets import BigButton, named_label


class CounterScreen(QWidget):
    """One big button per configured counter, with the services it calls.

    Signals:
        counter_chosen: the counter's number.
        back_requested: sign out instead.
    """

    counter_chosen = Signal(int)
    back_requested = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self._settings = settings
        self._title = named_label("Title")
        self.buttons: dict[int, BigButton] = {}
        grid = QGridLayout()
        grid.setSpacing(20)
        for position, counter in enumerate(settings.counters):
            button = BigButton(role="secondary")
            button.setObjectName("CounterButton")
            button.clicked.connect(lambda _=False, n=counter.number: self.counter_chosen.emit(n))
            self.buttons[counter.number] = button
            grid.addWidget(button, position, 0)
        self.back = BigButton(role="secondary")
        self.back.clicked.connect(self.back_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 48, 120, 48)
        layout.setSpacing(24)
        layout.addWidget(self._title)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.back)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._title.setText(translate("console.counter_title", language))
        self.back.set_label(translate("console.sign_out", language))
        for counter in self._settings.counters:
            services = ", ".join(
                pick(self._settings.service(code).name, language) for code in counter.services
            )
            label = f"{pick(counter.name, language)}\n{services}".replace("&", "&&")
            self.buttons[counter.number].set_label(label)
