#!/usr/bin/env python3
"""Write a hall's /etc/mpp-kiosk/kiosk.toml from the documented default and the installer's flags.

Run by installer/install.sh with the new release's Python, so the result is checked by
the application's own settings (every key, with the key's path in the one-line error)
before install.sh puts it in place; TARGET appears whole or not at all (a temporary file,
synced, then renamed). The default's comments and layout are kept: only the
values of ``[site] id``, ``name``, ``timezone``, ``[database] url`` and (when given)
``[central] base_url`` change.

Usage: site_config.py DEFAULT TARGET --site-id ID --name NAME --timezone TZ
       [--database-url URL] [--central-url URL]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    """Write TARGET; exit 2 with one line when a value is refused."""
    parser = argparse.ArgumentParser(prog="site_config.py")
    parser.add_argument("default", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--site-id", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--timezone", required=True)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--central-url", default="")
    args = parser.parse_args(argv)
    text = args.default.read_text(encoding="utf-8")
    for section, key, value in (
        ("site", "id", args.site_id),
        ("site", "name", args.name),
        ("site", "timezone", args.timezone),
        ("database", "url", args.database_url),
        ("central", "base_url", args.central_url),
    ):
        if value or key == "url":
            text = set_value(text, section, key, value)
    temporary = args.target.with_name(f".{args.target.name}.new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        check(temporary, Path("/etc/mpp-kiosk/kiosk.toml"))
    except ValueError as refused:
        temporary.unlink()
        print(f"install.sh: {refused}", file=sys.stderr)
        return 2
    os.replace(temporary, args.target)
    return 0


def set_value(text: str, section: str, key: str, value: str) -> str:
    """``text`` with ``key = value`` in ``[section]`` (a TOML basic string), comment kept."""
    header = re.search(rf"^\[{re.escape(section)}\][ \t]*$", text, re.MULTILINE)
    if header is None:
        raise ValueError(f"the default configuration has no [{section}]")
    end = re.search(r"^\[", text[header.end() :], re.MULTILINE)
    stop = header.end() + end.start() if end else len(text)
    body = text[header.end() : stop]
    line = re.compile(rf'^({re.escape(key)}[ \t]*=[ \t]*)"(?:[^"\\]|\\.)*"', re.MULTILINE)
    if line.search(body) is None:
        raise ValueError(f"the default configuration has no {section}.{key}")
    quoted = json.dumps(value, ensure_ascii=False)  # a valid TOML basic string
    body = line.sub(lambda match: match.group(1) + quoted, body, count=1)
    return text[: header.end()] + body + text[stop:]


def check(path: Path, shown_as: Path) -> None:
    """Refuse a configuration the application would refuse at start."""
    from kiosk.settings import ConfigError, load_settings

    try:
        load_settings(path)
    except ConfigError as refused:
        raise ValueError(str(refused).replace(str(path), str(shown_as))) from None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
