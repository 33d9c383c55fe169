"""Site configuration: one TOML file, validated at start with the key's path and the reason."""

from __future__ import annotations

import os
import re
from datetime import time
from pathlib import Path
from typing import Annotated, Literal, Self
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    field_validator,
    model_validator,
)

from kiosk.i18n import DEFAULT_LANGUAGE, available_languages, pick
from kiosk.infra.config import ConfigError as ConfigError
from kiosk.infra.config import Section, database_url, read_config
from printing.devices import parse_device

CONFIG_ENV = "MPP_KIOSK_CONFIG"
PROJECT_CONFIG = Path(__file__).resolve().parent.parent / "config" / "kiosk.toml"
SYSTEM_CONFIG = Path("/etc/mpp-kiosk/kiosk.toml")

Timezone = Literal["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPAN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")


def _names(value: dict[str, str]) -> dict[str, str]:
    if DEFAULT_LANGUAGE not in value:
        raise ValueError(f"needs a name in '{DEFAULT_LANGUAGE}' (Bahasa Indonesia)")
    unknown = sorted(set(value) - set(available_languages()))
    if unknown:
        raise ValueError(f"no translation catalog for language(s) {', '.join(unknown)}")
    if any(not text.strip() for text in value.values()):
        raise ValueError("names must not be empty")
    return value


Names = Annotated[dict[str, str], AfterValidator(_names)]


def _lists(value: dict[str, list[str]]) -> dict[str, list[str]]:
    if not value:
        return value
    if any(not item.strip() or len(item) > 80 for items in value.values() for item in items):
        raise ValueError("each item is 1 to 80 characters")
    if any(not 1 <= len(items) <= 10 for items in value.values()):
        raise ValueError("1 to 10 items per language")
    _names({language: "listed" for language in value})  # Indonesian first, known languages
    return value


ItemLists = Annotated[dict[str, list[str]], AfterValidator(_lists)]
"""Short lists per language (what to bring): Indonesian required when any is given."""


_Section = Section


class OpeningSpan(_Section):
    """One opening span of a day in local time, e.g. 08:00 to 12:00."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        """Whether a local time of day falls in the span (end excluded)."""
        return self.start <= moment < self.end


def _spans(value: object) -> list[OpeningSpan]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("must be a list of spans like ['08:00-12:00', '13:00-15:30']")
    spans: list[OpeningSpan] = []
    for text in value:
        match = _SPAN.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a span like '08:00-12:00'")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        span = OpeningSpan(start=time(h1, m1), end=time(h2, m2))
        if span.end <= span.start:
            raise ValueError(f"{text!r} ends before it starts")
        if spans and span.start < spans[-1].end:
            raise ValueError(f"{text!r} overlaps or precedes the span before it")
        spans.append(span)
    return spans


DaySpans = Annotated[list[OpeningSpan], BeforeValidator(_spans)]


class SiteSection(_Section):
    """Where this kiosk stands."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")
    name: str = Field(min_length=1)
    agency: str = Field(min_length=1)
    timezone: Timezone
    hotline: str = Field(min_length=3)
    hotline_abroad: str = ""
    whatsapp: str = ""

    @property
    def zone(self) -> ZoneInfo:
        """The site's time zone (WIB, WITA or WIT)."""
        return ZoneInfo(self.timezone)


class DatabaseSection(_Section):
    """The hall database; empty ``url`` means the embedded SQLite file."""

    url: Annotated[str, AfterValidator(database_url)] = ""


class ServiceSection(_Section):
    """A service the hall offers, with its ticket letter and opening hours."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,30}$")
    letter: str = Field(pattern=r"^[A-Z]$")
    name: Names
    description: Names
    daily_quota: int = Field(ge=1, le=999)
    priority_allowed: bool = True
    hours: dict[Weekday, DaySpans]
    bring: ItemLists = Field(default_factory=dict)
    """What a visitor should bring, per language: shown before the number, printed on it."""

    def to_bring(self, language: str) -> list[str]:
        """What to bring, in ``language`` (or Indonesian); empty when the site lists nothing."""
        return pick(self.bring, language) if self.bring else []

    @field_validator("hours")
    @classmethod
    def _all_days(cls, value: dict[Weekday, list[OpeningSpan]]) -> dict[Weekday, list[OpeningSpan]]:
        missing = [day for day in WEEKDAYS if day not in value]
        if missing:
            raise ValueError(f"missing day(s) {', '.join(missing)} (use [] for closed)")
        return value


class CounterSection(_Section):
    """A front-desk counter (loket) and the services it calls."""

    number: int = Field(ge=1, le=99)
    name: Names
    location: str = ""
    services: list[str] = Field(min_length=1)


class PrinterSection(_Section):
    """The slip printer."""

    backend: Literal["spool", "cups", "escpos"] = "spool"
    name: str = ""
    device: str = ""
    """The ESC/POS printer: usb:VVVV:PPPP, tcp:HOST[:PORT] or serial:/dev/NAME[:BAUD]."""
    paper_width: Literal[80, 58] = 80
    spool_dir: str = ""
    timeout_seconds: float = Field(default=20, gt=0, le=300)

    @model_validator(mode="after")
    def _backend_needs(self) -> Self:
        if self.backend == "cups" and not self.name:
            raise ValueError("backend 'cups' needs the CUPS queue name in printer.name")
        if self.backend == "escpos":
            if not self.device:
                raise ValueError("backend 'escpos' needs the printer in printer.device")
            parse_device(self.device)
        return self


class BackupSection(_Section):
    """``mpp-kiosk backup``: how many backups a folder keeps, and the unattended passphrase."""

    keep: int = Field(default=14, ge=1, le=1000)
    passphrase_file: str = ""
    """A file readable by the service user only whose first line is the passphrase (for
    the nightly timer); empty: the passphrase is typed twice."""


class KioskSection(_Section):
    """Behaviour of the citizen touchscreen."""

    languages: list[str] = Field(default_factory=lambda: [DEFAULT_LANGUAGE, "en"], min_length=1)
    idle_seconds: int = Field(default=60, ge=10, le=600)
    staff_gesture_taps: int = Field(default=5, ge=3, le=10)
    scale: Literal["auto"] | Annotated[float, Field(ge=0.4, le=4.0)] = "auto"
    """How big the kiosk draws: "auto" fits its 1920×1080 design to the screen; 1.0 is 1:1."""
    speech: bool = False
    """A speaker button reads each screen's heading and instruction aloud (espeak-ng)."""
    info_file: str = ""
    """The information corner's pages and talks (``kiosk.info``): an absolute path of the
    hall's own file; empty: kiosk/info/default.toml, shipped with the kiosk."""

    @field_validator("info_file")
    @classmethod
    def _absolute(cls, value: str) -> str:
        if value and not Path(value).is_absolute():
            raise ValueError("must be an absolute path such as /etc/mpp-kiosk/info.toml")
        return value

    @field_validator("languages")
    @classmethod
    def _have_catalogs(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(available_languages()))
        if unknown:
            raise ValueError(f"no translation catalog for language(s) {', '.join(unknown)}")
        return value


Role = Literal["officer", "supervisor"]
_ROLES: tuple[Role, ...] = ("officer", "supervisor")


class StaffSection(_Section):
    """Staff accounts: how long a new PIN must be, and who may read complaints' personal data."""

    pin_length: int = Field(default=6, ge=4, le=12)
    """The fewest digits of a PIN set by ``mpp-kiosk staff add|passwd``."""
    complaint_roles: list[Role] = Field(default_factory=lambda: list(_ROLES), min_length=1)
    """The roles that handle complaints: they open one (masked) and may show its personal data."""


class CentralSection(_Section):
    """The central records service the QR codes open."""

    base_url: str = Field(pattern=r"^https?://[^\s/]+(/[^\s]*)?$")
    kiosk_token: str = ""
    """Ignored: the device token lives in a file of its own (``mpp-kiosk central enrol``).

    Still accepted so that an older TOML loads; ``doctor`` says to remove a value left here.
    """
    sync_interval_seconds: int = Field(default=300, ge=10)
    """How often ``mpp-kiosk sync`` pulls when nothing new is to be pushed."""
    pull_feed: bool = True
    """Take postings, the P3MI registry and exchange rates from the centre (not a hand import)."""


class QueueSection(_Section):
    """How the queue calls visitors and estimates waits."""

    priority_ratio: str = Field(default="2:1", pattern=r"^[1-9]\d?:[1-9]\d?$")
    wait_window: int = Field(default=10, ge=1, le=100)
    default_service_minutes: int = Field(default=5, ge=1, le=120)
    active_counter_minutes: int = Field(default=30, ge=1, le=240)
    registration_service: str = "placement"
    """The service "Daftar sekarang" on a vacancy takes a number for (pendaftaran)."""

    @property
    def ratio(self) -> tuple[int, int]:
        """``priority_ratio`` as (priority calls, then regular calls)."""
        priority, regular = self.priority_ratio.split(":")
        return int(priority), int(regular)


_RUNNING_TEXT = {
    "id": (
        "Bekerja ke luar negeri lewat jalur resmi tidak dipungut biaya penempatan. "
        "Waspada calo: jangan serahkan uang atau dokumen kepada perantara tidak resmi."
    ),
    "en": (
        "Working abroad through official channels costs no placement fee. "
        "Beware of brokers (calo): never give money or documents to unofficial agents."
    ),
}


class BoardSection(_Section):
    """The hall display board: its running text (the crisis hotline is added to it)."""

    running_text: Names = Field(default_factory=lambda: dict(_RUNNING_TEXT))
    last_calls: int = Field(default=5, ge=1, le=10)


class Settings(_Section):
    """The whole site configuration."""

    site: SiteSection
    database: DatabaseSection = DatabaseSection()
    services: list[ServiceSection] = Field(min_length=1)
    counters: list[CounterSection] = Field(min_length=1)
    printer: PrinterSection = PrinterSection()
    kiosk: KioskSection = KioskSection()
    staff: StaffSection = StaffSection()
    central: CentralSection
    queue: QueueSection = QueueSection()
    board: BoardSection = BoardSection()
    backup: BackupSection = BackupSection()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _unique("services", [(s.code, "code") for s in self.services])
        _unique("services", [(s.letter, "letter") for s in self.services])
        _unique("counters", [(c.number, "number") for c in self.counters])
        codes = {s.code for s in self.services}
        for index, counter in enumerate(self.counters):
            for position, code in enumerate(counter.services):
                if code not in codes:
                    raise ValueError(
                        f"counters.{index}.services.{position}: unknown service {code!r}"
                    )
        if self.queue.registration_service not in codes:
            raise ValueError(
                f"queue.registration_service: unknown service {self.queue.registration_service!r}"
                " (registering for a vacancy takes a number of this service)"
            )
        return self

    def service(self, code: str) -> ServiceSection:
        """The configured service with this code."""
        for service in self.services:
            if service.code == code:
                return service
        raise KeyError(code)


def _unique(section: str, values: list[tuple[object, str]]) -> None:
    seen: dict[object, int] = {}
    for index, (value, field) in enumerate(values):
        if value in seen:
            raise ValueError(
                f"{section}.{index}.{field}: duplicate {field} {value!r} "
                f"(also {section}.{seen[value]})"
            )
        seen[value] = index


def config_path(explicit: str | Path | None = None) -> Path:
    """The configuration file to use: ``--config``, then ``$MPP_KIOSK_CONFIG``, then defaults."""
    if explicit:
        return Path(explicit)
    if env := os.environ.get(CONFIG_ENV):
        return Path(env)
    return SYSTEM_CONFIG if SYSTEM_CONFIG.exists() else PROJECT_CONFIG


def load_settings(path: Path) -> Settings:
    """Read and validate a configuration file.

    Raises:
        ConfigError: one line naming the file, each faulty key's path and the reason.
    """
    return read_config(path, Settings)
