"""Tests that the message catalogs agree across languages and hold every key the code uses."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from kiosk import identity, references, text
from kiosk.i18n import LOCALES_DIR, available_languages, catalog, translate, translate_count

LANGUAGES = available_languages()
KEY_LITERAL = re.compile(r"""["']((?:identity|text)\.[a-z0-9_]+)["']""")
MODULES_WITH_KEYS = [identity, references, text]


def domain_files(language: str) -> dict[str, dict[str, object]]:
    """Each domain file of ``language`` by its name, as parsed TOML."""
    files = {}
    for path in sorted((LOCALES_DIR / language).glob("*.toml")):
        with path.open("rb") as handle:
            files[path.stem] = tomllib.load(handle)
    return files


def placeholders(message: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(message) if field is not None}


def test_indonesian_is_the_default_and_english_exists() -> None:
    assert LANGUAGES[0] == "id"
    assert "en" in LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_every_language_has_the_same_domain_files(language: str) -> None:
    assert domain_files(language).keys() == domain_files(LANGUAGES[0]).keys()


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_every_domain_has_the_same_keys_and_placeholders(language: str) -> None:
    default = domain_files(LANGUAGES[0])
    for domain, messages in domain_files(language).items():
        assert messages.keys() == default.get(domain, {}).keys(), domain
        for key, message in messages.items():
            assert isinstance(message, str), f"{domain}.{key}"
            assert placeholders(message) == placeholders(str(default[domain][key])), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_a_non_empty_string(language: str) -> None:
    assert all(message.strip() for message in catalog(language).values())


@pytest.mark.parametrize("module", MODULES_WITH_KEYS, ids=lambda module: module.__name__)
def test_every_key_in_the_source_is_declared(module: ModuleType) -> None:
    assert module.__file__ is not None
    used = set(KEY_LITERAL.findall(Path(module.__file__).read_text(encoding="utf-8")))
    assert used
    assert used == module.MESSAGE_KEYS


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("module", MODULES_WITH_KEYS, ids=lambda module: module.__name__)
def test_every_declared_key_has_a_message(module: ModuleType, language: str) -> None:
    assert catalog(language).keys() >= module.MESSAGE_KEYS


def test_identity_catalog_has_no_unused_keys() -> None:
    declared = identity.MESSAGE_KEYS | references.MESSAGE_KEYS | text.MESSAGE_KEYS
    assert {key for key in catalog("id") if key.startswith("identity.")} == declared


def test_translate_formats_params() -> None:
    assert translate("identity.nik_length", "id", count=15).endswith("15 angka.")
    assert translate("identity.nik_length", "en", count=15).endswith("You entered 15.")


def test_a_count_takes_the_plural_form_of_its_language() -> None:
    assert translate_count("take.waiting", "en", 1, minutes=5) == "1 person waiting · ± 5 min"
    assert translate_count("take.waiting", "en", 2, minutes=5) == "2 people waiting · ± 5 min"
    assert translate_count("take.waiting", "id", 1, minutes=5) == "1 orang menunggu · ± 5 menit"
    assert translate_count("jobsui.vacancies", "en", 1234, count="1,234") == "1,234 vacancies"
