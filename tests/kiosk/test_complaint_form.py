"""The complaint wizard as a state machine: steps, validation, back, review, urgency, consent."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from kiosk.complaints import categories, fields, form, records
from kiosk.complaints.categories import Category, Channel, Elsewhere, Job, Relation, Status
from kiosk.complaints.consent import consent_notice, consent_proof
from kiosk.complaints.fields import FIELDS, STEPS, Step
from kiosk.demo.complaints import PHONE_E164, REPORTER_NIK, SHORTEST, WORKER_NIK
from kiosk.errors import InvalidInput
from kiosk.hall_key import KEY_FILE
from kiosk.i18n import available_languages, catalog
from kiosk.vocab import Country, Gender
from tests.helpers.complaints import ANSWERS, fill, new_form

MESSAGE_MODULES = (categories, fields, form, records)


def keys_of(errors: Mapping[str, InvalidInput]) -> dict[str, str]:
    return {name: error.key for name, error in errors.items()}


def test_the_steps_and_their_fields_in_order() -> None:
    complaint = new_form()
    assert complaint.step is Step.REPORTER
    assert complaint.progress == (1, 6)
    assert [spec.name for spec in complaint.fields_for(Step.REPORTER)] == [
        "reporter_name",
        "reporter_nik",
        "reporter_region",
        "relation",
    ]
    assert [spec.name for spec in complaint.fields_for(Step.CONTACT)] == ["reporter_phone"]
    assert [spec.name for spec in complaint.fields_for(Step.CONSENT)] == ["consent"]
    assert complaint.fields_for(Step.REVIEW) == ()


def test_an_empty_reporter_step_names_each_missing_answer_and_stays() -> None:
    complaint = new_form()
    errors = complaint.next()
    assert keys_of(errors) == {
        "reporter_name": "identity.text_required",
        "reporter_region": "complaints.region_required",
        "relation": "complaints.choice_required",
    }
    assert complaint.step is Step.REPORTER
    assert keys_of(complaint.errors) == keys_of(errors)
    assert errors["relation"].message("en") == "Please choose one."


@pytest.mark.parametrize(
    ("name", "value", "key"),
    [
        ("reporter_nik", "2007124508900012", "identity.nik_province"),
        ("reporter_nik", "35071245089000", "identity.nik_length"),
        ("reporter_nik", "3507127308900012", "identity.nik_birth_day"),
        ("reporter_name", "12345 !!", "complaints.name_letters"),
        ("reporter_name", "A" * 101, "identity.text_too_long"),
        ("relation", "neighbour", "complaints.choice_unknown"),
        ("reporter_region", "Kab. Malang", "complaints.region_required"),
        ("reporter_region", "35", "complaints.region_regency"),
        ("reporter_region", "3599", "complaints.region_required"),
    ],
)
def test_a_wrong_reporter_answer_is_refused_with_its_reason(
    name: str, value: str, key: str
) -> None:
    complaint = new_form()
    for field, answer in ANSWERS[Step.REPORTER].items():
        complaint.set(field, answer)
    complaint.set(name, value)
    assert keys_of(complaint.next()) == {name: key}
    assert complaint.step is Step.REPORTER


def test_the_reporter_nik_may_be_left_empty() -> None:
    complaint = new_form()
    fill(complaint, {"reporter_nik": "   "}, until=Step.WORKER)
    assert complaint.step is Step.WORKER


@pytest.mark.parametrize(
    ("name", "value", "key"),
    [
        ("departure_year", "1969", "complaints.year_range"),
        ("departure_year", "2027", "complaints.year_range"),
        ("departure_year", "23", "complaints.year_format"),
        ("worker_passport", "12345678", "identity.passport_indonesian"),
        ("worker_gender", None, "complaints.choice_required"),
        ("destination_country", "xx", "complaints.choice_unknown"),
        ("official_channel", "", "complaints.choice_required"),
        ("job", "astronaut", "complaints.choice_unknown"),
    ],
)
def test_a_wrong_worker_answer_is_refused(name: str, value: object, key: str) -> None:
    complaint = new_form()
    fill(complaint, until=Step.WORKER)
    for field, answer in ANSWERS[Step.WORKER].items():
        complaint.set(field, answer)
    complaint.set(name, value)
    assert keys_of(complaint.next()) == {name: key}


def test_the_year_range_message_says_the_bounds() -> None:
    complaint = new_form()
    fill(complaint, {"departure_year": "1950"}, until=Step.WORKER)
    for field, answer in ANSWERS[Step.WORKER].items():
        complaint.set(field, answer)
    complaint.set("departure_year", "1950")
    error = complaint.next()["departure_year"]
    assert error.message("en") == "The year of departure must be between 1970 and 2026."


def test_the_worker_step_starts_with_the_reporters_answers_for_a_worker_reporting_themself() -> (
    None
):
    complaint = new_form()
    fill(complaint, {"relation": "self"}, until=Step.WORKER)
    assert complaint.value("worker_name") == "Siti Aminah Rahayu"
    assert complaint.value("worker_nik") == REPORTER_NIK


def test_the_case_needs_a_category_a_bounded_chronology_and_an_answer_on_danger() -> None:
    """What happened and what is asked may be left to the officer's call; the rest not."""
    complaint = new_form()
    fill(complaint, until=Step.CASE)
    complaint.set("categories", [])
    complaint.set("chronology", "x" * 2001)
    complaint.set("request", "Pulang")
    assert keys_of(complaint.next()) == {
        "categories": "complaints.choices_required",
        "chronology": "identity.text_too_long",
        "urgent": "complaints.answer_required",
    }


def test_a_yes_to_danger_shows_the_hotline_at_once_and_the_report_still_completes() -> None:
    complaint = new_form()
    fill(complaint, until=Step.CASE)
    assert not complaint.show_hotline
    complaint.set("urgent", True)
    assert complaint.show_hotline
    fill(complaint, {"urgent": True})
    assert complaint.is_complete
    assert complaint.draft().urgent


def test_consent_must_be_answered_and_a_refusal_keeps_the_form_from_completing() -> None:
    complaint = new_form()
    fill(complaint, until=Step.CONSENT)
    assert complaint.progress == (5, 6)
    assert keys_of(complaint.next()) == {"consent": "complaints.consent_required"}
    complaint.set("consent", False)
    assert keys_of(complaint.next()) == {"consent": "complaints.consent_refused"}
    assert complaint.consent_refused
    assert not complaint.is_complete
    with pytest.raises(InvalidInput) as refused:
        complaint.draft()
    assert refused.value.key == "complaints.incomplete"


def test_a_foreign_phone_number_is_accepted_and_kept_in_e164() -> None:
    complaint = new_form()
    fill(complaint, {"reporter_phone": "+886 912 345 678"})
    assert complaint.draft().reporter_phone == "+886912345678"


def test_back_keeps_the_answers_and_stops_at_the_first_step() -> None:
    complaint = new_form()
    fill(complaint, until=Step.CASE)
    complaint.back()
    assert complaint.progress == (2, 6)
    assert complaint.value("employer") == "Chen Family"
    complaint.back()
    complaint.back()
    assert complaint.progress == (1, 6)
    assert complaint.next() == {}
    assert complaint.step is Step.WORKER


def test_changing_an_answer_after_review_needs_the_steps_checked_again() -> None:
    complaint = new_form()
    fill(complaint)
    complaint.back()
    complaint.back()
    complaint.set("reporter_phone", "12")
    assert not complaint.is_complete
    assert keys_of(complaint.next()) == {"reporter_phone": "identity.phone_too_short"}


def test_only_the_current_steps_fields_can_be_set() -> None:
    complaint = new_form()
    with pytest.raises(ValueError, match="not on the reporter step"):
        complaint.set("chronology", "x")
    with pytest.raises(KeyError):
        complaint.set("favourite_colour", "blue")


def test_the_review_lists_every_answer_in_the_readers_language() -> None:
    complaint = new_form()
    fill(complaint)
    lines = {line.label: line.value for line in complaint.review("en", reveal=True)}
    assert lines["Your name"] == "Siti Aminah Rahayu"
    assert lines["Your NIK"] == REPORTER_NIK
    assert lines["Where you live"] == "Kab. Malang, Jawa Timur"
    assert lines["Job"] == "Caregiver for the elderly or sick"
    assert lines["Worker's passport number"] == "X1234567"
    assert lines["Destination country"] == "Taiwan"
    assert lines["Kind of problem"] == (
        "Wages unpaid or underpaid, Documents held by employer or agency"
    )
    assert lines["Is the worker's life or safety in danger now?"] == "No"
    assert lines["Your mobile / WhatsApp number"] == PHONE_E164
    assert lines["Do you agree?"] == "Yes, I agree"
    assert len(lines) == len(FIELDS)
    assert {line.label: line.value for line in complaint.review("id")}["Negara tujuan"] == "Taiwan"


def test_the_review_masks_niks_and_the_phone_until_the_person_asks_to_see_them() -> None:
    complaint = new_form("en")
    fill(complaint)
    masked = {line.label: line for line in complaint.review("en")}
    assert masked["Your NIK"].value == "3507••••••••0012"
    assert masked["Worker's NIK"].value == "3507••••••••0003"
    assert masked["Your mobile / WhatsApp number"].value == "0812•••••890"
    assert {label for label, line in masked.items() if line.masked} == {
        "Your NIK",
        "Worker's NIK",
        "Your mobile / WhatsApp number",
    }
    assert masked["Your name"].value == "Siti Aminah Rahayu"
    shown = {line.label: line for line in complaint.review("en", reveal=True)}
    assert shown["Your NIK"].value == REPORTER_NIK
    assert not any(line.masked for line in shown.values())


def test_a_nik_fills_in_the_region_and_the_gender_but_never_over_an_answer() -> None:
    complaint = new_form()
    assert complaint.set("reporter_nik", REPORTER_NIK[:10]) == ()
    assert complaint.set("reporter_nik", REPORTER_NIK) == ("reporter_region",)
    assert complaint.value("reporter_region") == "3507"
    assert complaint.set("reporter_nik", REPORTER_NIK[:15]) == ("reporter_region",)
    assert complaint.value("reporter_region") is None  # a NIK being corrected tells nothing
    complaint.set("reporter_nik", "3273124508900012")
    assert complaint.value("reporter_region") == "3273"  # Kota Bandung
    complaint.set("reporter_region", "3507")
    assert complaint.set("reporter_nik", "1101124508900012") == ()
    assert complaint.value("reporter_region") == "3507"  # the person's own pick stays
    complaint.set("reporter_region", None)
    complaint.set("reporter_nik", "1101124508900012")
    assert complaint.value("reporter_region") == "11"  # Aceh: its regencies are not listed
    fill(complaint, {"reporter_nik": WORKER_NIK, "relation": Relation.SELF}, until=Step.WORKER)
    assert complaint.value("worker_gender") is Gender.FEMALE


def test_the_shortest_complaint_needs_only_what_the_officer_cannot_do_without() -> None:
    complaint = new_form()
    for step, answers in SHORTEST.items():
        assert complaint.step is step
        for name, value in answers.items():
            complaint.set(name, value)
        assert complaint.next() == {}
    complaint.set("consent", True)
    assert complaint.next() == {}
    draft = complaint.draft()
    assert draft.worker_name == draft.reporter_name
    assert draft.reporter_region == "Kab. Malang, Jawa Timur"
    assert (draft.chronology, draft.request, draft.job) == ("", "", None)


def test_the_draft_holds_clean_typed_values_and_hides_them_in_its_repr() -> None:
    complaint = new_form("en")
    fill(complaint, {"reporter_name": "  Siti\u202e\x00  Aminah\tRahayu "})
    draft = complaint.draft()
    assert draft.reporter_name == "Siti Aminah Rahayu"
    assert draft.worker_gender is Gender.FEMALE
    assert draft.categories == (Category.UNPAID_WAGES, Category.DOCUMENTS_HELD)
    assert draft.departure_year == 2023
    assert draft.consent_language == "en"
    assert "Siti" not in repr(draft)
    assert REPORTER_NIK not in repr(draft)


def test_reset_forgets_everything() -> None:
    complaint = new_form()
    fill(complaint, {"urgent": True})
    complaint.reset()
    assert complaint.step is Step.REPORTER
    assert not complaint.show_hotline
    assert complaint.value("reporter_name") is None
    assert complaint.review("id")[0].value == "—"
    assert keys_of(complaint.next())["reporter_name"] == "identity.text_required"


def test_the_consent_notice_says_purpose_recipients_retention_and_rights() -> None:
    notice = consent_notice("en")
    assert len(notice) == 4
    assert "5 years" in notice[2]
    assert "27/2022" in notice[3]
    assert consent_proof("id") != consent_proof("en")
    assert consent_proof("id").startswith("2026-1:")


def test_the_status_lifecycle() -> None:
    assert categories.move(Status.RECEIVED, "verified") is Status.VERIFIED
    with pytest.raises(InvalidInput) as refused:
        categories.move(Status.RECEIVED, Status.RESOLVED)
    assert refused.value.key == "complaints.status_not_allowed"
    for status in Status:
        if status is not Status.CLOSED:
            assert categories.move(status, Status.CLOSED) is Status.CLOSED
    with pytest.raises(InvalidInput) as unknown:
        categories.move(Status.CLOSED, "archived")
    assert unknown.value.key == "complaints.status_unknown"


@pytest.mark.parametrize("language", available_languages())
def test_every_label_hint_choice_and_message_has_a_text(language: str) -> None:
    messages = catalog(language)
    keys = {spec.label_key for spec in FIELDS.values()} | {
        spec.hint_key for spec in FIELDS.values()
    }
    keys |= {step.title_key for step in STEPS}
    for kind in (Category, Relation, Gender, Channel, Country, Elsewhere, Status, Job):
        keys |= {categories.label_key(choice) for choice in kind}
    for module in MESSAGE_MODULES:
        keys |= module.MESSAGE_KEYS
    assert keys - messages.keys() == set()


def test_every_message_key_in_the_source_is_declared() -> None:
    declared = set().union(*(module.MESSAGE_KEYS for module in MESSAGE_MODULES))
    folder = Path(form.__file__).parent
    used = {
        key
        for path in folder.glob("*.py")
        for key in re.findall(r"""["'](complaints\.[a-z0-9_]+)["']""", path.read_text("utf-8"))
    }
    assert used - {KEY_FILE} == declared
