"""Back up a hall (its SQLite database and complaints key files) and restore it.

A backup is taken with SQLite's online backup API, so the kiosk keeps running meanwhile,
and sealed with a passphrase (``kiosk.backup.archive``). A restore reads the whole file,
checks it (the seal, each part's SHA-256, ``PRAGMA integrity_check``, the schema is one this
app knows) before touching anything, migrates a copy if it is older, and then copies it into
the hall database in one SQLite transaction: the database is the old one or the restored
one, never half of each.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from sqlalchemy.engine import make_url

from kiosk import __version__
from kiosk.backup.archive import BackupFileError, open_sealed, seal
from kiosk.db import DatabaseError, SchemaState, migrate, open_database, resolve_url, schema_status
from kiosk.hall_key import key_path, next_path
from kiosk.infra.sealed import sync_folder, write_secret
from kiosk.settings import Settings

DATABASE: Final = "hall.sqlite3"
MANIFEST: Final = "manifest.json"
SUFFIX: Final = ".mppbak"
_STAMP: Final = "%Y%m%dT%H%M%S%fZ"
_BUSY_S: Final = 5.0
_SQLITE_BUSY: Final = 5
_SQLITE_LOCKED: Final = 6


class BackupError(Exception):
    """The backup or restore cannot be done; one line saying why (nothing was changed)."""


class BackupRefusedError(BackupError):
    """The file, the passphrase or the setting given is not usable (bad input)."""


@dataclass(frozen=True)
class Made:
    """A backup written: where, how big, the schema it holds, older backups removed."""

    path: Path
    size: int
    schema: str | None
    keys: tuple[str, ...]
    removed: tuple[Path, ...]


@dataclass(frozen=True)
class Backup:
    """A backup file opened and checked: its manifest and its parts."""

    site: str
    created: str
    schema: str | None
    app: str
    parts: dict[str, bytes]

    @property
    def keys(self) -> tuple[str, ...]:
        """The key files it holds."""
        return tuple(name for name in self.parts if name not in (DATABASE, MANIFEST))


def sqlite_file(settings: Settings) -> Path:
    """The hall's SQLite database file.

    Raises:
        BackupError: the hall is on PostgreSQL (back it up with pg_dump).
    """
    url = make_url(resolve_url(settings.database.url))
    if url.get_backend_name() != "sqlite" or not url.database:
        raise BackupRefusedError(
            "this hall's database is PostgreSQL: back it up on the database server with "
            "pg_dump --format=custom and keep a copy of the complaints key file "
            f"{key_path()} (see README, Backups)"
        )
    return Path(url.database)


def make_backup(settings: Settings, folder: Path, passphrase: bytes, keep: int) -> Made:
    """Write a sealed backup of the hall into `folder` and keep only the newest `keep`.

    Raises:
        BackupError: no database yet, the hall is on PostgreSQL, or the folder or the
            database cannot be used.
    """
    source = sqlite_file(settings)
    if not source.is_file():
        raise BackupError(f"no hall database at {source}: run 'mpp-kiosk init' first")
    database = _snapshot(source)
    keys = {path.name: path.read_bytes() for path in _key_files() if path.is_file()}
    now = datetime.now(UTC)
    parts = {DATABASE: database, **keys}
    schema = _revision(database)
    manifest = {
        "app": __version__,
        "site": settings.site.id,
        "created": now.isoformat(),
        "schema": schema,
        "sha256": {name: hashlib.sha256(content).hexdigest() for name, content in parts.items()},
    }
    sealed = seal({MANIFEST: json.dumps(manifest).encode(), **parts}, passphrase)
    target = folder / f"mpp-kiosk-{settings.site.id}-{now.strftime(_STAMP)}{SUFFIX}"
    try:
        written = write_secret(target, sealed)
    except OSError as exc:
        raise BackupError(f"cannot write the backup into {folder}: {exc.strerror}") from None
    if not written:
        raise BackupError(f"{target} is there already; no backup written")
    return Made(
        path=target,
        size=len(sealed),
        schema=schema,
        keys=tuple(keys),
        removed=_rotate(folder, settings.site.id, keep),
    )


def read_backup(path: Path, passphrase: bytes) -> Backup:
    """Open and check a backup file; nothing is changed.

    Raises:
        BackupError: unreadable, not a backup, the wrong passphrase, damaged (a part's
            checksum, the database's integrity check).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BackupRefusedError(f"cannot read {path}: {exc.strerror}") from None
    try:
        parts = open_sealed(data, passphrase)
        manifest = json.loads(parts.pop(MANIFEST))
        sums: dict[str, str] = manifest["sha256"]
        if set(sums) != set(parts) or DATABASE not in parts:
            raise BackupFileError("its parts are not the ones its manifest lists")
        for name, content in parts.items():
            if hashlib.sha256(content).hexdigest() != sums[name]:
                raise BackupFileError(f"{name} does not match its checksum")
        _integrity(parts[DATABASE])
        return Backup(
            site=str(manifest["site"]),
            created=str(manifest["created"]),
            schema=_revision(parts[DATABASE]),
            app=str(manifest["app"]),
            parts=parts,
        )
    except (BackupFileError, KeyError, ValueError, TypeError) as exc:
        reason = exc if isinstance(exc, BackupFileError) else f"its manifest is damaged ({exc})"
        raise BackupRefusedError(f"{path.name}: {reason}; nothing was restored") from None


def restore_backup(settings: Settings, backup: Backup) -> str | None:
    """Put `backup` in place of the hall's database and key files; the schema restored.

    Raises:
        BackupError: the backup is another site's or from a newer schema, or the database
            is in use or cannot be written; nothing was changed.
    """
    if backup.site != settings.site.id:
        raise BackupRefusedError(
            f"the backup is of site {backup.site!r}, this device is configured for "
            f"{settings.site.id!r}; nothing was restored"
        )
    target = sqlite_file(settings)
    try:
        open_database(f"sqlite:///{target}").dispose()  # a new device's file: made 0600
    except DatabaseError as exc:
        raise BackupError(f"cannot restore into {target}: {exc}") from None
    with _staged(target, backup.parts[DATABASE]) as staged:
        schema = _current(staged)
        with _keys_in_place(backup):
            try:
                with (
                    contextlib.closing(sqlite3.connect(staged)) as source,
                    contextlib.closing(sqlite3.connect(target)) as destination,
                ):
                    source.backup(destination, progress=_waited_at_most(_BUSY_S))
            except (sqlite3.Error, _InUseError) as exc:
                raise BackupError(
                    f"cannot restore into {target}: {exc}; stop the kiosk, staff and sync "
                    "services first (nothing was restored)"
                ) from None
    return schema


class _InUseError(Exception):
    """Another connection kept the hall database locked."""


def _waited_at_most(seconds: float) -> Callable[[int, int, int], None]:
    """A backup progress callback ending the copy once the destination stayed locked.

    (Python's ``backup`` retries a locked database for ever.)
    """
    deadline = time.monotonic() + seconds

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (_SQLITE_BUSY, _SQLITE_LOCKED) and time.monotonic() > deadline:
            raise _InUseError(f"the database stayed in use for {seconds:g} s")

    return progress


def _snapshot(source: Path) -> bytes:
    """The database as one consistent image, taken while others may be writing."""
    try:
        with (
            contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as live,
            contextlib.closing(sqlite3.connect(":memory:")) as copy,
        ):
            live.backup(copy)
            image = _rollback_journal(copy.serialize())
    except sqlite3.Error as exc:
        raise BackupError(f"cannot read the hall database {source}: {exc}") from None
    try:
        _integrity(image)
    except BackupFileError as exc:
        raise BackupError(f"hall database {source}: {exc}; no backup written") from None
    return image


def _rollback_journal(image: bytes) -> bytes:
    """`image` marked as a rollback-journal database (header bytes 18 and 19 set to 1).

    A copy of a WAL database keeps the WAL mark, and SQLite cannot open such an image in
    memory; the hall database sets WAL again when it is opened.
    """
    return image[:18] + b"\x01\x01" + image[20:] if len(image) > 20 else image


def _integrity(image: bytes) -> None:
    with _loaded(image) as connection:
        try:
            verdict = connection.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.Error as exc:
            raise BackupFileError(f"the database is not readable ({exc})") from None
    if verdict != [("ok",)]:
        raise BackupFileError(f"the database fails its integrity check ({verdict[0][0]})")


def _revision(image: bytes) -> str | None:
    with _loaded(image) as connection:
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            return None
    return None if row is None else str(row[0])


@contextlib.contextmanager
def _loaded(image: bytes) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(image)
        yield connection
    except sqlite3.DatabaseError as exc:
        raise BackupFileError(f"the database is not readable ({exc})") from None
    finally:
        connection.close()


@contextlib.contextmanager
def _staged(target: Path, image: bytes) -> Iterator[Path]:
    """The backup's database as a file beside `target` (same disk), removed at the end."""
    staged = target.with_name(f".{target.name}.restoring")
    for leftover in _with_journals(staged):
        leftover.unlink(missing_ok=True)
    try:
        write_secret(staged, image)
        yield staged
    finally:
        for path in _with_journals(staged):
            path.unlink(missing_ok=True)


def _current(staged: Path) -> str | None:
    """Refuse a newer schema; bring an older one up to this app's (on the copy)."""
    db = open_database(f"sqlite:///{staged}")
    try:
        status = schema_status(db)
        if status.state is SchemaState.NEWER:
            raise BackupRefusedError(
                f"the backup's schema {status.current} is newer than this app's "
                f"({status.head}): install the newer app first; nothing was restored"
            )
        return migrate(db).current
    except DatabaseError as exc:
        raise BackupError(f"the backup cannot be brought up to date: {exc}") from None
    finally:
        db.dispose()


@contextlib.contextmanager
def _keys_in_place(backup: Backup) -> Iterator[None]:
    """The backup's key files in place for the block; the old ones back if it fails.

    A key file the backup does not hold stays as it is (a hall backed up before it had a
    key has nothing sealed the device's key could not open).
    """
    before = {path: path.read_bytes() for path in _key_files() if path.is_file()}
    written: list[Path] = []
    try:
        for path in _key_files():
            if path.name in backup.parts:
                write_secret(path, backup.parts[path.name], replace=True)
                written.append(path)
        yield
    except BaseException:
        for path in written:
            if path in before:
                write_secret(path, before[path], replace=True)
            else:
                path.unlink(missing_ok=True)
        raise


def _key_files() -> tuple[Path, ...]:
    key = key_path()
    return key, next_path(key)


def _with_journals(path: Path) -> tuple[Path, ...]:
    return path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")


def _rotate(folder: Path, site: str, keep: int) -> tuple[Path, ...]:
    """Remove this site's backups in `folder` beyond the newest `keep`."""
    pattern = re.compile(rf"mpp-kiosk-{re.escape(site)}-\d{{8}}T\d{{12}}Z{re.escape(SUFFIX)}")
    ours = sorted(path for path in folder.iterdir() if pattern.fullmatch(path.name))
    removed = tuple(ours[:-keep]) if len(ours) > keep else ()
    for path in removed:
        path.unlink(missing_ok=True)
    if removed:
        sync_folder(folder)
    return removed
