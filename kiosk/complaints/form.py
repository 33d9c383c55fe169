"""The complaint wizard as a pure state machine: steps, validation, review (Qt renders it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final, TypeVar

from kiosk.complaints.categories import (
    Category,
    Channel,
    Choice,
    Destination,
    Relation,
    destination,
    label,
)
from kiosk.complaints.fields import (
    FIELDS,
    STEPS,
    FieldSpec,
    Kind,
    Step,
    Value,
    check,
    is_blank,
)
from kiosk.complaints.regions import region_of_nik
from kiosk.errors import InvalidInput
from kiosk.i18n import DEFAULT_LANGUAGE, translate
from kiosk.identity import Sex, mask_nik, mask_phone, parse_nik
from kiosk.vocab import Gender

INCOMPLETE: Final = "complaints.incomplete"
MESSAGE_KEYS: Final = frozenset({INCOMPLETE})
ORDER: Final = tuple(Step)
_T = TypeVar("_T")
# A worker reporting for themself: the worker step starts with the reporter's answers.
_SELF_PREFILL: Final = (("worker_name", "reporter_name"), ("worker_nik", "reporter_nik"))
# A NIK answers another question of its step: where it was issued, the holder's sex.
_FROM_NIK: Final = {"reporter_nik": "reporter_region", "worker_nik": "worker_gender"}
_GENDERS: Final = {Sex.FEMALE: Gender.FEMALE, Sex.MALE: Gender.MALE}


@dataclass(frozen=True)
class ReviewLine:
    """One answer on the review step; ``masked`` when a NIK or phone is hidden in part."""

    label: str
    value: str
    masked: bool = False


@dataclass(frozen=True, repr=False)
class ComplaintDraft:
    """A complete, checked and cleaned complaint with consent given, ready to be stored."""

    reporter_name: str
    reporter_nik: str | None
    reporter_region: str
    relation: Relation
    worker_name: str
    worker_nik: str | None
    worker_passport: str | None
    worker_gender: Gender
    destination_country: Destination
    destination_city: str | None
    employer: str | None
    p3mi: str | None
    departure_year: int | None
    job: str | None
    official_channel: Channel
    categories: tuple[Category, ...]
    chronology: str
    request: str
    urgent: bool
    reporter_phone: str
    consent_language: str

    def __repr__(self) -> str:
        return (
            f"ComplaintDraft(categories={[c.value for c in self.categories]}, urgent={self.urgent})"
        )


class ComplaintForm:
    """The state of one complaint being typed at the kiosk; nothing here touches a database.

    The screens ``set`` the fields of the current ``step`` as typed and call ``next``,
    which checks them and moves on or returns the errors by field name. A "yes" to the
    urgency question shows the hotline at once (``show_hotline``); a refusal of consent
    keeps the form from completing (``consent_refused``: send the person to the counter).

    Args:
        language: the language the person reads; the consent proof records it.
        today: the site's local date, for NIK birth dates and the departure year.
    """

    def __init__(
        self, *, language: str = DEFAULT_LANGUAGE, today: Callable[[], date] = date.today
    ) -> None:
        self.language = language
        self._today = today
        self._raw: dict[str, object] = {}
        self._clean: dict[str, Value | None] = {}
        self._errors: dict[str, InvalidInput] = {}
        self._derived: dict[str, object] = {}
        self._step = Step.REPORTER

    @property
    def step(self) -> Step:
        """The screen being filled in."""
        return self._step

    @property
    def progress(self) -> tuple[int, int]:
        """The step's number counted from 1, and the number of steps."""
        return ORDER.index(self._step) + 1, len(ORDER)

    @property
    def errors(self) -> Mapping[str, InvalidInput]:
        """The current step's faults by field name, from the last ``next``."""
        return dict(self._errors)

    @property
    def show_hotline(self) -> bool:
        """Whether the worker's life or safety is in danger: show the crisis hotline now."""
        return self._raw.get("urgent") is True

    @property
    def consent_refused(self) -> bool:
        """Whether consent was refused: nothing can be kept, offer help at the counter."""
        return self._raw.get("consent") is False

    @property
    def is_complete(self) -> bool:
        """Whether every step is checked and consent given, so the complaint can be submitted."""
        return self._step is Step.REVIEW

    @staticmethod
    def fields_for(step: Step) -> tuple[FieldSpec, ...]:
        """The questions of one step, in screen order."""
        return STEPS[step]

    def value(self, field: str) -> object:
        """What was typed or picked for ``field`` (``None`` when nothing yet)."""
        return self._raw.get(field)

    def set(self, field: str, value: object) -> tuple[str, ...]:
        """Record what the person typed or picked for a field of the current step.

        A valid NIK also answers another question of its step unless the person answered
        it: the reporter's region (the NIK's first digits), the worker's gender.

        Returns:
            The other fields this answer filled in or emptied (the screens show them anew).

        Raises:
            KeyError: no such field.
            ValueError: the field belongs to another step (the screens show one step).
        """
        if FIELDS[field] not in STEPS[self._step]:
            raise ValueError(f"{field} is not on the {self._step.value} step")
        self._put(field, value)
        self._derived.pop(field, None)
        return self._derive(field)

    def _put(self, field: str, value: object) -> None:
        self._raw[field] = value
        self._clean.pop(field, None)
        self._errors.pop(field, None)

    def _derive(self, source: str) -> tuple[str, ...]:
        """Fill in (or take back) what the NIK in ``source`` tells, never over an answer."""
        target = _FROM_NIK.get(source)
        current = None if target is None else self._raw.get(target)
        if target is None or not (is_blank(current) or self._derived.get(target) == current):
            return ()
        value = self._from_nik(source, target)
        if value is None:
            if target not in self._derived:
                return ()
            del self._derived[target]
            self._put(target, None)
            return (target,)
        self._derived[target] = value
        self._put(target, value)
        return (target,)

    def _from_nik(self, source: str, target: str) -> object:
        raw = self._raw.get(source)
        try:
            nik = parse_nik(raw, today=self._today()) if isinstance(raw, str) else None
        except InvalidInput:
            return None
        if nik is None:
            return None
        if target == "worker_gender":
            return _GENDERS[nik.sex]
        found = region_of_nik(nik.digits)
        return None if found is None else found.code

    def next(self) -> Mapping[str, InvalidInput]:
        """Check the current step; move to the next one if it is right, else return its errors."""
        errors: dict[str, InvalidInput] = {}
        clean: dict[str, Value | None] = {}
        for spec in STEPS[self._step]:
            try:
                clean[spec.name] = check(spec, self._raw.get(spec.name), today=self._today())
            except InvalidInput as error:
                errors[spec.name] = error
        self._errors = errors
        if errors or self._step is Step.REVIEW:
            return self.errors
        self._clean.update(clean)
        if self._step is Step.REPORTER and clean["relation"] is Relation.SELF:
            for target, source in _SELF_PREFILL:
                if is_blank(self._raw.get(target)):
                    self._raw[target] = self._raw.get(source)
            self._derive("worker_nik")
        self._step = ORDER[ORDER.index(self._step) + 1]
        return {}

    def back(self) -> None:
        """Go to the previous step, keeping what was typed (the first step stays)."""
        self._errors = {}
        self._step = ORDER[max(0, ORDER.index(self._step) - 1)]

    def reset(self) -> None:
        """Forget everything (after submitting, and at the idle timeout)."""
        self._raw.clear()
        self._clean.clear()
        self._errors = {}
        self._derived.clear()
        self._step = Step.REPORTER

    def review(self, language: str = DEFAULT_LANGUAGE, *, reveal: bool = False) -> list[ReviewLine]:
        """Every answer as lines in screen order, for the review step.

        NIKs and the phone number are masked (the screen is in a public hall) unless
        ``reveal``: the person asked to see them whole.
        """
        lines = []
        for step in ORDER:
            for spec in STEPS[step]:
                value = self._clean.get(spec.name)
                hide = spec.masked and isinstance(value, str) and not reveal
                shown = _mask(spec, str(value)) if hide else describe(spec, value, language)
                lines.append(ReviewLine(spec.label(language), shown, hide))
        return lines

    def draft(self) -> ComplaintDraft:
        """The checked complaint to store.

        Raises:
            InvalidInput: the form is not complete (``complaints.incomplete``).
        """
        if not self.is_complete:
            raise InvalidInput(INCOMPLETE)
        return ComplaintDraft(
            reporter_name=self._get("reporter_name", str),
            reporter_nik=self._optional("reporter_nik", str),
            reporter_region=self._get("reporter_region", str),
            relation=self._get("relation", Relation),
            worker_name=self._get("worker_name", str),
            worker_nik=self._optional("worker_nik", str),
            worker_passport=self._optional("worker_passport", str),
            worker_gender=self._get("worker_gender", Gender),
            destination_country=destination(self._get("destination_country", str)),
            destination_city=self._optional("destination_city", str),
            employer=self._optional("employer", str),
            p3mi=self._optional("p3mi", str),
            departure_year=self._optional("departure_year", int),
            job=self._optional("job", str),
            official_channel=self._get("official_channel", Channel),
            categories=tuple(Category(c) for c in self._get("categories", tuple)),
            chronology=self._optional("chronology", str) or "",
            request=self._optional("request", str) or "",
            urgent=self._get("urgent", bool),
            reporter_phone=self._get("reporter_phone", str),
            consent_language=self.language,
        )

    def _get(self, field: str, kind: type[_T]) -> _T:
        value = self._clean.get(field)
        if not isinstance(value, kind):
            raise InvalidInput(INCOMPLETE)
        return value

    def _optional(self, field: str, kind: type[_T]) -> _T | None:
        return None if self._clean.get(field) is None else self._get(field, kind)


def _mask(spec: FieldSpec, value: str) -> str:
    return mask_phone(value) if spec.kind is Kind.PHONE else mask_nik(value)


def describe(spec: FieldSpec, value: Value | None, language: str = DEFAULT_LANGUAGE) -> str:
    """An answer as the review and the staff console show it (``—`` for none).

    A stored code of a choice (the worker's job) is named by its choice.
    """
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and not isinstance(value, Choice):
        value = next((choice for choice in spec.choices if choice == value), value)
    if isinstance(value, bool):
        key = "consent_given" if spec.kind is Kind.CONSENT else ("yes" if value else "no")
        return translate(f"complaints.{key}", language)
    if isinstance(value, tuple):
        return ", ".join(label(choice, language) for choice in value)
    if isinstance(value, Choice):
        return label(value, language)
    return str(value)
