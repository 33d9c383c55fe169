"""Reading a feed file as a stream: each record checked on its own, memory flat in the file's size.

A feed of 100,000 postings is about 100 MB; read whole, its JSON tree took 14 times that.
Here the file is parsed as a stream of events (ijson) twice: the first pass checks the
header, the P3MI and the rates and only counts its way over the postings; the second hands
out the postings in batches, each checked on its own. A record that is not right (a salary of
1e25, a field nested a thousand deep, a duplicate id) is left out with its reason; a file that
cannot be read, is not JSON, is larger than the cap or is not a feed at the top is refused
whole. Nothing here touches a database: the hall and the centre each write what it hands out.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final, TypeVar

import ijson  # type: ignore[import-untyped]
from ijson.common import ObjectBuilder  # type: ignore[import-untyped]
from pydantic import BaseModel, ValidationError

from kiosk.infra.config import describe, in_words
from kiosk.jobs.feed.records import FeedHeader, P3miRecord, PostingRecord, RateRecord

DEFAULT_MAX_MB: Final = 128
"""The largest feed file read unless the command says otherwise (100,000 postings ≈ 105 MB)."""
MAX_DEPTH: Final = 8
"""How deep a record may nest (a posting nests 3 levels)."""
BATCH: Final = 5000
"""Postings handed out at once."""

_R = TypeVar("_R", bound=BaseModel)
_OPEN = frozenset(("start_map", "start_array"))
_CLOSE = frozenset(("end_map", "end_array"))
_HEADER = frozenset(FeedHeader.model_fields)
_ARRAYS = ("p3mi", "postings", "rates")
_BOM = b"\xef\xbb\xbf"
MAX_DIGITS: Final = 1000
_DIGITS = b"0123456789"
_LONG_DIGITS = re.compile(rb"[0-9]{%d}" % (MAX_DIGITS + 1))
_LOCATED_BYTES = 8 * 2**20  # a file this small is read again whole to say where it breaks


MAX_MB_LIMIT: Final = 4096


class FeedError(Exception):
    """The file cannot be used at all (unreadable, not JSON, too large, not a feed)."""


class _TooLargeError(Exception):
    """The file went past the cap while being read."""


class _LongNumberError(Exception):
    """A run of digits longer than any value: the parser cannot hold it as a number."""


@dataclass(frozen=True)
class Rejection:
    """One fault of a record left out: the record (``postings[12]``), the field and why."""

    record: str
    field: str
    reason: str

    @property
    def position(self) -> str:
        """Record and field together, e.g. ``postings[12].salary.currency``."""
        return f"{self.record}.{self.field}" if self.field else self.record


class FeedFile:
    """A feed file checked record by record: header, P3MI and rates at once, postings in batches.

    Raises:
        FeedError: on opening, when the file is unusable; nothing of it is handed out then.
    """

    def __init__(self, source: Path | bytes, *, max_mb: int = DEFAULT_MAX_MB) -> None:
        if not 1 <= max_mb <= MAX_MB_LIMIT:
            raise FeedError(f"--max-mb must be from 1 to {MAX_MB_LIMIT}, not {max_mb}")
        self.name = str(source) if isinstance(source, Path) else "feed"
        self._source = source
        self._max_bytes = max_mb * 2**20
        self._max_mb = max_mb
        self._rejected: list[Rejection] = []
        self.header, self.p3mi, self.rates = self._first_pass()

    @property
    def rejected(self) -> tuple[Rejection, ...]:
        """Every fault of every record left out so far, in file order."""
        return tuple(sorted(self._rejected, key=_order))

    def postings(self, batch: int = BATCH) -> Iterator[list[tuple[str, PostingRecord]]]:
        """The good postings with their positions, ``batch`` at a time; the first of an id wins."""
        first: dict[object, str] = {}
        good: list[tuple[str, PostingRecord]] = []
        with self._parsing(), self._opened() as stream:
            # Built by the parser's C code: the first pass found one "postings", an array.
            items = ijson.items(stream, "postings.item", use_float=False)
            for index, item in enumerate(items):
                where = f"postings[{index}]"
                checked = _DEEP if _too_deep(item) else item
                record = self._checked(PostingRecord, where, checked, "id", first)
                if record is not None:
                    good.append((where, record))
                if len(good) >= batch:
                    yield good
                    good = []
        if good:
            yield good

    def placeable(
        self, batch: list[tuple[str, PostingRecord]], licences: Collection[str]
    ) -> list[PostingRecord]:
        """The postings of a batch whose P3MI is known (a P to P posting names one)."""
        placed: list[PostingRecord] = []
        for where, record in batch:
            if record.p3mi_licence is None or record.p3mi_licence in licences:
                placed.append(record)
            else:
                reason = f"unknown P3MI licence {record.p3mi_licence!r}"
                self._rejected.append(Rejection(where, "p3mi_licence", reason))
        return placed

    # -- the passes -------------------------------------------------------------------------

    def _first_pass(
        self,
    ) -> tuple[FeedHeader, list[tuple[str, P3miRecord]], list[tuple[str, RateRecord]]]:
        header: dict[str, object] = {}
        faults: list[str] = []
        p3mi: list[tuple[str, P3miRecord]] = []
        rates: list[tuple[str, RateRecord]] = []
        seen: set[str] = set()
        with self._parsing():
            for key, event, value in self._top_level():
                if key in seen:
                    faults.append(f"{_named(key)}: given twice")
                    self._pass_over(event)
                    continue
                seen.add(key)
                if key in _ARRAYS and event != "start_array":
                    faults.append(f"{key}: must be a list [ ... ]")
                    self._pass_over(event)
                elif key == "p3mi":
                    p3mi = self._records(P3miRecord, key, "licence_number")
                elif key == "rates":
                    rates = self._records(RateRecord, key, "currency")
                elif key == "postings":
                    self._skip(1)  # the second pass reads them
                elif key in _HEADER:
                    header[key] = self._value(event, value)
                else:
                    faults.append(f"{_named(key)}: unknown key")
                    self._pass_over(event)
        if "postings" not in seen:
            faults.append("postings: missing (this key is required)")
        try:
            checked = FeedHeader.model_validate(header)
        except ValidationError as exc:
            faults = describe(exc.errors(), json=True) + faults
        if faults:
            raise FeedError(f"{self.name}: not a jobs feed ({'; '.join(faults)})")
        return checked, p3mi, rates

    def _records(self, model: type[_R], array: str, key: str) -> list[tuple[str, _R]]:
        first: dict[object, str] = {}
        good: list[tuple[str, _R]] = []
        for where, item in self._items(array):
            record = self._checked(model, where, item, key, first)
            if record is not None:
                good.append((where, record))
        return good

    @contextmanager
    def _parsing(self) -> Iterator[None]:
        """Turn what the parser and the cap raise into one line."""
        try:
            yield
        except _TooLargeError:
            raise FeedError(
                f"{self.name}: larger than {self._max_mb} MB; a larger feed needs --max-mb"
            ) from None
        except _LongNumberError:
            raise FeedError(
                f"{self.name}: not valid JSON (a run of more than {MAX_DIGITS:,} digits; "
                "no value of a feed is that long)"
            ) from None
        except (ijson.JSONError, ValueError) as exc:
            raise FeedError(f"{self.name}: {self._json_fault(exc)}") from None

    def _json_fault(self, exc: Exception) -> str:
        """Why the file is not JSON; for a small file with the line and column of the fault."""
        text = exc.args[0] if exc.args else ""
        if isinstance(text, bytes) or "UTF8" in str(text):
            return "not UTF-8 text"
        try:
            with self._opened() as stream:
                small = stream.read(_LOCATED_BYTES + 1)
            if len(small) <= _LOCATED_BYTES:
                json.loads(small.decode("utf-8"))
        except json.JSONDecodeError as located:
            return f"not valid JSON (line {located.lineno}, column {located.colno}: {located.msg})"
        except (FeedError, _TooLargeError, _LongNumberError, RecursionError, ValueError):
            pass
        lines = str(text).strip().splitlines()
        return f"not valid JSON ({lines[0].rstrip('.') if lines else type(exc).__name__})"

    def _top_level(self) -> Iterator[tuple[str, str, object]]:
        """Each top-level key with the event and value its value starts with.

        The caller reads the rest of the value from ``self._events`` before the next key.
        """
        with self._opened() as stream:
            self._events = ijson.basic_parse(stream, use_float=False)
            if next(self._events, ("end", None))[0] != "start_map":
                raise FeedError(
                    f"{self.name}: not a jobs feed (top level: must be an object {{ ... }})"
                )
            for event, value in self._events:
                if event == "end_map":
                    break
                first, start = next(self._events)
                yield str(value), first, start
            for _ in self._events:  # the parser refuses anything after the object
                pass

    def _opened(self) -> _Capped:
        try:
            stream: IO[bytes] = (
                self._source.open("rb")
                if isinstance(self._source, Path)
                else io.BytesIO(self._source)
            )
        except OSError as exc:
            raise FeedError(f"{self.name}: cannot read the file ({exc.strerror})") from None
        except ValueError:
            raise FeedError(f"{self.name!r}: not a file name (it holds a NUL)") from None
        return _Capped(stream, self._max_bytes)

    def _items(self, array: str) -> Iterator[tuple[str, Any]]:
        """The elements of an array whose start was read, with their positions."""
        for index, (event, value) in enumerate(self._events):
            if event == "end_array":
                return
            yield f"{array}[{index}]", self._value(event, value)

    def _value(self, event: str, value: object = None) -> Any:
        """One JSON value starting at ``event``, built without recursion; too deep: ``_DEEP``."""
        if event not in _OPEN:
            return value
        builder = ObjectBuilder()
        builder.event(event, value)
        depth = 1
        for event, value in self._events:
            if event in _OPEN:
                depth += 1
                if depth > MAX_DEPTH:
                    self._skip(depth)
                    return _DEEP
            elif event in _CLOSE:
                depth -= 1
            builder.event(event, value)
            if depth == 0:
                return builder.value
        return builder.value

    def _pass_over(self, event: str) -> None:
        """Read past a value that starts with ``event``."""
        if event in _OPEN:
            self._skip(1)

    def _skip(self, depth: int) -> None:
        """Read past the open containers, ``depth`` of them."""
        for event, _ in self._events:
            if event in _OPEN:
                depth += 1
            elif event in _CLOSE:
                depth -= 1
                if depth == 0:
                    return

    def _checked(
        self, model: type[_R], where: str, item: Any, key: str, first: dict[object, str]
    ) -> _R | None:
        """The record if it is good and its key new; else its faults are noted."""
        if item is _DEEP:
            self._rejected.append(Rejection(where, "", f"nested more than {MAX_DEPTH} deep"))
            return None
        try:
            record = model.model_validate(item)
        except ValidationError as exc:
            self._rejected.extend(
                Rejection(where, _field(error["loc"]), _reason(error)) for error in exc.errors()
            )
            return None
        value = getattr(record, key)
        if value in first:
            reason = f"duplicate {key} {value!r}, first at {first[value]}"
            self._rejected.append(Rejection(where, key, reason))
            return None
        first[value] = where
        return record


class _Deep:
    """A value nested deeper than any record; it was read past, not built."""


_DEEP: Final = _Deep()


class _Capped:
    """A file read through a byte cap (``/dev/zero`` ends here), without its UTF-8 BOM.

    It also refuses a run of digits longer than ``MAX_DIGITS`` before the parser sees it:
    the C parser turns a number of over 4,300 digits into a Python error it then crashes on.
    """

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self._stream = stream
        self._limit = limit
        self._read = 0
        self._digits = 0  # the run of digits the last chunk ended with

    def read(self, size: int = -1) -> bytes:
        chunk = self._stream.read(size)
        if self._read == 0 and chunk.startswith(_BOM):
            chunk = chunk[len(_BOM) :]
        self._read += len(chunk)
        if self._read > self._limit:
            raise _TooLargeError
        if chunk:
            self._check_digits(chunk)
        return chunk

    def _check_digits(self, chunk: bytes) -> None:
        leading = len(chunk) - len(chunk.lstrip(_DIGITS))
        if self._digits + leading > MAX_DIGITS or _LONG_DIGITS.search(chunk):
            raise _LongNumberError
        trailing = len(chunk) - len(chunk.rstrip(_DIGITS))
        self._digits = self._digits + trailing if trailing == len(chunk) else trailing

    def __enter__(self) -> _Capped:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stream.close()


def _too_deep(value: object) -> bool:
    """Whether a built value nests more than ``MAX_DEPTH`` containers deep (no recursion)."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _field(loc: tuple[int | str, ...]) -> str:
    return "".join(
        f"[{part}]" if isinstance(part, int) else f".{_named(part)}" for part in loc
    ).lstrip(".")


def _named(key: str) -> str:
    """A key as written in a message: quoted when it is not a plain name (a newline, a dot)."""
    return key if key.isidentifier() else json.dumps(key)


def _reason(error: Any) -> str:
    return in_words(error, json=True)


def _order(rejection: Rejection) -> tuple[str, int]:
    array, _, index = rejection.record.partition("[")
    return array, int(index.rstrip("]"))
