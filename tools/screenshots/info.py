"""A walk through the information corner at the kiosk, for ``python -m tools.screenshots``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from kiosk.info import PAGES
from ui.kiosk.window import KioskWindow

Save = Callable[[QWidget, str], None]
Settle = Callable[[Callable[[], bool]], None]


def walk(window: KioskWindow, save: Save, settle: Settle) -> None:
    """Home with the corner's band, the menu, each page and the schedule, in each language;
    one page in large text."""
    for language in window.hall.settings.kiosk.languages:
        window.set_language(language)
        window.go_home()
        window.home.tiles["info"].click()
        settle(lambda: window.screens.currentWidget() is window.info.menu)
        save(window, f"info-menu-{language}")
        for key in (*PAGES, "sessions"):
            window.info.menu.tiles[key].click()
            settle(lambda: window.screens.currentWidget() is not window.info.menu)
            save(window, f"info-{key}-{language}")
            window.info.open()
    window.set_language("id")
    window.header.set_large_text(True)
    window.info.menu.tiles["fees"].click()
    save(window, "info-fees-large-text-id")
    window.header.set_large_text(False)
    window.go_home()
