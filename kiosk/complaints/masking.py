"""What a complaint handler sees before asking to "show": the identifying answers masked.

Names keep their first word and initials, NIKs and the passport their head and tail, the
phone its first four and last three digits (``kiosk.identity``): enough to match a caller
or a document, not enough to copy. What happened, where and what is asked stay readable:
that is the case to handle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from kiosk.complaints.form import ComplaintDraft
from kiosk.identity import mask_name, mask_nik, mask_phone


def masked(draft: ComplaintDraft) -> ComplaintDraft:
    """``draft`` with every identifying answer masked (none stays as none)."""
    return replace(
        draft,
        reporter_name=mask_name(draft.reporter_name),
        reporter_nik=_masked(mask_nik, draft.reporter_nik),
        reporter_phone=mask_phone(draft.reporter_phone),
        worker_name=mask_name(draft.worker_name),
        worker_nik=_masked(mask_nik, draft.worker_nik),
        worker_passport=_masked(mask_nik, draft.worker_passport),  # as any identity number
    )


def _masked(mask: Callable[[str], str], value: str | None) -> str | None:
    return mask(value) if value else value
