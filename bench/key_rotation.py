"""Benchmark: ``key rotate`` on a hall with many complaints, and the check before each seal.

A SQLite hall in a temporary folder gets ``--complaints`` complaints (each with a note,
so each has a sealed outbox payload and a sealed note too); then:

1. **Rotation**: the wall time of ``kiosk.key_rotation.rotate`` (every complaint, note and
   sealed outbox payload opened and sealed again, one transaction). While it runs no
   device seals a complaint, so this is how long a hall's complaint desk waits.
2. **Submit**: the mean time of one complaint's submission, the hall key's check
   (``hall_key.require``) included.

Run: ``python -m bench.key_rotation [--complaints N]``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from kiosk.hall import open_hall
from kiosk.hall_key import open_device_key
from kiosk.key_rotation import rotate
from kiosk.settings import load_settings
from tests.conftest import site_config
from tests.helpers.complaints import fill, new_form
from tests.helpers.staff import add_member


def main(complaints: int) -> None:
    """Fill a hall, time the submissions, then time one rotation; print the figures."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        os.environ["XDG_DATA_HOME"] = str(folder / "data")
        hall = open_hall(load_settings(site_config(folder, f"sqlite:///{folder / 'h.db'}")))
        try:
            open_device_key(hall.db, create=True)
            officer = add_member(hall, "rina", "officer").id
            form = new_form()
            fill(form)
            draft = form.draft()
            started = time.perf_counter()
            for _ in range(complaints):
                reference = hall.complaints.submit(draft).reference
                hall.complaints.add_note(reference, officer, "Keluarga sudah dihubungi.")
            per_submit = (time.perf_counter() - started) / complaints
            started = time.perf_counter()
            done = rotate(hall.db)
            took = time.perf_counter() - started
        finally:
            hall.close()
    print(f"submit + note: {per_submit * 1000:.1f} ms per complaint (SQLite)")
    print(
        f"rotate: {took:.2f} s for {done.complaints} complaints, {done.notes} notes, "
        f"{done.outbox} sealed outbox payloads ({took / done.complaints * 1000:.2f} ms each)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=2000)
    main(parser.parse_args().complaints)
