"""Cleaning of free text typed at the kiosk (names, chronologies, addresses) before it is kept."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from kiosk.errors import InvalidInput

TEXT_REQUIRED: Final = "identity.text_required"
TEXT_TOO_LONG: Final = "identity.text_too_long"
MESSAGE_KEYS: Final = frozenset({TEXT_REQUIRED, TEXT_TOO_LONG})

# Bidi embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069) can make text
# display in an order other than the one stored; ordinary right-to-left letters are kept.
_BIDI_CONTROLS: Final = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_LINE_BREAKS: Final = frozenset("\n\v\f\r\x85\u2028\u2029")
_SPACES: Final = re.compile(r" {2,}")
_BLANK_LINES: Final = re.compile(r"\n{3,}")


def clean_text(value: str, *, max_length: int, multiline: bool, required: bool = True) -> str:
    """``value`` made safe to store and print, or an :class:`InvalidInput`.

    Drops control characters, bidi override/isolate characters and lone surrogates;
    NFC-normalises; turns every kind of space into a plain space and collapses runs of them;
    trims. With ``multiline`` line breaks (``\\r\\n``, ``\\r``, U+2028 ...) become ``\\n``
    and tabs stay, spaces and tabs around each line go and at most one blank line is kept;
    without it line breaks and tabs become spaces. Emoji and right-to-left scripts stay.

    Args:
        value: the text as typed.
        max_length: the most characters (code points) allowed after cleaning; longer text
            is rejected with ``identity.text_too_long``, never silently cut.
        multiline: whether line breaks and tabs are kept.
        required: whether text that is empty after cleaning is rejected with
            ``identity.text_required`` (otherwise ``""`` is returned).
    """
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    kept: list[str] = []
    for char in value.replace("\r\n", "\n"):
        if char in _LINE_BREAKS:
            kept.append("\n" if multiline else " ")
        elif char == "\t":
            kept.append("\t" if multiline else " ")
        elif char in _BIDI_CONTROLS:
            continue
        else:
            category = unicodedata.category(char)
            if category == "Zs":
                kept.append(" ")
            elif category not in ("Cc", "Cs"):
                kept.append(char)
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", "".join(kept)))
    if multiline:
        lines = (line.strip(" \t") for line in text.split("\n"))
        text = _BLANK_LINES.sub("\n\n", "\n".join(lines))
    text = text.strip()
    if not text and required:
        raise InvalidInput(TEXT_REQUIRED)
    if len(text) > max_length:
        raise InvalidInput(TEXT_TOO_LONG, limit=max_length, count=len(text))
    return text
