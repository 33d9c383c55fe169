"""What a visitor typed or scanned at Cek Status: a slip's QR link, a bare token, or a reference.

A USB barcode scanner types the QR code's link (``https://…/r/{TOKEN}``) and Enter into the
focused field, perhaps after letters the visitor had typed there already; a person types
the reference printed under the code (``Q-261123-7K3M``) with whatever case, spaces, dashes
and read-alikes (O for 0, I or L for 1) come to hand.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from kiosk.errors import InvalidInput
from kiosk.references import TOKEN_LENGTH, Reference, parse_reference
from kiosk.status.answers import NOT_A_SLIP

# The token of a slip's link, wherever the link begins in the field: ".../r/TOKEN" and then
# the end, a slash, a query or a fragment. Case-insensitive: a scanner with Caps Lock on
# types the link in capitals.
_LINK_TOKEN: Final = re.compile(rf"/r/([a-z2-7]{{{TOKEN_LENGTH}}})(?=$|[/?#\s])", re.IGNORECASE)
_LINK: Final = re.compile(r"://|^www\.|/r/", re.IGNORECASE)
_BARE_TOKEN: Final = re.compile(rf"[A-Z2-7]{{{TOKEN_LENGTH}}}")
_SPACES: Final = re.compile(r"[\s\-_.]+")


@dataclass(frozen=True, slots=True)
class Token:
    """The public token of a QR link: it names a ticket, a complaint or a posting."""

    value: str


Code = Token | Reference
"""What a visitor's text names: a record's public token, or a human reference."""


class UnreadableCode(InvalidInput):
    """Text that names no record: its message key says what is wrong with it."""


def read_code(text: str) -> Code:
    """The token or reference in what a visitor typed or scanned.

    Raises:
        UnreadableCode: a link that is not a slip's (``status.not_a_slip``).
        kiosk.references.InvalidReference: no link, and not a reference either (its key says
            what is wrong: ``identity.reference_required``, ``…_format``, ``…_date``, …).
    """
    normal = unicodedata.normalize("NFKC", text).strip()
    linked = _LINK_TOKEN.findall(normal)
    if linked:
        return Token(linked[-1].upper())  # a scan after typed letters: the scan counts
    if _LINK.search(normal):
        raise UnreadableCode(NOT_A_SLIP)
    compact = _SPACES.sub("", normal).upper()
    if _BARE_TOKEN.fullmatch(compact):
        return Token(compact)
    return parse_reference(normal)
