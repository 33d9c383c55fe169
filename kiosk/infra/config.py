"""Reading a TOML configuration file into its pydantic model: one clear line, never a traceback.

The hall's settings and the centre's are read the same way: the file's bytes (at most
``MAX_CONFIG_BYTES``), UTF-8, TOML, then the model in strict types (``"60"`` is not a
number). Every fault is said in words with the key's path, e.g.
``kiosk.scale: must be 'auto' or at most 4.0``; pydantic's own wording never reaches a person.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError

MAX_CONFIG_BYTES = 1 << 20
"""A configuration is a few kilobytes; anything over a megabyte is the wrong file."""

_M = TypeVar("_M", bound=BaseModel)
# The names pydantic gives the members of a union (``literal['auto']``, ``constrained-float``)
# and a dictionary's key (``[key]``) in an error's location: not keys of the file.
_UNION_MEMBER = re.compile(r"^(\[key\]|[a-z-]+\[.*\]|constrained-[a-z]+|int|float|str|bool)$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DATABASES = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg"}
_EXAMPLE_URL = "postgresql+psycopg://user@host/database or sqlite:////path/hall.sqlite3"


class ConfigError(Exception):
    """The configuration file is missing, unreadable or invalid; the message is one line."""


class Section(BaseModel):
    """A table of a configuration: no unknown key, strict types, text without control characters."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, strict=True)

    @field_validator("*", mode="before")
    @classmethod
    def _plain_text(cls, value: object) -> object:
        """A NUL or another control character breaks every file path and every line."""
        if isinstance(value, str) and _CONTROL.search(value):
            raise ValueError("must not hold control characters such as NUL")
        return value


def read_config(path: Path, model: type[_M]) -> _M:
    """Read and validate a configuration file.

    Raises:
        ConfigError: one line naming the file, each faulty key's path and the reason.
    """
    raw = _read_toml(path)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {'; '.join(describe(exc.errors()))}") from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except OSError as exc:
        raise ConfigError(
            f"{path}: cannot read configuration ({exc.strerror or type(exc).__name__})"
        ) from None
    except ValueError:  # a NUL in the path
        raise ConfigError(f"{path!r}: not a file name (it holds a NUL character)") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: over {MAX_CONFIG_BYTES // 1024} KB, not a configuration file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}: line {line} is not UTF-8 text (save the file as UTF-8)"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML (arrays or tables nested too deeply)") from None


def describe(errors: Iterable[Any], *, json: bool = False) -> list[str]:
    """Each faulty key's path and what it must be, in words; a union's faults as one.

    Args:
        errors: pydantic's errors.
        json: say it for a JSON file (an object, quoted numbers read) rather than TOML.
    """
    grouped: dict[str, list[Any]] = {}
    for error in errors:
        where = ".".join(
            str(part)
            for part in error["loc"]
            if not (isinstance(part, str) and _UNION_MEMBER.match(part))
        )
        grouped.setdefault(where, []).append(error)
    faults: list[str] = []
    for where, group in grouped.items():
        wanted = [_wanted(error, json=json) for error in group]
        if all(wanted):
            message = f"must be {' or '.join(w for w in wanted if w)}"
        else:
            message = " or ".join(dict.fromkeys(in_words(error, json=json) for error in group))
        key, colon, reason = message.partition(": ")
        if colon and " " not in key:  # a check across keys names its own key
            where, message = f"{where}.{key}" if where else key, reason
        faults.append(f"{where or '(top level)'}: {message}")
    return faults


def _wanted(error: Any, *, json: bool) -> str | None:
    """What the value must be, as the end of "must be …", for the kinds that say it so."""
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx", {})
    # TOML types are strict: a number in quotes is text. JSON's are read leniently.
    quoted = " (without quotes)" if isinstance(error.get("input"), str) and not json else ""
    if kind in ("literal_error", "enum"):
        return str(ctx["expected"])
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"a whole number{quoted}"
    if kind in ("float_type", "float_parsing", "decimal_type", "decimal_parsing"):
        return f"a number{quoted}"
    if kind in ("bool_type", "bool_parsing"):
        return f"true or false{quoted}"
    if kind == "string_type":
        return "text in quotes"
    if kind in ("list_type", "tuple_type"):
        return "a list like [ ... ]"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "an object { ... }" if json else "a table of keys"
    if kind in ("time_type", "time_parsing"):
        return "a time like 08:00"
    if kind.startswith("date_"):
        return "a date like 2026-12-31"
    if kind.startswith("datetime_"):
        return "a moment like 2026-11-20T08:00:00+07:00"
    bounds = {
        "greater_than_equal": ("at least", "ge"),
        "less_than_equal": ("at most", "le"),
        "greater_than": ("more than", "gt"),
        "less_than": ("less than", "lt"),
    }
    if kind in bounds:
        words, name = bounds[kind]
        return f"{words} {ctx[name]}"
    return None


def in_words(error: Any, *, json: bool = False) -> str:
    """One pydantic error said in words: what the value must be, or what is wrong."""
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx", {})
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "missing (this key is required)"
    if kind == "string_too_short":
        length = ctx.get("min_length", 1)
        return "must not be empty" if length == 1 else f"must be at least {length} characters"
    if kind == "string_too_long":
        return f"must be at most {ctx['max_length']} characters"
    if kind == "too_short":
        return f"needs at least {ctx['min_length']} item(s)"
    if kind == "too_long":
        return f"takes at most {ctx['max_length']} item(s)"
    if kind == "string_pattern_mismatch":
        return f"is not in the expected form ({ctx['pattern']})"
    wanted = _wanted(error, json=json)
    if wanted:
        return f"must be {wanted}"
    return str(error["msg"]).removeprefix("Value error, ")


def database_url(value: str) -> str:
    """A field check: empty (the embedded file), or a SQLite file or PostgreSQL URL.

    The value is never repeated in the message: it may hold a password.
    """
    if not value:
        return value
    try:
        url = make_url(value)
    except (ArgumentError, ValueError):
        raise ValueError(f"not a database URL; write it like {_EXAMPLE_URL}") from None
    backend = url.get_backend_name()
    if backend not in _DATABASES:
        raise ValueError(
            f"unsupported database {url.drivername!r}: only {' and '.join(_DATABASES.values())}"
        )
    if url.drivername not in (backend, _DATABASES[backend]):
        raise ValueError(f"unsupported driver {url.drivername!r}: use {_DATABASES[backend]}")
    if backend == "sqlite":
        _sqlite_file(url.database, url.query)
    return value


def _sqlite_file(database: str | None, query: Any) -> None:
    if not database or database == ":memory:" or query.get("mode") == "memory":
        raise ValueError(
            "an in-memory SQLite database keeps nothing: name a file "
            "(sqlite:////path/hall.sqlite3) or leave url empty for the embedded one"
        )
    folder = Path(database).absolute().parent
    try:
        while not folder.exists() and folder != folder.parent:
            if folder.is_symlink():
                raise ValueError(f"the database's folder cannot be made: {folder} links to nothing")
            folder = folder.parent
        usable = folder.is_dir()
    except OSError as exc:
        raise ValueError(f"the database's folder cannot be reached ({exc.strerror})") from None
    if not usable:
        raise ValueError(f"the database's folder cannot be made: {folder} is not a folder")
