"""Kiosk start-up: time from process start to the first painted frame, and resident memory.

Starts a fresh Python process per run (offscreen Qt, a demo database in a temporary
folder) that opens the kiosk window as ``mpp-kiosk kiosk`` does and reports at its first
paint. Target: first frame under 1.0 s, resident memory under 150 MB.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QEvent, QObject, QTimer
    from kiosk.hall import open_hall
    from kiosk.settings import load_settings
    from ui.app import application, fit_design_to_screen, show_full_screen
    from ui.kiosk.window import KioskWindow

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                rss = next(l for l in open("/proc/self/status") if l.startswith("VmRSS"))
                print("FIRST_FRAME", rss.split()[1], flush=True)
                QTimer.singleShot(0, lambda: app.exit(0))
                watched.removeEventFilter(self)
            return False

    hall = open_hall(load_settings(Path(sys.argv[1])))
    fit_design_to_screen(hall.settings.kiosk.scale)  # measures the screen first
    app = application()
    window = KioskWindow(hall)
    probe = FirstPaint()
    window.installEventFilter(probe)
    show_full_screen(window, windowed=False)
    app.exec()
    """
)


def _config(folder: Path) -> Path:
    source = (ROOT / "config" / "kiosk.toml").read_text(encoding="utf-8")
    path = folder / "kiosk.toml"
    path.write_text(
        source.replace('url = ""', f'url = "sqlite:///{folder / "hall.sqlite3"}"', 1),
        encoding="utf-8",
    )
    return path


def _run(config: Path) -> tuple[float, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("FIRST_FRAME"):
            elapsed = time.perf_counter() - started
            rss_mb = int(line.split()[1]) / 1024
            break
    else:
        raise RuntimeError("the kiosk never painted")
    child.wait(timeout=30)
    return elapsed, rss_mb


def main() -> None:
    """Print the median and worst first-frame time and resident memory over a few starts."""
    with tempfile.TemporaryDirectory() as scratch:
        config = _config(Path(scratch))
        _run(config)  # migrate the database and warm the file cache once
        results = [_run(config) for _ in range(RUNS)]
    times = [t for t, _ in results]
    memory = [m for _, m in results]
    print(
        f"first frame: median {statistics.median(times):.3f} s, worst {max(times):.3f} s "
        f"over {RUNS} starts (target < 1.0 s)"
    )
    print(
        f"resident memory at first frame: median {statistics.median(memory):.0f} MB "
        "(target < 150 MB)"
    )


if __name__ == "__main__":
    main()
