"""A real ``mpp-central serve`` process on a free loopback port, for bench and end-to-end tests."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

MPP_CENTRAL = str(Path(sys.executable).with_name("mpp-central"))


@dataclass(frozen=True)
class Centre:
    """A running centre: its base URL and the configuration its commands use."""

    base: str
    config: Path

    def command(self, *args: str) -> str:
        """Run ``mpp-central ARGS`` on this centre's configuration; its standard output.

        Raises:
            RuntimeError: the command failed (its one-line message).
        """
        done = subprocess.run(
            [MPP_CENTRAL, "--config", str(self.config), *args],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"mpp-central {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def add_device(self, site: str) -> str:
        """A new device of ``site``; its bearer token (shown once)."""
        added: dict[str, str] = json.loads(self.command("device", "add", site, "--json"))
        return added["token"]


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(folder: Path, database_url: str, workers: int = 1) -> Iterator[Centre]:
    """``mpp-central init`` then ``serve`` on ``database_url``; stopped at the end.

    Raises:
        RuntimeError: the service did not answer within 30 seconds.
    """
    port = free_port()
    config = folder / "central.toml"
    config.write_text(
        f'[server]\nhost = "127.0.0.1"\nport = {port}\nworkers = {workers}\n'
        f'[database]\nurl = "{database_url}"\n'
        f'[public]\nbase_url = "http://127.0.0.1:{port}"\n'
        f'[keys]\ncomplaints_key = "{folder / "complaints.key"}"\n',
        encoding="utf-8",
    )
    centre = Centre(base=f"http://127.0.0.1:{port}", config=config)
    centre.command("init")
    server = subprocess.Popen(
        [MPP_CENTRAL, "--config", str(config), "serve"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{centre.base}/api/v1/health", timeout=1).raise_for_status()
                break
            except requests.RequestException:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("mpp-central serve did not start") from None
                time.sleep(0.1)
        yield centre
    finally:
        server.terminate()
        server.wait(timeout=20)
