"""Message catalogs: every user-visible string, one TOML file per language and domain.

A language is a folder under ``kiosk/locales`` (``id``, ``en``, ...); each folder holds
one ``<domain>.toml`` per part of the product with flat ``key = "text"`` entries. Adding
a language means adding a folder; no code changes.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TypeVar

LOCALES_DIR = Path(__file__).with_name("locales")
DEFAULT_LANGUAGE = "id"
T = TypeVar("T")


class MissingMessageError(KeyError):
    """A message key that no catalog defines."""


@cache
def catalog(language: str) -> Mapping[str, str]:
    """All messages of one language, merged from its domain files.

    Args:
        language: a language folder name such as ``"id"``.
    """
    folder = LOCALES_DIR / language
    if not folder.is_dir():
        raise LookupError(f"no catalog for language {language!r}")
    messages: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            for key, text in tomllib.load(handle).items():
                if not isinstance(text, str):
                    raise TypeError(f"{path.name}: {key} must be a string")
                messages[f"{path.stem}.{key}"] = text
    return messages


def available_languages() -> tuple[str, ...]:
    """Languages with a catalog, the default first."""
    found = sorted(p.name for p in LOCALES_DIR.iterdir() if p.is_dir())
    return tuple(sorted(found, key=lambda code: code != DEFAULT_LANGUAGE))


def translate(key: str, language: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The text of ``key`` (``"domain.name"``) in ``language``, formatted with ``params``.

    Falls back to the default language when a catalog lacks the key.
    """
    for lang in (language, DEFAULT_LANGUAGE):
        text = catalog(lang).get(key)
        if text is not None:
            return text.format(**params) if params else text
    raise MissingMessageError(key)


def translate_count(key: str, language: str, number: int, **params: object) -> str:
    """The text of ``key`` for ``number`` of something, in the plural form it takes.

    One of a thing reads ``key_one`` ("1 person waiting"), any other number ``key``
    ("2 people waiting"); each language writes both in its catalog, the same where it
    has no plural (Indonesian: "1 orang", "2 orang"). ``{count}`` is ``number`` unless
    ``params`` gives it as shown (``1.234``).
    """
    chosen = f"{key}_one" if number == 1 else key
    return translate(chosen, language, **{"count": number, **params})


def pick(names: Mapping[str, T], language: str) -> T:
    """One entry of a per-language mapping from configuration, falling back to Indonesian."""
    return names.get(language) or names[DEFAULT_LANGUAGE]
