"""What every slip shares (the one date style, local time, hotline footer) and the test slip.

Each domain builds its own slips: the ticket in ``kiosk.queueing.slip``, the job slip in
``kiosk.jobs.slip``, the complaint receipt in ``kiosk.complaints.receipt``. Every date
printed on them reads as :func:`date_text` writes it (``1 Des 2026``).
"""

from __future__ import annotations

from datetime import date, datetime

from kiosk.i18n import translate
from kiosk.settings import Settings
from printing import Slip

ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def date_text(day: date, language: str) -> str:
    """A date as people read it, the one style of every slip: ``1 Des 2026``."""
    month = translate("slip.months", language).split(",")[day.month - 1]
    return f"{day.day} {month} {day.year}"


def local_time_text(moment: datetime, settings: Settings, language: str) -> str:
    """A moment as people read it on a slip: ``23 Nov 2026 10:54 WIB`` in local time."""
    local = moment.astimezone(settings.site.zone)
    zone = ZONE_NAMES[settings.site.timezone]
    return f"{date_text(local.date(), language)} {local:%H:%M} {zone}"


def footer_text(settings: Settings, language: str) -> str:
    """The hotline line at the foot of every slip."""
    site = settings.site
    if site.whatsapp:
        return translate(
            "slip.footer_whatsapp", language, hotline=site.hotline, whatsapp=site.whatsapp
        )
    return translate("slip.footer", language, hotline=site.hotline)


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
