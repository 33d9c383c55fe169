"""What every ``mpp-central`` command shares: exit codes, usage errors, output, the database."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any, TypeAlias

from central.db import Database, DatabaseError, SchemaState, open_database, schema_status
from central.settings import Settings, config_path, load_settings

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
EXIT_FAULT = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad input on the command line: exit 2 with one line on stderr."""


def settings_of(args: argparse.Namespace) -> Settings:
    """The validated configuration the command line selects."""
    return load_settings(config_path(args.config))


def current_database(settings: Settings) -> Database:
    """The configured database, which must be at this service's schema.

    Raises:
        DatabaseError: unreachable, or not (or no longer) at this service's schema.
    """
    db = open_database(settings.database.resolved_url)
    try:
        status = schema_status(db)
    except DatabaseError:
        db.dispose()
        raise
    if status.state is not SchemaState.CURRENT:
        db.dispose()
        if status.state is SchemaState.EMPTY:
            raise DatabaseError("the database has no schema yet: run 'mpp-central init'")
        if status.state is SchemaState.NEWER:
            raise DatabaseError(
                f"the database is at schema {status.current}, newer than this service "
                f"({status.head}): upgrade the service"
            )
        raise DatabaseError(
            f"the database is at schema {status.current}, this service needs {status.head}: "
            "run 'mpp-central init'"
        )
    return db


def emit(args: argparse.Namespace, payload: dict[str, Any], text: str) -> None:
    """Print a result as JSON (``--json``) or as text for a person."""
    print(json.dumps(payload, ensure_ascii=False, default=_jsonable) if args.json else text)


def _jsonable(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def moment(value: datetime | None) -> str:
    """A moment for a person: UTC to the minute, or "never"."""
    return value.strftime("%Y-%m-%d %H:%MZ") if value else "never"
