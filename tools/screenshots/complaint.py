"""A walk through the complaint screens with sample answers, for ``python -m tools.screenshots``."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kiosk.complaints.fields import Step
from kiosk.demo.complaints import ANSWERS
from ui.kiosk.complaint.editors import ChoiceEditor, LineEditor, TextEditor
from ui.kiosk.complaint.flow import ComplaintFlow
from ui.kiosk.slip_screen import SlipState

Save = Callable[[str], None]
Settle = Callable[[Callable[[], bool]], None]


def answer(flow: ComplaintFlow, answers: Mapping[str, object]) -> None:
    """Answer questions of the wizard's current step through its widgets."""
    wizard = flow.wizard
    page = wizard.steps[wizard.form.step]
    for name, value in answers.items():
        editor = page.editors[name]
        if isinstance(editor, ChoiceEditor):
            for each in value if isinstance(value, tuple) else (value,):
                editor.button(each).click()
        elif isinstance(editor, LineEditor):
            editor.field.setText(str(value))
        elif isinstance(editor, TextEditor):
            editor.field.setPlainText(str(value))
    page.verticalScrollBar().setValue(0)


def walk(flow: ComplaintFlow, save: Save, settle: Settle, language: str) -> None:
    """Every step, the urgent panel, a refused NIK, consent, review and the receipt."""
    wizard = flow.wizard
    flow.start()
    answer(flow, {**ANSWERS[Step.REPORTER], "reporter_nik": "3507 1245"})
    wizard.next.click()
    save(f"complaint-error-{language}")
    answer(flow, ANSWERS[Step.REPORTER])
    save(f"complaint-step1-{language}")
    if language != "id":
        flow.reset()
        return
    wizard.next.click()
    answer(flow, ANSWERS[Step.WORKER])
    save("complaint-step2-id")
    wizard.next.click()
    answer(flow, ANSWERS[Step.CASE])
    save("complaint-step3-id")
    answer(flow, {"urgent": True})
    page = wizard.steps[Step.CASE]
    page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())
    save("complaint-urgent-id")
    wizard.next.click()
    answer(flow, ANSWERS[Step.CONTACT])
    save("complaint-step4-id")
    phone = wizard.steps[Step.CONTACT].editors["reporter_phone"]
    assert isinstance(phone, LineEditor)
    wizard.activateWindow()
    phone.field.setFocus()
    settle(phone.field.hasFocus)
    save("complaint-keypad-id")
    phone.field.clearFocus()
    settle(lambda: True)  # the keyboard goes away
    wizard.next.click()
    save("complaint-consent-id")
    wizard.consent.agree.click()
    save("complaint-review-id")
    wizard.next.click()
    settle(lambda: flow.receipt.slip_state is SlipState.PRINTED)
    save("complaint-receipt-id")
    flow.receipt.done.click()
    flow.screen_wanted.emit(flow.refused)
    save("complaint-refused-id")
