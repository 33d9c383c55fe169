"""What every ``mpp-kiosk`` command shares: exit codes, usage errors, output, the hall."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TypeAlias

from kiosk.clock import system_clock
from kiosk.hall import Hall, open_hall
from kiosk.settings import Settings, config_path, load_settings

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
EXIT_FAULT = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad input on the command line: exit 2 with one line on stderr."""


def settings_of(args: argparse.Namespace) -> Settings:
    """The validated configuration the command line selects."""
    return load_settings(config_path(args.config))


def hall_of(args: argparse.Namespace) -> Hall:
    """The hall the command line selects, migrated and mirrored from configuration."""
    return open_hall(settings_of(args), system_clock)


def emit(args: argparse.Namespace, payload: dict[str, Any], text: str) -> None:
    """Print a result as JSON (``--json``) or as text for a person."""
    print(json.dumps(payload, ensure_ascii=False) if args.json else text)


def write_report(path: Path, data: bytes | str) -> None:
    """Write a report file (a PDF's bytes, or CSV text in UTF-8).

    Raises:
        UsageError: the file cannot be written (one line naming it and why).
    """
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
