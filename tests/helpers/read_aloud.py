"""Run as ``python -m tests.helpers.read_aloud FOLDER LANGUAGE TEXT``: read TEXT aloud through
the kiosk's ScreenReader (espeak-ng, QtMultimedia) and exit 0 once it was played to its end,
1 if it was not within 20 s. A process of its own, so that Qt sees the sound server it is
given in ``PULSE_SERVER`` (Qt lists audio devices once per process)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from ui.app import application
from ui.speech import ScreenReader


def main(folder: str, language: str, text: str) -> int:
    """Read ``text``; the exit code says whether it was played."""
    app = application()
    reader = ScreenReader(Path(folder))
    reader.played.connect(lambda path: (print(f"played {path.name}"), app.exit(0)))
    reader.read(text, language)
    QTimer.singleShot(20_000, app, lambda: app.exit(1))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
