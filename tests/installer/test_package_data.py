"""A release built from a wheel carries every file the packages read, not only the code.

The installer builds releases with pip (not an editable checkout): a data file that
pyproject.toml's package-data does not name is left out, and the screen that needs it
breaks only on a hall's PC (the home screen's icons did, before *.svg was named).
"""

from __future__ import annotations

import fnmatch
import tomllib

from tests.helpers.installer import PROJECT

PACKAGES = ("kiosk", "ui", "printing", "central")


def test_every_data_file_of_the_packages_goes_into_the_wheel() -> None:
    with (PROJECT / "pyproject.toml").open("rb") as handle:
        patterns = tomllib.load(handle)["tool"]["setuptools"]["package-data"]["*"]
    data = [
        path
        for package in PACKAGES
        for path in (PROJECT / package).rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    ]
    assert any(path.suffix == ".svg" for path in data)
    left_out = [
        str(path.relative_to(PROJECT))
        for path in data
        if not any(fnmatch.fnmatch(path.name, pattern) for pattern in patterns)
    ]
    assert left_out == []
