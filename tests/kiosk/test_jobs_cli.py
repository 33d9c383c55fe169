"""The ``mpp-kiosk jobs`` commands as an operator runs them: import, search, schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.demo.jobs import DEMO_FEED, seed_demo_jobs
from kiosk.hall import open_hall
from kiosk.jobs.feed import feed_schema
from kiosk.settings import load_settings
from tests.helpers.feeds import feed, posting


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_counts_and_exits_0_when_all_is_good(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "--config", str(config_file), "jobs", "import", str(DEMO_FEED))
    assert code == 0
    assert "P3MI 10 added, 0 updated; postings 60 added, 0 updated; rates 12" in out
    code, out, _ = _run(
        capsys, "--config", str(config_file), "jobs", "import", "--json", str(DEMO_FEED)
    )
    report = json.loads(out)
    assert (code, report["postings"], report["rejected"]) == (0, {"added": 0, "updated": 60}, [])


def test_import_lists_each_rejected_record_and_exits_1(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(feed([posting("A"), posting("B", quota=0)]))
    code, out, _ = _run(capsys, "--config", str(config_file), "jobs", "import", str(path))
    assert code == 1
    assert "postings 1 added" in out
    assert "rejected 1 record(s):\n  postings[1].quota: must be at least 1" in out


def test_an_unreadable_feed_exits_2_with_one_line(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "feed.json"
    path.write_text("{oops", encoding="utf-8")
    code, out, err = _run(capsys, "--config", str(config_file), "jobs", "import", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"mpp-kiosk: {path}: not valid JSON")
    assert err.count("\n") == 1


def test_search_prints_the_shown_postings_as_json(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hall = open_hall(load_settings(config_file))
    try:
        seed_demo_jobs(hall)
    finally:
        hall.close()
    argv = ["--config", str(config_file), "jobs", "search", "--json"]
    code, out, _ = _run(capsys, *argv, "perawat", "--country", "de")
    result = json.loads(out)
    assert code == 0
    assert result["total"] == 3
    assert {p["country"] for p in result["postings"]} == {"DE"}
    assert result["postings"][0]["salary"] == {"amount": "2800.00", "currency": "EUR"}
    code, out, _ = _run(capsys, *argv[:-1], "caregiver", "--limit", "2")
    assert code == 0
    assert out.splitlines()[0].endswith("posting(s)")
    assert len(out.splitlines()) == 3


def test_schema_prints_the_documented_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "jobs", "schema")
    assert code == 0
    assert json.loads(out) == feed_schema()
