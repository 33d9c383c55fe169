"""A complaint's case file (berkas kasus) as the desk exports it: the words, then ``printing``.

Personal data is printed only when a handler or administrator asks for it; otherwise its
fields show as masked. Every export is recorded in the audit log.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from central import audit
from central.audit import Action
from central.desk.cases import RefusedError, case_view, find_case
from central.desk.render import words
from central.officers import OfficerView
from central.pages import wording
from kiosk.infra.sealed import Sealer
from printing.case_file import CaseFile, CaseSection, render_case_file


def case_file_pdf(
    session: Session,
    officer: OfficerView,
    token: str,
    sealer: Sealer,
    *,
    personal: bool,
    language: str,
    address: str,
    now: datetime,
    holidays: frozenset[date] = frozenset(),
) -> tuple[str, bytes]:
    """The case file's name and PDF, recorded.

    Raises:
        RefusedError: not the officer's, or personal data asked by a viewer.
        kiosk.infra.sealed.KeyFileError: the key does not open the personal answers.
    """
    complaint = find_case(session, officer, token)
    if personal and not officer.handles:
        raise RefusedError("not_allowed", 403)
    case = case_view(session, officer, complaint, sealer, now, reveal=personal, holidays=holidays)
    audit.record(
        session,
        officer=officer.username,
        action=Action.EXPORT,
        address=address,
        at=now,
        complaint=complaint,
        detail="personal" if personal else "masked",
    )
    d = words(language)

    def w(key: str, fallback: str) -> str:
        return wording.word(key, language, fallback)

    def when(moment: datetime) -> str:
        return f"{wording.date_text(moment.date(), language)} {wording.time_text(moment, language)}"

    row = case.row
    summary = [
        (d("hall"), row.hall),
        (d("received_at"), when(row.created_at)),
        (d("status"), w(f"complaints.status_{row.status}", row.status)),
        (d("categories"), ", ".join(w(f"complaints.category_{c}", c) for c in row.categories)),
        (d("urgency"), d("urgent") if row.urgent else d("not_urgent")),
        (d("reporter_masked"), case.reporter_masked),
    ]
    if case.destination_country:
        country = case.destination_country
        summary.append((d("destination"), w(f"vocab.country_{country}", country)))
    if row.lapor_number:
        summary.append(
            (
                d("lapor_number_field"),
                f"{row.lapor_number} ({d('lapor_' + str(case.lapor_status))})",
            )
        )
    sections = [CaseSection(d("summary"), rows=tuple(summary))]
    if case.erased_at is not None:
        sections.append(
            CaseSection(
                d("personal"),
                paragraphs=(d("erased", date=wording.date_text(case.erased_at.date(), language)),),
            )
        )
    else:
        for detail in case.details:
            if detail.name in ("chronology", "request"):
                sections.append(CaseSection(d(detail.name), paragraphs=(detail.value,)))
        sections.append(
            CaseSection(
                d("personal"),
                rows=tuple(
                    (w(f"desk.field_{detail.name}", detail.name), detail.value)
                    for detail in case.details
                    if detail.name not in ("chronology", "request")
                ),
                paragraphs=() if personal else (d("masked_note"),),
            )
        )
    sections.append(
        CaseSection(
            d("history"),
            rows=tuple(
                (
                    when(step.at),
                    w(f"complaints.status_{step.status}", step.status)
                    + (f": {step.reason}" if step.reason else ""),
                )
                for step in case.statuses
            ),
        )
    )
    sections.append(
        CaseSection(
            d("notes"),
            rows=tuple(
                (
                    f"{when(note.at)} · {d('note_public') if note.public else d('note_internal')}",
                    note.text,
                )
                for note in case.notes
                if note.text
            ),
        )
    )
    pdf = render_case_file(
        CaseFile(
            title=d("case_title", reference=row.reference),
            subtitles=(d("title"),),
            sections=tuple(sections),
            footer=d(
                "file_footer",
                officer=officer.username,
                at=when(now.astimezone(row.created_at.tzinfo)),
            ),
        )
    )
    return f"{row.reference}.pdf", pdf
