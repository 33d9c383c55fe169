"""The information corner's file: its pages in each language, the talks to come, bad files."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.info import DEFAULT_INFO_FILE, PAGES, load_info
from kiosk.info.schedule import upcoming
from kiosk.settings import PROJECT_CONFIG, ConfigError, KioskSection, Settings, load_settings
from tests.helpers.clock import FakeClock
from tests.helpers.queue_site import MONDAY_9

DEFAULT = DEFAULT_INFO_FILE.read_text(encoding="utf-8")


@pytest.fixture
def settings() -> Settings:
    """The project's site configuration (no database needed here)."""
    return load_settings(PROJECT_CONFIG)


def _with(settings: Settings, tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "info.toml"
    path.write_text(text, encoding="utf-8")
    kiosk = KioskSection.model_validate({**settings.kiosk.model_dump(), "info_file": str(path)})
    return settings.model_copy(update={"kiosk": kiosk})


def _fault(settings: Settings, tmp_path: Path, old: str, new: str) -> str:
    assert old in DEFAULT
    with pytest.raises(ConfigError) as caught:
        load_info(_with(settings, tmp_path, DEFAULT.replace(old, new, 1)))
    message = str(caught.value)
    assert "\n" not in message
    assert "Input should" not in message
    return message


def test_the_default_file_lists_the_ten_free_jobs_and_what_is_never_charged(
    settings: Settings,
) -> None:
    corner = load_info(settings)
    for language in ("id", "en"):
        fees = corner.page("fees", language)
        (free_tone, _, jobs), (never_tone, _, costs) = fees.lists
        assert (free_tone, never_tone) == ("yes", "no")
        assert len(jobs) == 10
        assert len(costs) == 11
    assert "Awak kapal perikanan migran" in corner.page("fees", "id").lists[0][2]
    assert "Migrant fishing-vessel crew" in corner.page("fees", "en").lists[0][2]
    assert "Paspor" in corner.page("fees", "id").lists[1][2]
    assert {page: corner.page(page, "id").title for page in PAGES} == {
        "fees": "Bebas biaya penempatan",
        "broker": "Waspada calo",
        "hotline": "Hotline dan WhatsApp",
        "bpjs": "Meja mitra BPJS Ketenagakerjaan",
        "purna": "PMI purna",
    }


def test_the_hotline_page_starts_with_the_sites_numbers(settings: Settings) -> None:
    corner = load_info(settings)
    tone, heading, numbers = corner.page("hotline", "id").lists[0]
    assert (tone, heading) == ("call", "Nomor penting")
    assert numbers == (
        "Telepon gratis 0800-1000",
        "WhatsApp 0811-8080-141",
        "Dari luar negeri +62 21 29244800",
    )
    site = settings.site.model_copy(update={"whatsapp": "", "hotline_abroad": ""})
    plain = load_info(settings.model_copy(update={"site": site}))
    assert plain.page("hotline", "en").lists[0][2] == ("Free call 0800-1000",)


def test_a_page_without_english_is_shown_in_indonesian(settings: Settings, tmp_path: Path) -> None:
    text = DEFAULT.replace(
        'title = { id = "Waspada calo", en = "Beware of brokers (calo)" }',
        'title = { id = "Waspada calo" }',
    )
    corner = load_info(_with(settings, tmp_path, text))
    assert corner.page("broker", "en").title == "Waspada calo"
    assert corner.page("broker", "en").lead.startswith("Brokers come first")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('title = { id = "PMI purna", ', "title = { ", "purna.title: needs a name in 'id'"),
        ('weekday = "wed"', 'weekday = "rabu"', "sessions.2.weekday: must be 'mon'"),
        ('start = "10:00"', 'start = "10.00"', "sessions.2.start: must be a time like '10:00'"),
        ('start = "10:00"', 'start = "13:00"\nstart = "x"', "not valid TOML"),
        (
            'minutes = 60\nservice = "jobs"\n\n[[sessions]]\ntitle = { id = "Orientasi',
            'minutes = 0\nservice = "jobs"\n\n[[sessions]]\ntitle = { id = "Orientasi',
            "sessions.0.minutes: must be at least 10",
        ),
        ('service = "jobs"', 'service = "karaoke"', "sessions.0.service: unknown service"),
        ('weekday = "thu"', 'weekday = "tue"', "sessions.3.start: same day and time as sessions.1"),
        ('items.en = ["Housekeeper", ', "items.en = [", "fees.lists.0.items: each language needs"),
        ('tone = "yes"', 'tone = "maybe"', "fees.lists.0.tone: must be 'yes'"),
        ("[purna]", '[purna]\ncolour = "red"', "purna.colour: unknown key"),
        ("[bpjs]", "[bpjz]", "bpjz: unknown key"),
    ],
)
def test_a_bad_key_is_one_line_naming_it(
    settings: Settings, tmp_path: Path, old: str, new: str, expected: str
) -> None:
    message = _fault(settings, tmp_path, old, new)
    assert expected in message
    assert str(tmp_path / "info.toml") in message


def test_a_missing_file_is_one_line(settings: Settings, tmp_path: Path) -> None:
    kiosk = KioskSection.model_validate(
        {**settings.kiosk.model_dump(), "info_file": str(tmp_path / "nowhere.toml")}
    )
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_info(settings.model_copy(update={"kiosk": kiosk}))


def test_a_relative_info_file_is_refused_in_the_site_configuration(settings: Settings) -> None:
    with pytest.raises(ValueError, match="absolute path"):
        KioskSection.model_validate({"info_file": "info.toml"})


def test_each_session_comes_once_at_its_next_time_the_soonest_first(settings: Settings) -> None:
    corner = load_info(settings)
    clock = FakeClock()  # Monday 23 November 2026, 09:00 WIB
    shown = upcoming(corner.sessions, clock, settings.site.zone)
    assert [(o.starts.strftime("%a %d %H:%M"), o.joinable) for o in shown] == [
        ("Mon 23 13:00", True),
        ("Tue 24 08:30", False),
        ("Wed 25 10:00", False),
        ("Thu 26 08:30", False),
    ]
    assert shown[0].ends.strftime("%H:%M") == "14:00"
    clock.advance(minutes=5 * 60)  # 14:00: Monday's talk has ended, next Monday's comes last
    later = upcoming(corner.sessions, clock, settings.site.zone)
    assert later[-1].starts.strftime("%a %d %H:%M") == "Mon 30 13:00"
    assert not later[-1].joinable
    clock.now = MONDAY_9 + timedelta(days=2, hours=1, minutes=30)  # Wednesday 10:30, on
    wednesday = upcoming(corner.sessions, clock, settings.site.zone)
    assert wednesday[0].session.title["id"] == "Rabu Seru PMI"
    assert wednesday[0].joinable
    assert wednesday[0].starts <= clock() < wednesday[0].ends
