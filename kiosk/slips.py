"""Slips in the visitor's language: queue tickets and the printer test slip, as printing.Slip."""

from __future__ import annotations

from datetime import datetime

from kiosk.i18n import pick, translate
from kiosk.queueing.views import IssuedTicket
from kiosk.settings import Settings
from printing import Slip

ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def local_time_text(moment: datetime, settings: Settings, language: str) -> str:
    """A moment as people read it on a slip: ``23 Nov 2026 10:54 WIB`` in local time."""
    local = moment.astimezone(settings.site.zone)
    month = translate("slip.months", language).split(",")[local.month - 1]
    zone = ZONE_NAMES[settings.site.timezone]
    return f"{local.day} {month} {local.year} {local:%H:%M} {zone}"


def footer_text(settings: Settings, language: str) -> str:
    """The hotline line at the foot of every slip."""
    site = settings.site
    if site.whatsapp:
        return translate(
            "slip.footer_whatsapp", language, hotline=site.hotline, whatsapp=site.whatsapp
        )
    return translate("slip.footer", language, hotline=site.hotline)


def ticket_slip(ticket: IssuedTicket, settings: Settings, language: str) -> Slip:
    """The queue-number slip: number, service, time, people ahead, wait, QR and reference."""
    service = settings.service(ticket.service)
    return Slip(
        agency=settings.site.agency,
        site=settings.site.name,
        headline_label=translate("slip.ticket_headline", language),
        headline=ticket.number,
        badge=translate("slip.priority_badge", language) if ticket.priority else None,
        rows=(
            (translate("slip.service", language), pick(service.name, language)),
            (
                translate("slip.issued", language),
                local_time_text(ticket.issued_at, settings, language),
            ),
            (
                translate("slip.people_ahead", language),
                translate("slip.people", language, count=ticket.people_ahead),
            ),
            (
                translate("slip.estimated_wait", language),
                translate("slip.minutes", language, minutes=ticket.estimated_wait_minutes),
            ),
        ),
        qr_url=ticket.url,
        reference=ticket.reference,
        notes=(translate("slip.ticket_keep", language), translate("slip.ticket_missed", language)),
        footer=footer_text(settings, language),
    )


def printer_test_slip(settings: Settings, language: str, now: datetime) -> Slip:
    """A printer test slip: a QR of the central base URL and the time it was printed."""
    return Slip(
        agency=settings.site.agency,
        site=settings.site.name,
        headline_label=settings.site.id,
        headline=translate("slip.test_headline", language),
        badge=None,
        rows=((translate("slip.issued", language), local_time_text(now, settings, language)),),
        qr_url=settings.central.base_url,
        reference=settings.site.id,
        notes=(translate("slip.test_note", language),),
        footer=footer_text(settings, language),
    )
