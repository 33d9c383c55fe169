"""A kiosk staged once per run; tests that change it work on a copy of their own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.installer import install


@pytest.fixture(scope="session")
def staged_kiosk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """install.sh --role kiosk staged once; read it, never change it."""
    root = tmp_path_factory.mktemp("kiosk") / "root"
    install(root, "--central-url", "https://rekam.kp2mi.example/uji")
    return root


@pytest.fixture
def kiosk_copy(staged_kiosk: Path, tmp_path: Path) -> Path:
    """A copy of the staged kiosk this test may change (links kept as links)."""
    root = tmp_path / "root"
    shutil.copytree(staged_kiosk, root, symlinks=True)
    return root
