"""A scripted stand-in for the centre on a loopback port: for the answers a real one rarely gives.

The real ``mpp-central serve`` (``tools.central_server``) is used wherever it can say what
a test needs; this one answers 429, 503, 500 or a proxy's HTML page on demand, and keeps
every request it got (method, path, headers, gunzipped body) for the test to read.
"""

from __future__ import annotations

import gzip
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Answer:
    """One scripted answer."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Received:
    """One request as the fake centre got it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class FakeCentre:
    """The scripted answers still to give, in order, and the requests got so far."""

    base: str
    answers: deque[Answer] = field(default_factory=deque)
    received: list[Received] = field(default_factory=list)

    def answer(self, status: int, body: bytes = b"", **headers: str) -> None:
        """Give this answer to the next request (after those already scripted)."""
        self.answers.append(
            Answer(status, body, {k.replace("_", "-"): v for k, v in headers.items()})
        )


@contextmanager
def fake_centre() -> Iterator[FakeCentre]:
    """A fake centre serving on a free loopback port until the block ends (503 when unscripted)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    centre = FakeCentre(base=f"http://127.0.0.1:{server.server_address[1]}")

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length) if length else b""
            if self.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            centre.received.append(
                Received(self.command, self.path, dict(self.headers.items()), body)
            )
            answer = centre.answers.popleft() if centre.answers else Answer(503)
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        do_GET = do_POST = _serve  # noqa: N815 (http.server's names)

        def log_message(self, format: str, *args: object) -> None:
            del format, args

    server.RequestHandlerClass = Handler
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield centre
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
