"""Flags as an operator types them, careless or hostile: one line and exit 2, or the answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.demo.jobs import DEMO_FEED


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("limit", ["99999999999999999999", "0", "-3", "100001"])
def test_a_search_limit_out_of_range_is_one_line(
    config_file: Path, capsys: pytest.CaptureFixture[str], limit: str
) -> None:
    code, out, err = _run(
        capsys, "--config", str(config_file), "jobs", "search", "perawat", "--limit", limit
    )
    assert (code, out) == (2, "")
    assert err == f"mpp-kiosk: --limit must be from 1 to 100,000, not {limit}\n"


def test_the_largest_search_limit_lists_every_posting(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "--config", str(config_file), "jobs", "import", str(DEMO_FEED))
    code, out, _ = _run(
        capsys, "--config", str(config_file), "jobs", "search", "--limit", "100000", "--json"
    )
    found = json.loads(out)
    assert code == 0
    assert len(found["postings"]) == found["total"] > 20


@pytest.mark.parametrize(
    "argv",
    [
        ["--json", "jobs", "search", "--limit", "3"],
        ["jobs", "search", "--limit", "3", "--json"],
        ["--json", "jobs", "search", "--limit", "3", "--json"],
    ],
)
def test_json_works_before_and_after_the_command(
    config_file: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    _run(capsys, "--config", str(config_file), "jobs", "import", str(DEMO_FEED))
    code, out, err = _run(capsys, "--config", str(config_file), *argv)
    assert (code, err) == (0, "")
    assert len(json.loads(out)["postings"]) == 3


def test_without_json_the_answer_is_for_a_person(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "--config", str(config_file), "jobs", "import", str(DEMO_FEED))
    code, out, _ = _run(capsys, "--config", str(config_file), "jobs", "search", "--limit", "2")
    assert code == 0
    assert out.splitlines()[0].endswith("posting(s)")
