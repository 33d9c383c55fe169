"""A walk through the complaint screens with sample answers, for ``python -m tools.screenshots``."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kiosk.complaints.fields import Step
from kiosk.demo.complaints import ANSWERS
from ui.kiosk.complaint.editors import ChoiceEditor, LineEditor, RegionEditor, TextEditor
from ui.kiosk.complaint.flow import ComplaintFlow
from ui.kiosk.complaint.wizard import ComplaintWizard
from ui.kiosk.slip_screen import SlipState

Save = Callable[[str], None]
Settle = Callable[[Callable[[], bool]], None]


def answer(flow: ComplaintFlow, answers: Mapping[str, object]) -> None:
    """Answer questions of the wizard's current step through its widgets."""
    wizard = flow.wizard
    page = wizard.steps[wizard.form.step]
    for name, value in answers.items():
        editor = page.editors[name]
        if isinstance(editor, RegionEditor):
            if wizard.form.value(name) != value:
                editor.button(str(value)[:2]).click()
                editor.button(str(value)).click()
        elif isinstance(editor, ChoiceEditor):
            for each in value if isinstance(value, tuple) else (value,):
                editor.button(each).click()
        elif isinstance(editor, LineEditor):
            editor.field.setText(str(value))
        elif isinstance(editor, TextEditor):
            editor.field.setPlainText(str(value))
    page.to_top()


def type_into(wizard: ComplaintWizard, step: Step, name: str, settle: Settle) -> None:
    """Put the focus in a field, as a tap does: the on-screen keyboard comes up."""
    editor = wizard.steps[step].editors[name]
    assert isinstance(editor, LineEditor | TextEditor)
    wizard.activateWindow()
    editor.field.setFocus()
    settle(editor.field.hasFocus)


def walk(flow: ComplaintFlow, save: Save, settle: Settle, language: str) -> None:
    """Every step, the region choices, the urgent panel, a refused NIK, consent, the review
    masked and shown, the receipt; the keyboard up on a field of each kind."""
    wizard = flow.wizard
    flow.start()
    answer(flow, {"relation": ANSWERS[Step.REPORTER]["relation"]})
    save(f"complaint-region-{language}")
    region = wizard.steps[Step.REPORTER].editors["reporter_region"]
    assert isinstance(region, RegionEditor)
    region.button("35").click()
    save(f"complaint-regency-{language}")
    flow.reset()
    flow.start()
    answer(flow, {**ANSWERS[Step.REPORTER], "reporter_nik": "3507 1245"})
    wizard.next.click()
    save(f"complaint-error-{language}")
    answer(flow, ANSWERS[Step.REPORTER])
    save(f"complaint-step1-{language}")
    type_into(wizard, Step.REPORTER, "reporter_name", settle)
    save(f"complaint-typing-{language}")
    wizard.setFocus()
    settle(lambda: True)
    wizard.next.click()
    answer(flow, ANSWERS[Step.WORKER])
    save(f"complaint-step2-{language}")
    type_into(wizard, Step.WORKER, "destination_city", settle)
    save(f"complaint-typing-city-{language}")
    wizard.setFocus()
    settle(lambda: True)
    wizard.next.click()
    answer(flow, ANSWERS[Step.CASE])
    save(f"complaint-step3-{language}")
    answer(flow, {"urgent": True})
    page = wizard.steps[Step.CASE]
    page.keep_in_sight(page.editors["urgent"])
    save(f"complaint-urgent-{language}")
    type_into(wizard, Step.CASE, "chronology", settle)
    save(f"complaint-typing-text-{language}")
    wizard.setFocus()
    settle(lambda: True)
    answer(flow, {"urgent": False})
    wizard.next.click()
    answer(flow, ANSWERS[Step.CONTACT])
    save(f"complaint-step4-{language}")
    type_into(wizard, Step.CONTACT, "reporter_phone", settle)
    save(f"complaint-keypad-{language}")
    wizard.setFocus()
    settle(lambda: True)  # the keyboard goes away
    wizard.next.click()
    save(f"complaint-consent-{language}")
    wizard.consent.agree.click()
    save(f"complaint-review-{language}")
    wizard.review.reveal.click()
    save(f"complaint-review-shown-{language}")
    wizard.next.click()
    settle(lambda: flow.receipt.slip_state is SlipState.PRINTED)
    save(f"complaint-receipt-{language}")
    flow.receipt.done.click()
    flow.screen_wanted.emit(flow.refused)
    save(f"complaint-refused-{language}")
