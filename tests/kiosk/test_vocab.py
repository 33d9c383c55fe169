"""The one vocabulary of genders and countries, and complaints' stored codes upgraded to it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import text

from kiosk.complaints import categories
from kiosk.complaints.categories import DESTINATIONS, Elsewhere, destination
from kiosk.complaints.fields import FIELDS
from kiosk.db import Database, alembic_config, migrate, open_database
from kiosk.i18n import available_languages, catalog
from kiosk.jobs.wording import place_text
from kiosk.vocab import COUNTRIES, PERSON_GENDERS, Country, Gender, country_name, label_key

LANGUAGES = available_languages()
# A name of a country or gender kept anywhere but the shared vocabulary.
STRAY_NAME = re.compile(r"(?!vocab\.)[a-z]+\.(country_[A-Za-z]{2}|gender_(male|female|any))")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_gender_and_country_has_one_name_in_every_language(language: str) -> None:
    messages = catalog(language)
    vocabulary = {key for key in messages if key.startswith("vocab.")}
    assert vocabulary == {label_key(word) for word in [*Gender, *Country]}
    assert [key for key in messages if STRAY_NAME.fullmatch(key)] == []


def test_codes_are_upper_case_iso_as_the_jobs_feed_writes_them() -> None:
    assert {country.value for country in Country} == COUNTRIES
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in COUNTRIES)
    assert country_name("TW", "en") == "Taiwan"
    with pytest.raises(ValueError, match="'tw' is not a valid Country"):
        country_name("tw", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_complaint_wizard_and_the_jobs_screens_say_the_same_names(language: str) -> None:
    offered = [choice for choice in DESTINATIONS if isinstance(choice, Country)]
    assert len(offered) == len(DESTINATIONS) - 1
    assert DESTINATIONS[-1] is Elsewhere.OTHER
    for country in offered:
        assert categories.label(country, language) == country_name(country.value, language)
        assert place_text(country.value, "", language) == country_name(country.value, language)
    assert FIELDS["worker_gender"].choices == PERSON_GENDERS
    assert categories.label(Gender.FEMALE, "id") == "Perempuan"


def test_a_stored_destination_reads_back_as_its_choice() -> None:
    assert destination("TW") is Country.TAIWAN
    assert destination("other") is Elsewhere.OTHER
    with pytest.raises(ValueError, match="'xx' is not a valid Country"):
        destination("xx")


def test_the_upgrade_writes_stored_destinations_in_upper_case_and_back(
    database_url: str,
) -> None:
    db = open_database(database_url)
    try:
        with db.engine.connect() as connection, connection.begin():
            command.upgrade(alembic_config(connection), "0005")
        with db.engine.begin() as connection:
            for number, code in enumerate(("tw", "other", "de")):
                connection.execute(_COMPLAINT, _complaint(number, code))
        migrate(db)
        assert _destinations(db) == ["TW", "other", "DE"]
        assert [destination(code) for code in _destinations(db)] == [
            Country.TAIWAN,
            Elsewhere.OTHER,
            Country.GERMANY,
        ]
        with db.engine.connect() as connection, connection.begin():
            command.downgrade(alembic_config(connection), "0005")
        assert _destinations(db) == ["tw", "other", "de"]
    finally:
        db.dispose()


_SEALED_COLUMNS = (
    "reporter_name",
    "reporter_phone",
    "reporter_region",
    "worker_name",
    "chronology",
    "request",
)
_COMPLAINT = text(
    "INSERT INTO complaints (reference, public_token, created_at, day, status, urgent,"
    " categories, relation, worker_gender, destination_country, official_channel,"
    " consent_proof, consent_language, consented_at, key_id, "
    + ", ".join(_SEALED_COLUMNS)
    + ") VALUES (:reference, :public_token, :at, :day, 'received', false, 'unpaid_wages',"
    " 'mother', 'female', :country, 'yes', '1:3f2a9c0b7d1e4f56', 'id', :at, 'k1', "
    + ", ".join(f":{column}" for column in _SEALED_COLUMNS)
    + ")"
)


def _complaint(number: int, country: str) -> dict[str, object]:
    """The values of one complaint as an app at schema 0005 stored it (codes in lower case)."""
    at = datetime(2026, 11, 23, 2, number, tzinfo=UTC).replace(tzinfo=None)
    return {
        "reference": f"P-261123-000{number}",
        "public_token": f"complaint{number}token",
        "at": at,
        "day": date(2026, 11, 23),
        "country": country,
        **{column: b"\x01k1\x00sealed" for column in _SEALED_COLUMNS},
    }


def _destinations(db: Database) -> list[str]:
    with db.engine.connect() as connection:
        return list(
            connection.execute(
                text("SELECT destination_country FROM complaints ORDER BY reference")
            ).scalars()
        )
