"""The complaint wizard's steps and fields, and how a typed value of each field is checked."""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

from kiosk.complaints.categories import DESTINATIONS, Category, Channel, Choice, Job, Relation
from kiosk.complaints.regions import is_precise, region
from kiosk.errors import InvalidInput
from kiosk.i18n import DEFAULT_LANGUAGE, translate
from kiosk.identity import parse_nik, parse_passport, parse_phone
from kiosk.text import TEXT_REQUIRED, clean_text
from kiosk.vocab import PERSON_GENDERS

NAME_LETTERS: Final = "complaints.name_letters"
CHOICE_REQUIRED: Final = "complaints.choice_required"
CHOICE_UNKNOWN: Final = "complaints.choice_unknown"
CHOICES_REQUIRED: Final = "complaints.choices_required"
ANSWER_REQUIRED: Final = "complaints.answer_required"
YEAR_FORMAT: Final = "complaints.year_format"
YEAR_RANGE: Final = "complaints.year_range"
CONSENT_REQUIRED: Final = "complaints.consent_required"
CONSENT_REFUSED: Final = "complaints.consent_refused"
REGION_REQUIRED: Final = "complaints.region_required"
REGION_REGENCY: Final = "complaints.region_regency"
MESSAGE_KEYS: Final = frozenset(
    {
        NAME_LETTERS,
        CHOICE_REQUIRED,
        CHOICE_UNKNOWN,
        CHOICES_REQUIRED,
        ANSWER_REQUIRED,
        YEAR_FORMAT,
        YEAR_RANGE,
        CONSENT_REQUIRED,
        CONSENT_REFUSED,
        REGION_REQUIRED,
        REGION_REGENCY,
    }
)
FIRST_DEPARTURE_YEAR: Final = 1970

Value = str | int | bool | Choice | tuple[Category, ...]


class Step(enum.StrEnum):
    """A screen of the wizard, in order; ``REVIEW`` shows everything before submitting."""

    REPORTER = "reporter"
    WORKER = "worker"
    CASE = "case"
    CONTACT = "contact"
    CONSENT = "consent"
    REVIEW = "review"

    @property
    def title_key(self) -> str:
        """The catalog key of the step's title."""
        return f"complaints.step_{self.value}"


class Kind(enum.Enum):
    """How a field is typed and checked; the screens pick a widget by it."""

    NAME = "name"
    TEXT = "text"
    LONG_TEXT = "long_text"
    NIK = "nik"
    PASSPORT = "passport"
    PHONE = "phone"
    CHOICE = "choice"
    CHOICES = "choices"
    REGION = "region"
    YES_NO = "yes_no"
    YEAR = "year"
    CONSENT = "consent"


@dataclass(frozen=True)
class FieldSpec:
    """One question of the wizard: its name, kind, whether it is required and its limits."""

    name: str
    kind: Kind
    required: bool = True
    max_length: int = 0
    choices: tuple[Choice, ...] = ()

    @property
    def masked(self) -> bool:
        """Whether the answer is shown masked on a public screen until the person asks."""
        return self.kind in (Kind.NIK, Kind.PHONE)

    @property
    def label_key(self) -> str:
        """The catalog key of the question's label."""
        return f"complaints.field_{self.name}"

    @property
    def hint_key(self) -> str:
        """The catalog key of the short help under the question."""
        return f"complaints.hint_{self.name}"

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The question's label in ``language``."""
        return translate(self.label_key, language)


def _text(name: str, max_length: int, *, required: bool = True) -> FieldSpec:
    return FieldSpec(name, Kind.TEXT, required, max_length)


def _choice(name: str, choices: Iterable[Choice], *, required: bool = True) -> FieldSpec:
    return FieldSpec(name, Kind.CHOICE, required, choices=tuple(choices))


STEPS: Final[dict[Step, tuple[FieldSpec, ...]]] = {
    Step.REPORTER: (
        FieldSpec("reporter_name", Kind.NAME, max_length=100),
        FieldSpec("reporter_nik", Kind.NIK, required=False),
        FieldSpec("reporter_region", Kind.REGION),
        _choice("relation", Relation),
    ),
    Step.WORKER: (
        FieldSpec("worker_name", Kind.NAME, max_length=100),
        FieldSpec("worker_nik", Kind.NIK, required=False),
        FieldSpec("worker_passport", Kind.PASSPORT, required=False),
        _choice("worker_gender", PERSON_GENDERS),
        _choice("destination_country", DESTINATIONS),
        _text("destination_city", 80, required=False),
        _text("employer", 120, required=False),
        _text("p3mi", 120, required=False),
        FieldSpec("departure_year", Kind.YEAR, required=False),
        _choice("job", Job, required=False),
        _choice("official_channel", Channel),
    ),
    Step.CASE: (
        FieldSpec("categories", Kind.CHOICES, choices=tuple(Category)),
        FieldSpec("chronology", Kind.LONG_TEXT, required=False, max_length=2000),
        FieldSpec("request", Kind.LONG_TEXT, required=False, max_length=1000),
        FieldSpec("urgent", Kind.YES_NO),
    ),
    Step.CONTACT: (FieldSpec("reporter_phone", Kind.PHONE),),
    Step.CONSENT: (FieldSpec("consent", Kind.CONSENT),),
    Step.REVIEW: (),
}
FIELDS: Final = {spec.name: spec for specs in STEPS.values() for spec in specs}


def is_blank(raw: object) -> bool:
    """Whether nothing was given: no value, an empty string or only white space."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def check(spec: FieldSpec, raw: object, *, today: date) -> Value | None:
    """The clean value of one field, ``None`` for an optional field left empty.

    Raises:
        InvalidInput: the value is missing or wrong; the key says why in both languages.
    """
    if spec.kind is Kind.YES_NO:
        if not isinstance(raw, bool):
            raise InvalidInput(ANSWER_REQUIRED)
        return raw
    if spec.kind is Kind.CONSENT:
        if raw is not True:
            raise InvalidInput(CONSENT_REFUSED if raw is False else CONSENT_REQUIRED)
        return True
    if spec.kind is Kind.CHOICES:
        return _choices(spec, raw)
    if is_blank(raw) and not spec.required:
        return None
    if spec.kind is Kind.CHOICE:
        return _choice_of(spec, raw)
    if spec.kind is Kind.REGION:
        return _region(raw)
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        raise InvalidInput(TEXT_REQUIRED)
    return _typed(spec, str(raw), today)


def _typed(spec: FieldSpec, text: str, today: date) -> Value:
    match spec.kind:
        case Kind.NIK:
            return parse_nik(text, today=today).digits
        case Kind.PASSPORT:
            return parse_passport(text)
        case Kind.PHONE:
            return parse_phone(text)
        case Kind.YEAR:
            return _year(text, today)
        case Kind.NAME:
            name = clean_text(text, max_length=spec.max_length, multiline=False)
            if not any(char.isalpha() for char in name):
                raise InvalidInput(NAME_LETTERS)
            return name
        case _:
            multiline = spec.kind is Kind.LONG_TEXT
            return clean_text(text, max_length=spec.max_length, multiline=multiline)


def _year(text: str, today: date) -> int:
    digits = unicodedata.normalize("NFKC", text).strip()
    if not (digits.isascii() and digits.isdigit() and len(digits) == 4):
        raise InvalidInput(YEAR_FORMAT)
    year = int(digits)
    if not FIRST_DEPARTURE_YEAR <= year <= today.year:
        raise InvalidInput(YEAR_RANGE, low=FIRST_DEPARTURE_YEAR, high=today.year)
    return year


def _region(raw: object) -> str:
    found = region(raw) if isinstance(raw, str) else None
    if found is None:
        raise InvalidInput(REGION_REQUIRED)
    if not is_precise(found):
        raise InvalidInput(REGION_REGENCY, province=found.name)
    return found.name


def _choice_of(spec: FieldSpec, raw: object) -> Choice:
    if is_blank(raw):
        raise InvalidInput(CHOICE_REQUIRED)
    for choice in spec.choices:
        if choice == raw:
            return choice
    raise InvalidInput(CHOICE_UNKNOWN)


def _choices(spec: FieldSpec, raw: object) -> tuple[Category, ...]:
    if raw is None or isinstance(raw, str) or not isinstance(raw, Iterable):
        raise InvalidInput(CHOICES_REQUIRED)
    picked = list(raw)
    if not picked:
        raise InvalidInput(CHOICES_REQUIRED)
    if any(not any(choice == item for choice in spec.choices) for item in picked):
        raise InvalidInput(CHOICE_UNKNOWN)
    return tuple(Category(choice) for choice in spec.choices if choice in picked)
