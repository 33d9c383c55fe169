"""One vocabulary of people and places for jobs and complaints: genders and countries.

Names live in the ``vocab`` catalogs (``vocab.gender_female``, ``vocab.country_TW``), once
per language, whichever screen, slip or search index shows them.
"""

from __future__ import annotations

import enum
from typing import Final

from kiosk.i18n import DEFAULT_LANGUAGE, translate


class Gender(enum.StrEnum):
    """Gender (jenis kelamin): a person's, or who may apply to a posting (``any``: either)."""

    MALE = "male"
    FEMALE = "female"
    ANY = "any"


PERSON_GENDERS: Final = (Gender.FEMALE, Gender.MALE)
"""What one person can answer, in the order the screens offer it."""


class Country(enum.StrEnum):
    """A country by its ISO 3166-1 alpha-2 code, upper case as the jobs feed writes it."""

    UNITED_ARAB_EMIRATES = "AE"
    AUSTRALIA = "AU"
    BAHRAIN = "BH"
    BRUNEI = "BN"
    CANADA = "CA"
    CHINA = "CN"
    CZECHIA = "CZ"
    GERMANY = "DE"
    UNITED_KINGDOM = "GB"
    HONG_KONG = "HK"
    HUNGARY = "HU"
    JAPAN = "JP"
    KOREA = "KR"
    KUWAIT = "KW"
    MACAU = "MO"
    MALAYSIA = "MY"
    NETHERLANDS = "NL"
    NEW_ZEALAND = "NZ"
    OMAN = "OM"
    POLAND = "PL"
    QATAR = "QA"
    ROMANIA = "RO"
    SAUDI_ARABIA = "SA"
    SINGAPORE = "SG"
    TURKIYE = "TR"
    TAIWAN = "TW"
    UNITED_STATES = "US"


COUNTRIES: Final = frozenset(country.value for country in Country)
"""The codes of every country with a name, as plain strings."""


def label_key(word: Gender | Country) -> str:
    """The catalog key of a gender's or country's name (``vocab.country_TW``)."""
    kind = "gender" if isinstance(word, Gender) else "country"
    return f"vocab.{kind}_{word.value}"


def label(word: Gender | Country, language: str = DEFAULT_LANGUAGE) -> str:
    """A gender's or country's name in ``language``."""
    return translate(label_key(word), language)


def country_name(code: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The name of the country with an ISO code (``TW`` → ``Taiwan``).

    Raises:
        ValueError: not the code of a country in the vocabulary.
    """
    return label(Country(code), language)
