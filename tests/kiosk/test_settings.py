"""Configuration: the documented default loads; each kind of bad value names its key."""

from __future__ import annotations

import tomllib
from datetime import time
from pathlib import Path
from typing import Any

import pytest

from kiosk.settings import PROJECT_CONFIG, ConfigError, config_path, load_settings
from tests.helpers.toml import dump_toml


def _default() -> dict[str, Any]:
    with PROJECT_CONFIG.open("rb") as handle:
        return tomllib.load(handle)


def _error_for(tmp_path: Path, raw: dict[str, Any]) -> str:
    path = tmp_path / "bad.toml"
    path.write_text(dump_toml(raw), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    return str(caught.value)


def test_default_configuration_is_a_demo_site_with_four_services_and_three_counters() -> None:
    settings = load_settings(PROJECT_CONFIG)
    assert [s.code for s in settings.services] == ["jobs", "placement", "complaint", "opp"]
    assert len(settings.counters) == 3
    assert settings.site.zone.key == "Asia/Jakarta"
    friday = settings.service("jobs").hours["fri"]
    assert [(span.start, span.end) for span in friday] == [
        (time(8, 0), time(11, 0)),
        (time(13, 30), time(15, 30)),
    ]
    assert settings.service("jobs").hours["sun"] == []


def test_unknown_key_is_named_with_its_path(tmp_path: Path) -> None:
    raw = _default()
    raw["printer"]["colour"] = "red"
    assert "printer.colour: unknown key" in _error_for(tmp_path, raw)


def test_bad_timezone_is_refused(tmp_path: Path) -> None:
    raw = _default()
    raw["site"]["timezone"] = "Europe/Paris"
    message = _error_for(tmp_path, raw)
    assert "site.timezone" in message
    assert "Asia/Jakarta" in message


def test_counter_naming_an_unknown_service_is_refused(tmp_path: Path) -> None:
    raw = _default()
    raw["counters"][1]["services"] = ["placement", "visa"]
    assert "counters.1.services.1: unknown service 'visa'" in _error_for(tmp_path, raw)


def test_registration_service_defaults_to_placement() -> None:
    assert load_settings(PROJECT_CONFIG).queue.registration_service == "placement"


def test_registration_service_must_be_a_configured_service(tmp_path: Path) -> None:
    raw = _default()
    raw["queue"] = {"registration_service": "pendaftaran"}
    message = _error_for(tmp_path, raw)
    assert message.count("\n") == 0
    assert message.endswith(
        "queue.registration_service: unknown service 'pendaftaran'"
        " (registering for a vacancy takes a number of this service)"
    )


def test_a_site_without_placement_must_name_its_registration_service(tmp_path: Path) -> None:
    raw = _default()
    for service in raw["services"]:
        if service["code"] == "placement":
            service["code"] = "daftar"
    for counter in raw["counters"]:
        counter["services"] = [
            "daftar" if code == "placement" else code for code in counter["services"]
        ]
    assert "queue.registration_service: unknown service 'placement'" in _error_for(tmp_path, raw)
    raw["queue"] = {"registration_service": "daftar"}
    path = tmp_path / "good.toml"
    path.write_text(dump_toml(raw), encoding="utf-8")
    assert load_settings(path).queue.registration_service == "daftar"


def test_duplicate_service_letter_is_refused(tmp_path: Path) -> None:
    raw = _default()
    raw["services"][2]["letter"] = "A"
    assert "services.2.letter: duplicate letter 'A' (also services.0)" in _error_for(tmp_path, raw)


def test_opening_hours_must_be_well_formed_and_cover_every_day(tmp_path: Path) -> None:
    raw = _default()
    raw["services"][0]["hours"]["mon"] = ["08:00-12:00", "11:00-15:00"]
    assert "services.0.hours.mon" in _error_for(tmp_path, raw)
    raw = _default()
    del raw["services"][0]["hours"]["sun"]
    assert "missing day(s) sun" in _error_for(tmp_path, raw)
    raw = _default()
    raw["services"][0]["hours"]["tue"] = ["8-12"]
    assert "'8-12' is not a span" in _error_for(tmp_path, raw)


def test_cups_printer_needs_a_queue_name(tmp_path: Path) -> None:
    raw = _default()
    raw["printer"]["backend"] = "cups"
    assert "printer: backend 'cups' needs the CUPS queue name" in _error_for(tmp_path, raw)


def test_escpos_printer_needs_a_device_it_can_read(tmp_path: Path) -> None:
    raw = _default()
    raw["printer"]["backend"] = "escpos"
    assert "printer: backend 'escpos' needs the printer in printer.device" in _error_for(
        tmp_path, raw
    )
    raw["printer"]["device"] = "lp0"
    assert "printer: unknown printer device 'lp0'; expected usb:" in _error_for(tmp_path, raw)
    raw["printer"]["device"] = "tcp:10.0.0.9"
    path = tmp_path / "good.toml"
    path.write_text(dump_toml(raw), encoding="utf-8")
    assert load_settings(path).printer.device == "tcp:10.0.0.9"


def test_service_names_need_bahasa_indonesia(tmp_path: Path) -> None:
    raw = _default()
    raw["services"][0]["name"] = {"en": "Jobs"}
    assert "services.0.name: needs a name in 'id'" in _error_for(tmp_path, raw)


def test_missing_and_malformed_files_are_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_settings(tmp_path / "absent.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[site\nname = 1", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(broken)


def test_config_path_prefers_option_then_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MPP_KIOSK_CONFIG", str(tmp_path / "env.toml"))
    assert config_path(tmp_path / "opt.toml") == tmp_path / "opt.toml"
    assert config_path(None) == tmp_path / "env.toml"
    monkeypatch.delenv("MPP_KIOSK_CONFIG")
    assert config_path(None) in {PROJECT_CONFIG, Path("/etc/mpp-kiosk/kiosk.toml")}


@pytest.mark.parametrize(
    ("bring", "message"),
    [
        ({"en": ["Passport"]}, "needs a name in 'id'"),
        ({"id": [""]}, "each item is 1 to 80 characters"),
        ({"id": ["x" * 81]}, "each item is 1 to 80 characters"),
        ({"id": ["KTP"] * 11}, "1 to 10 items per language"),
        ({"id": []}, "1 to 10 items per language"),
        ({"xx": ["KTP"], "id": ["KTP"]}, "no translation catalog"),
    ],
)
def test_what_to_bring_is_checked(
    tmp_path: Path, bring: dict[str, list[str]], message: str
) -> None:
    with PROJECT_CONFIG.open("rb") as handle:
        raw = tomllib.load(handle)
    raw["services"][0]["bring"] = bring
    path = tmp_path / "kiosk.toml"
    path.write_text(dump_toml(raw), encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as refused:
        load_settings(path)
    assert "services" in str(refused.value)
