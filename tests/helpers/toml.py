"""A small TOML writer for test configurations (tables, arrays of tables, inline names)."""

from __future__ import annotations

import json
from typing import Any


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def dump_toml(document: dict[str, Any]) -> str:
    """TOML text for a document whose tables hold values or arrays of tables."""
    lines: list[str] = []
    for name, section in document.items():
        if isinstance(section, list):
            for item in section:
                lines.append(f"[[{name}]]")
                lines.extend(f"{key} = {_value(value)}" for key, value in item.items())
                lines.append("")
        else:
            lines.append(f"[{name}]")
            lines.extend(f"{key} = {_value(value)}" for key, value in section.items())
            lines.append("")
    return "\n".join(lines)
