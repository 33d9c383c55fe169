"""The centre's configuration: the documented default, where it is looked for, one-line faults."""

from __future__ import annotations

from pathlib import Path

import pytest

from central.settings import (
    CONFIG_ENV,
    PROJECT_CONFIG,
    ConfigError,
    Settings,
    config_path,
    load_settings,
)


def test_the_documented_default_is_valid_and_spells_out_every_default() -> None:
    settings = load_settings(PROJECT_CONFIG)
    assert settings == Settings()
    assert settings.server.port == 8080
    assert settings.public.stale_after_seconds == 120
    assert (settings.public.refresh_seconds, settings.public.refresh_seconds_near) == (15, 5)
    assert (settings.sync.max_batch, settings.sync.rate_per_minute) == (500, 120)


def test_empty_database_and_key_mean_files_in_the_data_dir(tmp_path: Path) -> None:
    settings = Settings()
    data = tmp_path / "data" / "mpp-central"
    assert settings.database.resolved_url == f"sqlite:///{data / 'central.sqlite3'}"
    assert settings.keys.complaints_key_path == data / "complaints.key"


def test_the_config_is_chosen_by_option_then_environment_then_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert config_path() == PROJECT_CONFIG  # no /etc/mpp-central here
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "env.toml"))
    assert config_path() == tmp_path / "env.toml"
    assert config_path(tmp_path / "option.toml") == tmp_path / "option.toml"


@pytest.mark.parametrize(
    ("toml", "fault"),
    [
        ("[server]\nport = 0\n", "server.port: must be at least 1"),
        ("[server]\nport = '8080'\n", "server.port: must be a whole number (without quotes)"),
        ('[server]\nhost = "a\\u0000b"\n', "server.host: must not hold control characters"),
        ("[database]\nurl = 'sqlite://'\n", "database.url: an in-memory SQLite database keeps"),
        ("[database]\nurl = 'sqlitex:///c.db'\n", "database.url: unsupported database 'sqlitex'"),
        ("x = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
        ("[server]\nthreads = 2\n", "server.threads: unknown key"),
        ("[mail]\nhost = 'x'\n", "mail: unknown key"),
        ("[public]\nbase_url = 'ftp://x'\n", "public.base_url: must be an http:// or https://"),
        ("[sync]\nmax_batch = 501\n", "sync.max_batch: must be at most 500"),
        (
            "[public]\nrefresh_seconds = 5\nrefresh_seconds_near = 10\n",
            "public.refresh_seconds_near: must not exceed refresh_seconds",
        ),
        ("[server\n", "not valid TOML"),
    ],
)
def test_a_bad_key_is_one_line_with_its_path(tmp_path: Path, toml: str, fault: str) -> None:
    path = tmp_path / "central.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert fault in str(caught.value)
    assert "\n" not in str(caught.value)


def test_several_faults_stay_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "central.toml"
    path.write_text("[server]\nport = 'x'\nworkers = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"server\.port: .*; server\.workers: ") as caught:
        load_settings(path)
    assert "\n" not in str(caught.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_settings(tmp_path / "absent.toml")


def test_base_url_loses_its_trailing_slash(tmp_path: Path) -> None:
    path = tmp_path / "central.toml"
    path.write_text("[public]\nbase_url = 'https://cek.kp2mi.go.id/'\n", encoding="utf-8")
    assert load_settings(path).public.base_url == "https://cek.kp2mi.go.id"


def test_a_file_not_in_utf8_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "central.toml"
    path.write_bytes(b"[server]\nhost = 'caf\xe9'\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == f"{path}: line 2 is not UTF-8 text (save the file as UTF-8)"
