"""Hostile jobs feeds: a bad record is left out alone; an unusable file is one line, no write."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk import cli
from kiosk.hall import Hall
from kiosk.jobs.importer import FeedError, ImportReport, import_feed
from kiosk.models import ExchangeRate, Posting
from tests.helpers.clock import clock_fixture
from tests.helpers.feeds import FEED_DAY_9, feed, load, posting

clock = clock_fixture(FEED_DAY_9)
DEEP = b"[" * 10_000 + b"]" * 10_000
DEEP_OBJECT = b'{"a": ' * 10_000 + b"1" + b"}" * 10_000


def _postings(hall: Hall) -> list[str]:
    with hall.db.reads() as session:
        return sorted(session.scalars(select(Posting.feed_id)))


def _with(content: bytes, placeholder: str, value: bytes) -> bytes:
    return content.replace(json.dumps(placeholder).encode(), value)


@pytest.mark.parametrize("nested", [DEEP, DEEP_OBJECT])
def test_a_record_nested_ten_thousand_deep_is_left_out_alone(hall: Hall, nested: bytes) -> None:
    content = feed([posting("A"), posting("B", requirements="@deep"), posting("C")])
    report = load(hall, _with(content, "@deep", nested))
    assert [(r.position, r.reason) for r in report.rejected] == [
        ("postings[1]", "nested more than 8 deep")
    ]
    assert _postings(hall) == ["A", "C"]


def test_a_feed_nested_ten_thousand_deep_is_one_line(hall: Hall) -> None:
    with pytest.raises(FeedError, match=r"^feed: not a jobs feed \(top level: must be an object"):
        load(hall, DEEP)
    content = _with(feed([posting("A")]), "Uji", DEEP)  # the feed's source
    with pytest.raises(FeedError, match=r"^feed: not a jobs feed \(source: must be text in quotes"):
        load(hall, content)
    assert _postings(hall) == []


@pytest.mark.parametrize(
    ("fields", "position", "reason"),
    [
        ({"salary": {"amount": "@huge", "currency": "TWD"}}, "salary.amount", "at most 10000"),
        ({"salary": {"amount": "@e25", "currency": "JPY"}}, "salary.amount", "at most 10000"),
        (
            {"worker_costs": {"amount_idr": "@huge"}, "job_type": None},
            "worker_costs.amount_idr",
            "must be at most 1000000000000",
        ),
        ({"quota": "@huge"}, "quota", "must be at most 100000"),
    ],
)
def test_a_number_past_any_column_rejects_only_its_record(
    hall: Hall, fields: dict[str, Any], position: str, reason: str
) -> None:
    content = feed(
        [posting("A"), posting("B", **fields), posting("C")],
        rates=[{"currency": "TWD", "idr": "512.40", "as_of": "2026-11-20"}],
    )
    content = _with(_with(content, "@huge", str(10**30).encode()), "@e25", b"1e25")
    report = load(hall, content)
    assert [r.position for r in report.rejected] == [f"postings[1].{position}"]
    assert reason in report.rejected[0].reason
    assert _postings(hall) == ["A", "C"]


def test_a_rate_past_any_column_rejects_only_its_record(hall: Hall) -> None:
    rates = [
        {"currency": "TWD", "idr": "1e30", "as_of": "2026-11-20"},
        {"currency": "JPY", "idr": "105.5", "as_of": "2026-11-20"},
    ]
    report = load(hall, feed([posting("A")], rates=rates))
    assert [r.position for r in report.rejected] == ["rates[0].idr"]
    with hall.db.reads() as session:
        assert list(session.scalars(select(ExchangeRate.currency))) == ["JPY"]
    assert _postings(hall) == ["A"]


def test_a_file_over_the_cap_is_one_line_and_writes_nothing(hall: Hall, tmp_path: Path) -> None:
    big = tmp_path / "feed.json"
    padding = [posting(f"P-{n}", how_to_apply="x" * 1500) for n in range(800)]
    big.write_bytes(feed(padding))
    assert big.stat().st_size > 2**20
    with pytest.raises(FeedError) as caught:
        _capped(hall, big, max_mb=1)
    assert str(caught.value) == f"{big}: larger than 1 MB; a larger feed needs --max-mb"
    assert _postings(hall) == []
    assert _capped(hall, big, max_mb=2).postings_added == 800


def _capped(hall: Hall, source: Path, *, max_mb: int) -> ImportReport:
    return import_feed(hall.db, source, clock=hall.clock, zone=hall.zone, max_mb=max_mb)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00" * 100, "not valid JSON (line 1, column 1: Expecting value)"),
        (b'{"version": 1, "postings": [' + b"9" * 5000 + b"]}", "a run of more than 1,000 digits"),
        (
            b'{"version": 1, "source": "x", "postings": [NaN]}',
            "not valid JSON (lexical error: invalid char in json text)",
        ),
        (
            b'{"version": 1, "source": "x", "postings": []} []',
            "not valid JSON (line 1, column 47: Extra data)",
        ),
        (b'{"version": 1, "source": "x", "postings": [], "extra": [[1]]}', "extra: unknown key"),
    ],
)
def test_files_that_are_no_feed_are_one_line(hall: Hall, content: bytes, message: str) -> None:
    with pytest.raises(FeedError) as caught:
        load(hall, content)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_utf8_bom_is_read_past(hall: Hall) -> None:
    assert load(hall, b"\xef\xbb\xbf" + feed([posting("A")])).postings_added == 1


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["/dev/zero"], "mpp-kiosk: /dev/zero: not valid JSON (lexical error: invalid char in"),
        (["--max-mb", "0", "x.json"], "mpp-kiosk: --max-mb must be from 1 to 4096, not 0"),
    ],
)
def test_import_of_an_unusable_file_exits_2_in_one_line(
    config_file: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = _run(capsys, "--config", str(config_file), "jobs", "import", *argv)
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert err.count("\n") == 1


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
_FIELDS = sorted(posting())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    whole=_JSON,
    changes=st.lists(st.tuples(st.sampled_from(_FIELDS), _JSON), max_size=4),
)
def test_any_json_imports_or_is_one_line(
    hall: Hall, whole: Any, changes: list[tuple[str, Any]]
) -> None:
    """Random JSON as the whole file, and random values in a posting's fields."""
    for content in (json.dumps(whole).encode(), feed([{**posting("A"), **dict(changes)}])):
        try:
            said = "\n".join(r.position + ": " + r.reason for r in load(hall, content).rejected)
        except FeedError as exc:
            said = str(exc)
            assert "\n" not in said
        assert "Traceback" not in said
    with hall.db.reads() as session:
        assert (session.scalar(select(func.count()).select_from(Posting)) or 0) <= 1
