"""Cek Status: a visitor checks a slip's record at the kiosk, from the hall database alone.

``look_up(text, …)`` (``hall.look_up(text)``) reads what a typed reference or a scanned QR
link names — a ticket, a complaint or a vacancy — and answers with a frozen
:class:`TicketFound`, :class:`ComplaintFound`, :class:`PostingFound` or :class:`NotFound`;
``describe(answer, settings, language)`` puts it in plain words for the screen.
"""

from kiosk.status.answers import (
    MESSAGE_KEYS,
    ComplaintFound,
    NotFound,
    PostingFound,
    StatusAnswer,
    TicketFound,
)
from kiosk.status.lookup import look_up
from kiosk.status.words import StatusCard, describe

__all__ = [
    "MESSAGE_KEYS",
    "ComplaintFound",
    "NotFound",
    "PostingFound",
    "StatusAnswer",
    "StatusCard",
    "TicketFound",
    "describe",
    "look_up",
]
