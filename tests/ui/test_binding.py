"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 on Python 3.11 did not.

Each void call and signal emission under 6.12.0 dropped a reference to None or to a
bool, so a kiosk running for hours died with "deallocating None". This guards the pin.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel


class _Emitter(QObject):
    fired = Signal(bool)


@pytest.mark.parametrize(
    "action",
    ["set_text", "update", "process_events", "emit"],
)
def test_void_calls_and_signals_keep_reference_counts(qapp: QApplication, action: str) -> None:
    label = QLabel()
    emitter = _Emitter()
    calls: dict[str, Callable[[], object]] = {
        "set_text": lambda: label.setText("A-001"),
        "update": label.update,
        "process_events": QCoreApplication.processEvents,
        "emit": lambda: emitter.fired.emit(True),
    }
    call = calls[action]
    before = (sys.getrefcount(None), sys.getrefcount(True))
    for _ in range(500):
        call()
    after = (sys.getrefcount(None), sys.getrefcount(True))
    assert after[0] - before[0] >= -5
    assert after[1] - before[1] >= -5
