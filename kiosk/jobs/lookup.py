"""A posting found by the reference or QR token of its job slip (Cek Status opens its detail)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.models import Posting


def find_posting(
    session: Session, *, reference: str | None = None, token: str | None = None
) -> int | None:
    """The id of the posting with a canonical ``reference`` or a public ``token``, or None.

    A closed posting is found too: its detail says it is closed. Takes the caller's read
    session and never commits.
    """
    if (reference is None) == (token is None):
        raise ValueError("give a reference or a token")
    column = Posting.reference if reference is not None else Posting.public_token
    return session.scalar(select(Posting.id).where(column == (reference or token)))
