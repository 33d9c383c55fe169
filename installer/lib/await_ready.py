#!/usr/bin/env python3
"""Start a face as its systemd unit would and wait for its READY=1 (no systemd needed).

installer/update.sh uses it for the first start of a new version staged with --root,
where there is no systemd to do it: the command gets a notify socket of its own in
NOTIFY_SOCKET (and a watchdog interval), and passes when it says READY=1 and then feeds
the watchdog once within the time-out; it fails when it exits first or stays silent.
The command is stopped either way. Only the standard library, any Python 3.

Usage: await_ready.py SECONDS COMMAND [ARG...]; exit 0 ready, 1 not.
"""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import tempfile
import time


def main(argv: list[str]) -> int:
    if len(argv) < 3 or not argv[1].isdigit():
        print("usage: await_ready.py SECONDS COMMAND [ARG...]", file=sys.stderr)
        return 2
    deadline = time.monotonic() + int(argv[1])
    with tempfile.TemporaryDirectory(prefix="mpp-notify-") as folder:
        path = os.path.join(folder, "notify")
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.bind(path)
            env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="2000000")
            process = subprocess.Popen(argv[2:], env=env)
            try:
                return 0 if _ready(sock, process, deadline) else 1
            finally:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def _ready(sock: socket.socket, process: subprocess.Popen[bytes], deadline: float) -> bool:
    said_ready = False
    while time.monotonic() < deadline:
        if process.poll() is not None:
            print(f"await_ready: exited with {process.returncode} before ready", file=sys.stderr)
            return False
        readable, _, _ = select.select([sock], [], [], 0.2)
        if not readable:
            continue
        message = sock.recv(4096).decode("ascii", "replace").split("\n")
        said_ready = said_ready or "READY=1" in message
        if said_ready and "WATCHDOG=1" in message:
            return True
    print("await_ready: no READY=1 and watchdog ping in time", file=sys.stderr)
    return False


if __name__ == "__main__":
    sys.exit(main(sys.argv))
