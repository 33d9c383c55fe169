"""The core's modules load whichever is imported first (the sync contract and the domains).

The wire contract (``kiosk.sync.contract``) imports the queue's vocabulary, whose package
loads the queue service, which writes outbox entries through ``kiosk.sync``; so the
outbox modules take the contract as a module, never names from it (see
``kiosk.sync.outbox``). This checks it in a fresh interpreter, one module first at a time.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Final

PACKAGES: Final = ("kiosk.sync", "kiosk.queueing", "kiosk.complaints", "kiosk.jobs")
ALSO: Final = ("kiosk.hall", "kiosk.cli", "central.apply", "central.app")
_SCRIPT: Final = """
import importlib, pkgutil, sys
import kiosk
packages, also = sys.argv[1].split(","), sys.argv[2].split(",")
names = [
    module.name
    for module in pkgutil.walk_packages(kiosk.__path__, "kiosk.")
    if any(module.name == p or module.name.startswith(p + ".") for p in packages)
] + also
for name in names:
    for loaded in [m for m in sys.modules if m.split(".")[0] in ("kiosk", "central", "printing")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as error:
        print(f"{name}: {error!r}")
"""


def test_every_module_of_the_domains_and_sync_loads_when_imported_first() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, ",".join(PACKAGES), ",".join(ALSO)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
