"""A fake ESC/POS thermal printer on a TCP port, and a reader of what a printer was sent.

The fake answers DLE EOT status queries as a printer in the state the test chose (fine,
paper near end, paper out, cover open, silent) and records every other command, so a test
can decode the raster dots of a printed slip back into an image.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass, field

from PIL import Image

DLE_EOT = b"\x10\x04"
RASTER = b"\x1dv0"


@dataclass(frozen=True)
class PrinterState:
    """The status bytes answered to DLE EOT 1, 2 and 4 (None: the printer stays silent)."""

    printer: int | None
    offline: int | None
    paper: int | None

    def answer(self, query: int) -> int | None:
        """The byte for DLE EOT `query`."""
        return {1: self.printer, 2: self.offline, 4: self.paper}.get(query)


FINE = PrinterState(printer=0x16, offline=0x12, paper=0x12)
NEAR_END = PrinterState(printer=0x16, offline=0x12, paper=0x1E)
PAPER_OUT = PrinterState(printer=0x1E, offline=0x32, paper=0x72)
COVER_OPEN = PrinterState(printer=0x1E, offline=0x16, paper=0x12)
SILENT = PrinterState(printer=None, offline=None, paper=None)


def split_commands(data: bytes) -> tuple[list[bytes], bytes]:
    """The complete ESC/POS commands at the start of `data`, and the incomplete rest.

    Knows the commands the back-end sends (DLE EOT n, ESC @, GS v 0 with its dots, GS V
    cut); any other byte is a command of its own.
    """
    commands: list[bytes] = []
    at = 0
    while at < len(data):
        rest = data[at:]
        if rest.startswith(DLE_EOT) or rest.startswith(b"\x1b@"):
            size = 3 if rest.startswith(DLE_EOT) else 2
        elif rest.startswith(RASTER):
            if len(rest) < 8:
                break
            size = 8 + int.from_bytes(rest[4:6], "little") * int.from_bytes(rest[6:8], "little")
        elif rest.startswith(b"\x1dV"):
            size = 4 if rest[2:3] in (b"A", b"B", b"a", b"b") else 3
        else:
            size = 1
        if len(rest) < size:
            break
        commands.append(rest[:size])
        at += size
    return commands, data[at:]


def job_commands(data: bytes) -> list[bytes]:
    """The commands of `data` that are not status queries."""
    commands, rest = split_commands(data)
    assert rest == b"", f"{len(rest)} bytes of an unfinished command"
    return [command for command in commands if not command.startswith(DLE_EOT)]


def raster_image(data: bytes) -> Image.Image:
    """Every GS v 0 band in `data`, stacked top to bottom, as a 1-bit image (white paper)."""
    bands = []
    for command in job_commands(data):
        if command.startswith(RASTER):
            width = int.from_bytes(command[4:6], "little") * 8
            height = int.from_bytes(command[6:8], "little")
            dots = bytes(byte ^ 0xFF for byte in command[8:])  # ESC/POS: 1 = a black dot
            bands.append(Image.frombytes("1", (width, height), dots))
    assert bands, "no raster dots were sent"
    page = Image.new("1", (bands[0].width, sum(band.height for band in bands)), 1)
    top = 0
    for band in bands:
        page.paste(band, (0, top))
        top += band.height
    return page


@dataclass
class FakeNetworkPrinter:
    """A thermal printer listening on 127.0.0.1 (raw TCP, as on port 9100).

    Attributes:
        state: what it answers to status queries; tests change it between jobs.
        connections: how many times a client connected.
        queries: the DLE EOT numbers it was asked, in order.
        received: every byte received that was not a status query.
    """

    state: PrinterState = FINE
    connections: int = 0
    queries: list[int] = field(default_factory=list)
    received: bytearray = field(default_factory=bytearray)
    _server: socket.socket | None = None
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _done: threading.Condition = field(init=False)
    _closed: int = 0

    def __post_init__(self) -> None:
        self._done = threading.Condition(self._lock)

    @property
    def port(self) -> int:
        """The port it listens on."""
        assert self._server is not None
        return int(self._server.getsockname()[1])

    @property
    def device(self) -> str:
        """The ``printer.device`` setting that names it."""
        return f"tcp:127.0.0.1:{self.port}"

    def start(self, port: int = 0) -> FakeNetworkPrinter:
        """Listen (on `port`, or any free one) and serve clients on a thread."""
        server = socket.create_server(("127.0.0.1", port))  # SO_REUSEADDR on POSIX
        self._server = server
        threading.Thread(target=self._serve, args=(server,), daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop listening, as a printer switched off."""
        if self._server is not None:
            with contextlib.suppress(OSError):  # wakes the thread waiting in accept()
                self._server.shutdown(socket.SHUT_RDWR)
            self._server.close()

    def job_bytes(self) -> bytes:
        """What it received, status queries left out, once every client has hung up."""
        with self._done:
            assert self._done.wait_for(lambda: self._closed == self.connections, timeout=10)
            return bytes(self.received)

    def _serve(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
            with client, contextlib.suppress(OSError):
                self._talk(client)
            with self._done:
                self._closed += 1
                self._done.notify_all()

    def _talk(self, client: socket.socket) -> None:
        pending = b""
        while chunk := client.recv(65536):
            commands, pending = split_commands(pending + chunk)
            for command in commands:
                if command.startswith(DLE_EOT):
                    with self._lock:
                        self.queries.append(command[2])
                    answer = self.state.answer(command[2])
                    if answer is not None:
                        client.sendall(bytes([answer]))
                else:
                    with self._lock:
                        self.received += command
