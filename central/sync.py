"""The halls' sync API: ``POST /api/v1/sync/push`` and ``GET /api/v1/sync/pull``.

A hall device authenticates with its bearer token (made by ``mpp-central device add``),
which binds it to one site: everything it pushes is applied to that site, whatever the
body says. A push is read in chunks and refused whole before anything is applied when it
is too large (413, after gunzip too: a gzip bomb is cut off), not gzip or JSON (400), or
not a :class:`~kiosk.sync.contract.PushBatch` (422). Past a device's rate: 429 with
``Retry-After``. The rules of applying live in :mod:`central.apply` and
:mod:`central.pull`; the routes only speak HTTP.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Final

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from starlette.requests import ClientDisconnect

from central.apply import PushApplier
from central.db import Database
from central.deps import Now, ReadSession, SettingsDep, WriteSession, get_database
from central.devices import device_for_token
from central.pull import Cursor, MalformedCursorError, changes_since
from central.ratelimit import RateLimiter
from central.sealing import complaints_sealer
from kiosk.infra.sealed import KeyFileError, Sealer
from kiosk.sync.contract import MAX_PUSH_BYTES, PushBatch, PushResult

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])

BEARER: Final = 'Bearer realm="mpp-central sync"'
GZIP_WBITS: Final = 16 + zlib.MAX_WBITS
"""``zlib`` window bits for the gzip format (header and trailer checked)."""
_SAFE_KEY: Final = re.compile(r"[A-Za-z0-9_.]{1,40}")
_state_lock = threading.Lock()


@dataclass(frozen=True)
class SyncDevice:
    """The device a request came from, and the one site it may write."""

    id: int
    site_id: str


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": BEARER})


def _rate_limiter(request: Request, per_minute: int) -> RateLimiter:
    """The application's limiter, made on first use (one per process: see ``ratelimit``)."""
    with _state_lock:
        limiter: RateLimiter | None = getattr(request.app.state, "sync_rate_limiter", None)
        if limiter is None or limiter.per_minute != per_minute:
            limiter = RateLimiter(per_minute)
            request.app.state.sync_rate_limiter = limiter
        return limiter


def sync_device(
    request: Request,
    db: Annotated[Database, Depends(get_database)],
    settings: SettingsDep,
    now: Now,
) -> SyncDevice:
    """The device of the request's bearer token, seen now, within its rate.

    The lookup and ``last_seen_at`` are a short transaction of their own, committed before
    the body is read: a slow upload never holds the database.

    Raises:
        HTTPException: 401 without a token, or with an unknown or revoked one; 429 past
            the device's rate.
    """
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise _unauthorized("a device token is needed: Authorization: Bearer <token>")
    with db.sessions.begin() as session:
        device = device_for_token(session, token)
        if device is None:
            raise _unauthorized("unknown device token")
        if device.revoked_at is not None:
            raise _unauthorized("this device token was revoked")
        device.last_seen_at = now
        found = SyncDevice(id=device.id, site_id=device.site_id)
    wait = _rate_limiter(request, settings.sync.rate_per_minute).take(found.id)
    if wait is not None:
        raise HTTPException(
            429,
            f"more than {settings.sync.rate_per_minute} requests a minute from this device",
            headers={"Retry-After": str(wait)},
        )
    return found


Device = Annotated[SyncDevice, Depends(sync_device)]


def _too_large() -> HTTPException:
    return HTTPException(413, f"a push body is at most {MAX_PUSH_BYTES} bytes (after gunzip)")


class _Inflater:
    """Gunzips a body chunk by chunk, refusing it once it grows past the limit."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._zlib = zlib.decompressobj(wbits=GZIP_WBITS)
        self.out = bytearray()

    def feed(self, chunk: bytes) -> None:
        data = chunk
        while data:
            if self._zlib.eof:
                raise HTTPException(400, "data after the end of the gzip stream")
            try:
                self.out += self._zlib.decompress(data, self._limit + 1 - len(self.out))
            except zlib.error:
                raise HTTPException(400, "the body is not valid gzip") from None
            if len(self.out) > self._limit:
                raise _too_large()
            data = self._zlib.unconsumed_tail
        if self._zlib.eof and self._zlib.unused_data:
            raise HTTPException(400, "data after the end of the gzip stream")

    def finish(self) -> bytes:
        if not self._zlib.eof:
            raise HTTPException(400, "the gzip stream is truncated")
        return bytes(self.out)


async def read_body(request: Request, limit: int = MAX_PUSH_BYTES) -> bytes:
    """The request body, gunzipped if it says so, never holding more than ``limit`` bytes.

    Raises:
        HTTPException: 413 past ``limit`` (sent or unpacked), 415 for an encoding other
            than gzip, 400 for a broken gzip stream or a malformed length.
    """
    length = request.headers.get("content-length")
    if length is not None:
        if not length.isdigit():
            raise HTTPException(400, "malformed Content-Length")
        if int(length) > limit:
            raise _too_large()
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip"):
        raise HTTPException(415, "a push body is sent as is or with Content-Encoding: gzip")
    inflater = _Inflater(limit) if encoding != "identity" else None
    received = bytearray()
    try:
        async for chunk in request.stream():
            if len(received) + len(chunk) > limit:
                raise _too_large()
            if inflater is not None:
                inflater.feed(chunk)
            received += chunk
    except ClientDisconnect:
        raise HTTPException(400, "the body ended early") from None
    return inflater.finish() if inflater is not None else bytes(received)


def _safe_loc(loc: tuple[int | str, ...]) -> list[str]:
    """Where a fault is; a key the sender made up is not repeated back."""
    return [str(part) if _SAFE_KEY.fullmatch(str(part)) else "?" for part in loc]


def _safe_msg(error: ErrorDetails) -> str:
    """What is wrong, in pydantic's words unless those would repeat the sender's input."""
    if error["type"] == "union_tag_invalid":
        expected = error.get("ctx", {}).get("expected_tags", "")
        return f"unknown kind; expected one of {expected}"
    return str(error["msg"])


def parse_batch(body: bytes) -> PushBatch:
    """The batch in a push body.

    Raises:
        HTTPException: 400 when the body is not JSON (or nests too deeply), 422 when it is
            not a batch or a text holds U+0000; the reason names where, never echoes the
            input.
    """
    try:
        batch = PushBatch.model_validate_json(body)
    except ValidationError as invalid:
        errors = invalid.errors(include_url=False, include_input=False)
        json_fault = next((e for e in errors if e["type"] == "json_invalid"), None)
        if json_fault is not None:
            reason = str(json_fault.get("ctx", {}).get("error", "malformed JSON"))
            raise HTTPException(400, f"the body is not JSON: {reason}"[:200]) from None
        details = [{"loc": _safe_loc(e["loc"]), "msg": _safe_msg(e)} for e in errors[:20]]
        first = details[0]
        message = f"{'.'.join(first['loc']) or 'body'}: {first['msg']}"
        if len(errors) > 1:
            message += f" (and {len(errors) - 1} more)"
        raise HTTPException(422, {"message": message[:300], "details": details}) from None
    if b"\\u0000" in body and _holds_nul(json.loads(body)):
        raise HTTPException(422, "a text holds the character U+0000, which the centre cannot keep")
    return batch


def _holds_nul(value: object) -> bool:
    """Whether a parsed JSON value holds U+0000 anywhere (PostgreSQL text cannot)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


async def push_batch(request: Request, device: Device) -> PushBatch:
    """The pushed batch, read only once the device is known and within its rate."""
    del device  # a dependency for its order: no body is read for an unknown device
    return parse_batch(await read_body(request))


def complaint_sealer(request: Request, settings: SettingsDep) -> Callable[[], Sealer]:
    """Gives the sealer of complaints' personal answers, loading the key on first need.

    A push without complaints never needs the key; when the key cannot be read, only the
    complaints of a push are refused (and sent again later), the rest applies.
    """

    def sealer() -> Sealer:
        with _state_lock:
            loaded: Sealer | None = getattr(request.app.state, "complaint_sealer", None)
            if loaded is None:
                try:
                    loaded = complaints_sealer(settings.keys.complaints_key_path)
                except KeyFileError as fault:
                    log.error("complaints cannot be accepted: %s", fault)
                    raise
                request.app.state.complaint_sealer = loaded
            return loaded

    return sealer


@router.post("/push")
def push(
    batch: Annotated[PushBatch, Depends(push_batch)],
    device: Device,
    session: WriteSession,
    now: Now,
    sealer: Annotated[Callable[[], Sealer], Depends(complaint_sealer)],
    settings: SettingsDep,
) -> PushResult:
    """Apply a batch of the device's site's outbox: the ids accepted, the refused and why."""
    if len(batch.entries) > settings.sync.max_batch:
        raise HTTPException(422, f"a push holds at most {settings.sync.max_batch} entries")
    return PushApplier(session, device.site_id, now, sealer).apply(batch.entries)


def _etag_matches(header: str | None, etag: str) -> bool:
    if header is None:
        return False
    for candidate in header.split(","):
        candidate = candidate.strip().removeprefix("W/").strip('"')
        if candidate in (etag, "*"):
            return True
    return False


@router.get("/pull", response_model=None)
def pull(request: Request, device: Device, session: ReadSession, cursor: str = "") -> Response:
    """What the centre changed since ``cursor`` for the device's site and for every hall.

    ``ETag`` is the next cursor: sent back in ``If-None-Match``, it gives 304 while
    nothing changed.
    """
    try:
        since = Cursor.parse(cursor)
    except MalformedCursorError as malformed:
        raise HTTPException(400, str(malformed)) from None
    result = changes_since(session, device.site_id, since)
    headers = {"ETag": f'"{result.cursor}"', "Cache-Control": "private, no-cache"}
    if _etag_matches(request.headers.get("if-none-match"), result.cursor):
        return Response(status_code=304, headers=headers)
    return Response(result.model_dump_json(), media_type="application/json", headers=headers)
