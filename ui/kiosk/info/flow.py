"""The information corner's screens and the way between them; a session's number is the window's."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from kiosk.clock import Clock
from kiosk.info import PAGES, InfoCorner
from kiosk.settings import Settings
from ui.kiosk.info.menu_screen import InfoMenuScreen
from ui.kiosk.info.page_screen import InfoPageScreen
from ui.kiosk.info.sessions_screen import SessionsScreen


class InfoFlow(QObject):
    """Menu → a page or the schedule → back to the menu; home from the menu.

    Signals:
        screen_wanted: show this screen.
        home_requested: the visitor left the corner.
        join_requested: take a number of this service for a session of today.
    """

    screen_wanted = Signal(QWidget)
    home_requested = Signal()
    join_requested = Signal(str)

    def __init__(
        self, corner: InfoCorner, settings: Settings, clock: Clock, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.menu = InfoMenuScreen()
        self.page = InfoPageScreen(corner)
        self.sessions = SessionsScreen(corner, settings, clock)
        self.screens = (self.menu, self.page, self.sessions)
        self.menu.topic_chosen.connect(self._open)
        self.menu.home_requested.connect(self.home_requested)
        self.page.back_requested.connect(self.open)
        self.sessions.back_requested.connect(self.open)
        self.sessions.join_requested.connect(self.join_requested)

    @Slot()
    def open(self) -> None:
        """Show the corner's menu."""
        self.screen_wanted.emit(self.menu)

    def show_sessions(self) -> None:
        """Show the schedule as of now (also when Back from a session's number returns)."""
        self.sessions.refresh(self.menu.language)
        self.screen_wanted.emit(self.sessions)

    @Slot(str)
    def _open(self, topic: str) -> None:
        page = next((key for key in PAGES if key == topic), None)
        if page is None:
            self.show_sessions()
            return
        self.page.show_page(page, self.menu.language)
        self.screen_wanted.emit(self.page)
