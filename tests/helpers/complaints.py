"""Complaint forms for tests: the sample answers, an empty form on a fixed day, filling it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from kiosk.complaints.fields import Step
from kiosk.complaints.form import ComplaintForm
from kiosk.demo.complaints import ANSWERS as DEMO_ANSWERS

TODAY = date(2026, 11, 23)
ANSWERS: Mapping[Step, Mapping[str, object]] = {
    **DEMO_ANSWERS,
    Step.CONSENT: {"consent": True},
}


def new_form(language: str = "id") -> ComplaintForm:
    """An empty form whose today is ``TODAY``."""
    return ComplaintForm(language=language, today=lambda: TODAY)


def fill(
    complaint: ComplaintForm,
    changes: Mapping[str, object] | None = None,
    *,
    until: Step = Step.REVIEW,
) -> None:
    """Answer every step with the samples (``changes`` replacing some) up to ``until``."""
    changes = changes or {}
    while complaint.step is not until:
        for name, value in ANSWERS[complaint.step].items():
            complaint.set(name, changes.get(name, value))
        errors = complaint.next()
        assert not errors, {name: str(error) for name, error in errors.items()}
