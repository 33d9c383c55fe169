"""The public pages' words: dates, times, money and a ticket's status in one language.

The ticket's words are built once here so that the page and its JSON (which ``refresh.js``
writes into the page in place) always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from central.pages.views import ComplaintPage, Freshness, TicketPage, TicketPhase
from kiosk.i18n import MissingMessageError, translate


def t(key: str, language: str, **params: object) -> str:
    """A message of the ``public`` catalogs."""
    return translate(f"public.{key}", language, **params)


def word(key: str, language: str, fallback: str) -> str:
    """A message of any catalog (a category, a sector), or ``fallback`` when there is none."""
    try:
        return translate(key, language)
    except MissingMessageError:
        return fallback


def date_text(day: date, language: str) -> str:
    """A date as people write it: ``23 November 2026``."""
    month = t("months", language).split(",")[day.month - 1]
    return f"{day.day} {month} {day.year}"


def weekday_date_text(day: date, language: str) -> str:
    """A deadline with its weekday: ``Kamis, 26 November 2026``."""
    weekday = t("weekdays", language).split(",")[day.weekday()]
    return f"{weekday}, {date_text(day, language)}"


def time_text(moment: datetime, language: str) -> str:
    """A time of day in the moment's own zone: ``09.15`` (id), ``09:15`` (en)."""
    return f"{moment:%H}{t('time_separator', language)}{moment:%M}"


def grouped(amount: Decimal | int, language: str) -> str:
    """A number with the language's digit grouping: ``20.000`` (id), ``20,000`` (en).

    Cents are shown only when there are some, with at least two digits (``1.700,50``).
    """
    value = Decimal(amount)
    whole = f"{int(value):,}".replace(",", translate("jobsui.thousands", language))
    cents = abs(value) % 1
    if not cents:
        return whole
    fraction = f"{cents:f}".split(".")[1].ljust(2, "0")  # cents as money shows them
    return f"{whole}{translate('jobsui.decimal', language)}{fraction}"


def people_text(count: int, language: str) -> str:
    """``1 orang`` / ``3 people``."""
    return t("people_one" if count == 1 else "people_many", language, count=count)


@dataclass(frozen=True)
class TicketWords:
    """Every changing text of a ticket's page, in one language."""

    title: str
    service: str
    status: str
    hint: str
    ahead: str | None
    wait: str | None
    as_of: str
    stale: str | None
    refresh: str


def ticket_words(page: TicketPage, language: str) -> TicketWords:
    """What a ticket's page says now."""
    counter = page.counter or t("counter", language, number=page.counter_number or "")
    phase = page.phase
    status = {
        TicketPhase.CALLED: t("status_called", language, counter=counter),
        TicketPhase.SERVING: t("status_serving", language, counter=counter),
        TicketPhase.TRANSFERRED: t("status_transferred", language, service=page.service),
    }.get(phase) or t(f"status_{phase.value}", language)
    if phase is TicketPhase.EXPIRED:
        hint = t("status_expired_hint", language, date=date_text(page.day, language))
    else:
        hint = t(f"status_{phase.value}_hint", language)
    ahead = wait = None
    if page.people_ahead is not None:
        none = page.people_ahead == 0
        ahead = t("ahead_none", language) if none else people_text(page.people_ahead, language)
    if page.wait_minutes is not None:
        wait = (
            t("wait_minutes", language, minutes=page.wait_minutes)
            if page.wait_minutes > 0
            else t("wait_soon", language)
        )
    if page.refresh_seconds is None:
        refresh = t("final", language)
    else:
        refresh = t("refreshing", language, seconds=page.refresh_seconds)
    return TicketWords(
        title=t("ticket_title", language, number=page.number),
        service=page.service,
        status=status,
        hint=hint,
        ahead=ahead,
        wait=wait,
        as_of=as_of_text(page.freshness, language),
        stale=stale_text(page.freshness, language),
        refresh=refresh,
    )


def as_of_text(fresh: Freshness, language: str) -> str:
    """``Data per 09.15 WIB``."""
    if fresh.as_of is None:
        return t("as_of_never", language)
    return t("as_of", language, time=_moment(fresh, language), zone=fresh.zone)


def stale_text(fresh: Freshness, language: str) -> str | None:
    """The banner's words when the hall's data is too old, else None."""
    if not fresh.stale:
        return None
    if fresh.as_of is None:
        return t("stale_never", language)
    return t("stale", language, time=_moment(fresh, language), zone=fresh.zone)


def _moment(fresh: Freshness, language: str) -> str:
    assert fresh.as_of is not None
    clock = time_text(fresh.as_of, language)
    return clock if fresh.today else f"{date_text(fresh.as_of.date(), language)} {clock}"


def complaint_next_text(page: ComplaintPage, language: str) -> str:
    """What happens next to a complaint, and by when (SP4N-LAPOR! deadlines)."""
    if page.status == "received" and page.verify_by and page.answer_by:
        return t(
            "next_received",
            language,
            verify=weekday_date_text(page.verify_by, language),
            answer=weekday_date_text(page.answer_by, language),
        )
    if page.status == "verified" and page.answer_by:
        return t("next_verified", language, answer=weekday_date_text(page.answer_by, language))
    if page.status in ("resolved", "closed"):
        return t(f"next_{page.status}", language, hotline=page.hotline)
    return t("next_in_progress", language)
