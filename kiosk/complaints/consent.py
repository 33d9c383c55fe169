"""The consent notice under UU 27/2022 (PDP) shown before a complaint is kept, and its proof."""

from __future__ import annotations

import hashlib
from typing import Final

from kiosk.i18n import DEFAULT_LANGUAGE, translate

CONSENT_VERSION: Final = "2026-1"
"""Raise this when the meaning of the consent text changes; it is kept with each complaint."""
RETENTION_YEARS: Final = 5
_PARTS: Final = ("purpose", "recipients", "retention", "rights")


def consent_notice(language: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """The paragraphs shown before submission: purpose, who sees the data, how long, rights."""
    return tuple(
        translate(f"complaints.consent_{part}", language, years=RETENTION_YEARS) for part in _PARTS
    )


def consent_proof(language: str) -> str:
    """What is stored as proof of consent: the version and a digest of the exact text shown."""
    shown = "\n".join(consent_notice(language)).encode("utf-8")
    return f"{CONSENT_VERSION}:{hashlib.sha256(shown).hexdigest()[:16]}"
