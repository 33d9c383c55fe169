"""Where a reporter lives: provinces and regencies by the Kemendagri codes that open a NIK."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

REGIONS_FILE: Final = Path(__file__).with_name("regions.toml")


@dataclass(frozen=True)
class Region:
    """A province (2-digit code) or a regency or city (4 digits) with its full name."""

    code: str
    name: str

    @property
    def province_code(self) -> str:
        """The province's 2-digit code."""
        return self.code[:2]


@cache
def _table() -> tuple[dict[str, str], dict[str, str]]:
    with REGIONS_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    return dict(data["provinces"]), dict(data["regencies"])


def provinces() -> tuple[Region, ...]:
    """Every province, in code order."""
    names, _ = _table()
    return tuple(Region(code, name) for code, name in sorted(names.items()))


def regencies(province_code: str) -> tuple[Region, ...]:
    """The listed regencies and cities of a province (none when the list has none)."""
    names, regency_names = _table()
    province = names.get(province_code)
    return tuple(
        Region(code, f"{name}, {province}")
        for code, name in sorted(regency_names.items())
        if code[:2] == province_code
    )


def region(code: str) -> Region | None:
    """The region a code stands for: a listed regency, or a province; ``None`` otherwise."""
    names, regency_names = _table()
    if len(code) == 4 and code in regency_names and code[:2] in names:
        return Region(code, f"{regency_names[code]}, {names[code[:2]]}")
    if len(code) == 2 and code in names:
        return Region(code, names[code])
    return None


def is_precise(found: Region) -> bool:
    """Whether nothing finer can be picked: a regency, or a province with none listed."""
    return len(found.code) == 4 or not regencies(found.code)


def region_of_nik(digits: str) -> Region | None:
    """Where a checked NIK was issued: its regency when listed, else its province."""
    return region(digits[:4]) or region(digits[:2])
