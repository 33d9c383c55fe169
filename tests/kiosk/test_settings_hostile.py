"""Careless and hostile configuration files: one clear line naming the key, never a traceback."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.settings import PROJECT_CONFIG, ConfigError, Settings, load_settings
from tests.helpers.toml import dump_toml

# What pydantic says in its own words; a person reading the line must never see it.
_PYDANTIC_WORDS = ("Input should", "literal[", "constrained-", "function-after", "[key]")


def _default() -> dict[str, Any]:
    with PROJECT_CONFIG.open("rb") as handle:
        return tomllib.load(handle)


def _fault(path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "\n" not in message
    assert not any(word in message for word in _PYDANTIC_WORDS), message
    return message


def _written(tmp_path: Path, section: str, key: str, value: object) -> Path:
    raw = _default()
    raw.setdefault(section, {})[key] = value
    path = tmp_path / "kiosk.toml"
    path.write_text(dump_toml(raw), encoding="utf-8")
    return path


def test_a_file_not_in_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    latin1 = b'\n[board]\nrunning_text = { id = "caf\xe9" }\n'
    path.write_bytes(PROJECT_CONFIG.read_bytes() + latin1)
    lines = PROJECT_CONFIG.read_bytes().count(b"\n") + 3
    assert _fault(path) == f"{path}: line {lines} is not UTF-8 text (save the file as UTF-8)"


@pytest.mark.parametrize("opening", ["[", "{a = "])
def test_thousands_of_nested_arrays_or_tables_are_refused(tmp_path: Path, opening: str) -> None:
    closing = "]" if opening == "[" else "}"
    path = tmp_path / "kiosk.toml"
    path.write_text(f"x = {opening * 5000}1{closing * 5000}\n", encoding="utf-8")
    assert _fault(path) == f"{path}: not valid TOML (arrays or tables nested too deeply)"


def test_an_endless_file_is_refused_after_a_megabyte() -> None:
    assert _fault(Path("/dev/zero")).endswith("over 1024 KB, not a configuration file")


def test_a_nul_in_the_spool_folder_names_the_key(tmp_path: Path) -> None:
    path = _written(tmp_path, "printer", "spool_dir", "/var/spool/a\x00b")
    assert _fault(path).endswith("printer.spool_dir: must not hold control characters such as NUL")


def test_a_database_under_a_file_names_the_key(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("not a folder", encoding="utf-8")
    url = f"sqlite:///{tmp_path}/plain/inner/hall.sqlite3"
    message = _fault(_written(tmp_path, "database", "url", url))
    assert message.endswith(
        f"database.url: the database's folder cannot be made: {tmp_path}/plain is not a folder"
    )


def test_a_database_under_a_broken_link_names_the_key(tmp_path: Path) -> None:
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    url = f"sqlite:///{tmp_path}/gone/hall/hall.sqlite3"
    message = _fault(_written(tmp_path, "database", "url", url))
    assert message.endswith(
        f"database.url: the database's folder cannot be made: {tmp_path}/gone links to nothing"
    )


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("sqlitex:///hall.db", "unsupported database 'sqlitex': only sqlite and postgresql+psy"),
        ("postgresql+asyncpg://kiosk@db/mpp", "unsupported driver 'postgresql+asyncpg'"),
        ("sqlite", "not a database URL; write it like postgresql+psycopg://user@host/database"),
        ("postgresql+psycopg://kiosk:secret@db:port/mpp", "not a database URL; write it like"),
        ("sqlite://", "an in-memory SQLite database keeps nothing: name a file"),
        ("sqlite:///:memory:", "an in-memory SQLite database keeps nothing"),
    ],
)
def test_a_bad_database_url_names_the_key_and_hides_the_password(
    tmp_path: Path, url: str, reason: str
) -> None:
    message = _fault(_written(tmp_path, "database", "url", url))
    assert f"database.url: {reason}" in message
    assert "secret" not in message


@pytest.mark.parametrize(
    ("section", "key", "value", "reason"),
    [
        ("kiosk", "idle_seconds", "60", "kiosk.idle_seconds: must be a whole number (without quo"),
        ("kiosk", "idle_seconds", 60.5, "kiosk.idle_seconds: must be a whole number"),
        ("kiosk", "staff_gesture_taps", True, "kiosk.staff_gesture_taps: must be a whole number"),
        ("printer", "paper_width", "80", "printer.paper_width: must be 80 or 58"),
        ("central", "pull_feed", "yes", "central.pull_feed: must be true or false (without quo"),
        ("kiosk", "scale", "big", "kiosk.scale: must be 'auto' or a number (without quotes)"),
        ("kiosk", "scale", 9.0, "kiosk.scale: must be 'auto' or at most 4.0"),
        ("kiosk", "idle_seconds", 5, "kiosk.idle_seconds: must be at least 10"),
        ("site", "timezone", "Europe/Paris", "must be 'Asia/Jakarta', 'Asia/Makassar' or 'Asia/"),
        ("kiosk", "languages", "id", "kiosk.languages: must be a list like [ ... ]"),
        ("site", "name", "", "site.name: must not be empty"),
    ],
)
def test_a_value_of_the_wrong_kind_is_said_in_words(
    tmp_path: Path, section: str, key: str, value: object, reason: str
) -> None:
    assert reason in _fault(_written(tmp_path, section, key, value))


def test_a_whole_number_where_a_number_is_wanted_still_loads(tmp_path: Path) -> None:
    path = _written(tmp_path, "printer", "timeout_seconds", 15)
    assert load_settings(path).printer.timeout_seconds == 15.0


_TOML_SCALARS = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.booleans(),
)
_TOML_VALUES = st.recursive(
    _TOML_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), inner, max_size=3)
    ),
    max_leaves=8,
)
_FIXTURES = [HealthCheck.function_scoped_fixture]  # tmp_path is rewritten by every example
_SECTIONS = ("site", "database", "printer", "kiosk", "central", "queue", "board", "nowhere")


@settings(max_examples=150, deadline=None, suppress_health_check=_FIXTURES)
@given(
    changes=st.lists(
        st.tuples(
            st.sampled_from(_SECTIONS),
            st.from_regex(r"[a-z_]{1,20}", fullmatch=True) | st.integers(0, 20),
            _TOML_VALUES,
        ),
        max_size=4,
    )
)
def test_any_toml_loads_or_is_one_line_in_words(
    tmp_path: Path, changes: list[tuple[str, str | int, Any]]
) -> None:
    """Values of any TOML kind, in new keys or in the default's own (a number picks one)."""
    raw = _default()
    for section, key, value in changes:
        table = raw.setdefault(section, {})
        keys = sorted(table)
        table[keys[key % len(keys)] if isinstance(key, int) and keys else str(key)] = value
    path = tmp_path / "kiosk.toml"
    path.write_text(dump_toml(raw), encoding="utf-8")
    try:
        loaded: Settings | str = load_settings(path)
    except ConfigError as exc:
        loaded = str(exc)
    if isinstance(loaded, str):
        assert "\n" not in loaded
        assert not any(word in loaded for word in _PYDANTIC_WORDS), loaded


@settings(max_examples=200, deadline=None, suppress_health_check=_FIXTURES)
@given(data=st.binary(max_size=2000) | st.text(max_size=500).map(str.encode))
def test_any_bytes_are_refused_in_one_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes(data)
    with pytest.raises(ConfigError) as caught:  # nothing short and random is a whole site
        load_settings(path)
    assert "\n" not in str(caught.value)
