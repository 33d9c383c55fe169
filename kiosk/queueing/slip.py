"""The queue ticket slip ("struk antrian") in the visitor's language, as a printing.Slip."""

from __future__ import annotations

from kiosk.i18n import pick, translate, translate_count
from kiosk.queueing.views import IssuedTicket
from kiosk.settings import Settings
from kiosk.slips import footer_text, local_time_text
from printing import Slip


def _bring(items: list[str], language: str) -> tuple[str, ...]:
    """What to bring to the counter, as the slip's first note (none when nothing is listed)."""
    return (translate("slip.bring", language, items=", ".join(items)),) if items else ()


def ticket_slip(ticket: IssuedTicket, settings: Settings, language: str) -> Slip:
    """The queue-number slip: number, service, vacancy, time, people ahead, wait, QR, and
    what to bring when the site lists it for the service.

    A number taken with "Daftar sekarang" names the vacancy the visitor registers for: its
    ``L-`` reference on the label's line, so no roll cuts it, then what the work is.
    """
    service = settings.service(ticket.service)
    vacancy: tuple[tuple[str, str], ...] = ()
    if ticket.posting:
        what, _, reference = ticket.posting.rpartition(" · ")  # posting_line ends with it
        vacancy = ((translate("slip.posting", language), reference), ("", what))
    return Slip(
        agency=settings.site.agency,
        site=settings.site.name,
        headline_label=translate("slip.ticket_headline", language),
        headline=ticket.number,
        badge=translate("slip.priority_badge", language) if ticket.priority else None,
        rows=(
            (translate("slip.service", language), pick(service.name, language)),
            *vacancy,
            (
                translate("slip.issued", language),
                local_time_text(ticket.issued_at, settings, language),
            ),
            (
                translate("slip.people_ahead", language),
                translate_count("slip.people", language, ticket.people_ahead),
            ),
            (
                translate("slip.estimated_wait", language),
                translate("slip.minutes", language, minutes=ticket.estimated_wait_minutes),
            ),
        ),
        qr_url=ticket.url,
        reference=ticket.reference,
        notes=(
            *_bring(service.to_bring(language), language),
            translate("slip.ticket_keep", language),
            translate("slip.ticket_missed", language),
        ),
        footer=footer_text(settings, language),
    )
