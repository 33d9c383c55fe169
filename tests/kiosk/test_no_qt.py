"""The core runs with Qt made unimportable: every kiosk module imports and init works."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import site_config

ROOT = Path(__file__).resolve().parents[2]


def test_kiosk_core_imports_and_runs_without_qt(tmp_path: Path) -> None:
    config = site_config(tmp_path, f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    script = textwrap.dedent(
        f"""
        import importlib, importlib.abc, pkgutil, sys

        class NoQt(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6"):
                    raise ImportError(f"Qt is not installed here: {{name}}")
                return None

        sys.meta_path.insert(0, NoQt())
        import kiosk, printing
        for package in (kiosk, printing):
            for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
                if not module.name.startswith("kiosk.migrations"):
                    importlib.import_module(module.name)
        from kiosk.cli import main
        sys.exit(main(["--config", {str(config)!r}, "init", "--demo"]))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "3 demo staff added" in result.stdout
