"""UI fixtures: screens run on a SQLite hall (the database is tested on both elsewhere)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ui.app import THEME


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """The embedded SQLite database, as on a single kiosk box."""
    return f"sqlite:///{tmp_path / 'hall.sqlite3'}"


@pytest.fixture(autouse=True)
def themed(qapp: QApplication) -> None:
    """Screens are tested with the real style sheet applied."""
    qapp.setStyleSheet(THEME.read_text(encoding="utf-8"))
