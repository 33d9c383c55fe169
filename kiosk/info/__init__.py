"""The information corner (pojok informasi): safe-migration pages and the talks schedule.

A hall writes them in a TOML file of its own (``kiosk.info_file``; the default,
``kiosk/info/default.toml``, ships with the kiosk), changed without code: each page a
title, one short line and a few lists of short items, in Bahasa Indonesia and any other
catalogued language;
the talks and orientation sessions by weekday and time, each with the service a visitor
takes a number of to join it. The file is checked when the kiosk starts: a bad key is one
line naming it, as in the site configuration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Annotated, Final, Literal, Self

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from kiosk.i18n import pick, translate
from kiosk.infra.config import ConfigError, Section, read_config
from kiosk.settings import Names, Settings, Weekday, _names

DEFAULT_INFO_FILE: Final = Path(__file__).with_name("default.toml")
PageKey = Literal["fees", "broker", "hotline", "bpjs", "purna"]
PAGES: Final[tuple[PageKey, ...]] = ("fees", "broker", "hotline", "bpjs", "purna")
"""The pages of the corner, in the order the corner's menu shows them (then the talks)."""
_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_ITEM_CHARACTERS: Final = 90


def _items(value: dict[str, list[str]]) -> dict[str, list[str]]:
    _names({language: " ".join(items) or " " for language, items in value.items()})
    counts = {len(items) for items in value.values()}
    if len(counts) > 1:
        raise ValueError("each language needs the same number of items (one translation each)")
    if any(not item.strip() or len(item) > _ITEM_CHARACTERS for i in value.values() for item in i):
        raise ValueError(f"each item is 1 to {_ITEM_CHARACTERS} characters (few words)")
    if not 1 <= counts.pop() <= 12:
        raise ValueError("1 to 12 items")
    return value


Items = Annotated[dict[str, list[str]], AfterValidator(_items)]


def _clock_time(value: object) -> time:
    match = _CLOCK.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError("must be a time like '10:00' (in quotes)")
    return time(int(match[1]), int(match[2]))


ClockTime = Annotated[time, BeforeValidator(_clock_time)]


class ListSection(Section):
    """A heading and its items, e.g. the ten jobs with no placement fee."""

    heading: Names
    items: Items
    tone: Literal["yes", "no", "plain"] = "plain"
    """How each item is marked: ``yes`` a tick (allowed, free), ``no`` a cross (never do,
    never pay), ``plain`` a dot."""


class PageSection(Section):
    """One page of the corner: a title, one short line, and one to three lists."""

    title: Names
    lead: Names
    lists: list[ListSection] = Field(min_length=1, max_length=3)


class SessionSection(Section):
    """A talk or orientation that comes back every week, e.g. "Rabu Seru PMI" on Wednesday."""

    title: Names
    topic: Names
    place: Names
    weekday: Weekday
    start: ClockTime
    minutes: int = Field(ge=10, le=480)
    service: str = Field(pattern=r"^[a-z][a-z0-9_]{1,30}$")
    """The service a visitor takes a number of to join (its code in the site configuration)."""


class InfoFile(Section):
    """The whole information corner file."""

    fees: PageSection
    broker: PageSection
    hotline: PageSection
    bpjs: PageSection
    purna: PageSection
    sessions: list[SessionSection] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _sessions_apart(self) -> Self:
        seen: dict[tuple[str, time], int] = {}
        for index, session in enumerate(self.sessions):
            key = (session.weekday, session.start)
            if key in seen:
                raise ValueError(
                    f"sessions.{index}.start: same day and time as sessions.{seen[key]}"
                )
            seen[key] = index
        return self


@dataclass(frozen=True)
class Page:
    """A page as shown, in one language."""

    key: PageKey
    title: str
    lead: str
    lists: tuple[tuple[str, str, tuple[str, ...]], ...]
    """Each list as (tone, heading, items)."""


class InfoCorner:
    """The corner's pages and sessions for one hall, in each language.

    Args:
        content: the validated file.
        settings: the site configuration (the hotline numbers, the services).
    """

    def __init__(self, content: InfoFile, settings: Settings) -> None:
        self.content = content
        self._site = settings.site

    @property
    def sessions(self) -> list[SessionSection]:
        """The weekly sessions, as the file lists them."""
        return list(self.content.sessions)

    def page(self, key: PageKey, language: str) -> Page:
        """A page in ``language`` (Indonesian where the file has no translation).

        The hotline page starts with the site's numbers (``site.hotline``,
        ``hotline_abroad``, ``whatsapp``), so one change in the site file changes every
        screen that shows them.
        """
        section: PageSection = getattr(self.content, key)
        lists: tuple[tuple[str, str, tuple[str, ...]], ...] = tuple(
            (each.tone, pick(each.heading, language), tuple(pick(each.items, language)))
            for each in section.lists
        )
        if key == "hotline":
            lists = (self._numbers(language), *lists)
        return Page(key, pick(section.title, language), pick(section.lead, language), lists)

    def _numbers(self, language: str) -> tuple[str, str, tuple[str, ...]]:
        site = self._site
        numbers = [translate("info.call", language, number=site.hotline)]
        if site.whatsapp:
            numbers.append(translate("info.whatsapp", language, number=site.whatsapp))
        if site.hotline_abroad:
            numbers.append(translate("info.abroad", language, number=site.hotline_abroad))
        return ("call", translate("info.numbers", language), tuple(numbers))


def info_path(settings: Settings) -> Path:
    """The corner's file: ``kiosk.info_file``, or the default shipped with the kiosk."""
    return Path(settings.kiosk.info_file) if settings.kiosk.info_file else DEFAULT_INFO_FILE


def load_info(settings: Settings) -> InfoCorner:
    """Read and check the hall's information corner file.

    Raises:
        ConfigError: one line naming the file, each faulty key's path and the reason
            (a session's service must be one the site offers).
    """
    path = info_path(settings)
    content = read_config(path, InfoFile)
    codes = {service.code for service in settings.services}
    for index, session in enumerate(content.sessions):
        if session.service not in codes:
            raise ConfigError(
                f"{path}: sessions.{index}.service: unknown service {session.service!r} "
                f"(the site offers {', '.join(sorted(codes))})"
            )
    return InfoCorner(content, settings)
