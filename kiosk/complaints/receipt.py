"""The complaint receipt: a stored complaint as a printing.Slip, with personal data masked."""

from __future__ import annotations

from typing import Final

from kiosk.complaints.categories import label
from kiosk.complaints.views import SubmittedComplaint
from kiosk.i18n import translate
from kiosk.settings import Settings
from kiosk.slips import local_time_text
from printing import Slip

VERIFY_WORKING_DAYS: Final = 3
ANSWER_WORKING_DAYS: Final = 5
"""SP4N-LAPOR!: a report is verified within 3 working days and answered within 5."""


def receipt_slip(complaint: SubmittedComplaint, settings: Settings, language: str) -> Slip:
    """The receipt of ``complaint`` in ``language``.

    It shows the reference, date and time in the site's zone, the categories, the masked
    reporter name and phone, what happens next and the hotline — never the chronology, a
    full NIK or a full phone number (``SubmittedComplaint`` holds none of them).
    """
    site = settings.site

    def text(key: str, **params: object) -> str:
        return translate(f"complaints.receipt_{key}", language, **params)

    categories = ", ".join(label(category, language) for category in complaint.categories)
    notes = [
        text("next_steps", verify=VERIFY_WORKING_DAYS, answer=ANSWER_WORKING_DAYS),
        text("follow"),
    ]
    if complaint.urgent:
        notes.insert(0, text("urgent_call", hotline=site.hotline))
    footer = [text("hotline", hotline=site.hotline)]
    if site.hotline_abroad:
        footer.append(text("hotline_abroad", number=site.hotline_abroad))
    if site.whatsapp:
        footer.append(text("whatsapp", number=site.whatsapp))
    return Slip(
        agency=site.agency,
        site=site.name,
        headline_label=text("headline"),
        headline=complaint.reference,
        badge=text("urgent") if complaint.urgent else None,
        rows=(
            (text("date"), local_time_text(complaint.created_at, settings, language)),
            (text("categories"), categories),
            (text("reporter"), complaint.reporter_name_masked),
            (text("phone"), complaint.reporter_phone_masked),
        ),
        qr_url=complaint.url,
        reference=complaint.reference,
        notes=tuple(notes),
        footer=" · ".join(footer),
    )
