"""Folding text for search: case, diacritics and punctuation removed, words kept."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

_NOT_WORD: Final = re.compile(r"[^0-9a-z]+")
MAX_QUERY_WORDS: Final = 8
MIN_WORD_LENGTH: Final = 2


def fold(text: str) -> str:
    """``text`` as lower-case ASCII words separated by single spaces (``"Perawat Lansia"``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_WORD.sub(" ", plain.casefold()).strip()


def query_words(text: str) -> tuple[str, ...]:
    """The distinct folded words of what a visitor typed, in order, at most eight.

    A single letter is not yet a word (it would match nearly everything), so it is left out
    until the next key.
    """
    words = (word for word in fold(text).split() if len(word) >= MIN_WORD_LENGTH)
    return tuple(dict.fromkeys(words))[:MAX_QUERY_WORDS]
