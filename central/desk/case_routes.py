"""Routes of one case at the desk (``/desk/c/{token}…``): the page, its forms, its exports.

Each form posts to its own address with the session's CSRF token and answers with a 303
back to the case (the case's page again, with a message, when the input was refused);
showing personal data answers the case itself, never cached. The rules are
:mod:`central.desk.cases`'s, :mod:`central.retention`'s and :mod:`central.desk.export`'s.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Final

from fastapi import APIRouter, HTTPException, Query, Response

from central import retention
from central.desk import cases, export
from central.desk.cases import RefusedError
from central.desk.render import desk_html
from central.desk.web import NO_STORE, DeskDep, Form, csrf_ok, page
from central.officers import Signed
from central.pages.routes import Lang
from kiosk.infra.sealed import KeyFileError

router = APIRouter(prefix="/desk/c", include_in_schema=False)

Act = Callable[[Signed], Response | None]
"""What a form does for the signed-in officer; a response of its own, or None for the 303."""
PERSONAL: Final = "yes"


def _case(
    desk: DeskDep,
    signed: Signed,
    token: str,
    language: str,
    *,
    reveal: bool = False,
    message: str = "",
    status: int = 200,
) -> Response:
    try:
        case = cases.open_case(
            desk.session,
            signed.officer,
            token,
            sealer=desk.sealer(),
            address=desk.address,
            now=desk.now,
            reveal=reveal,
            holidays=desk.holidays,
        )
    except RefusedError as refused:
        return desk.message(signed, language, refused.key, refused.status)
    except KeyFileError:
        return desk.message(signed, language, "key_fault", 500)
    body = desk_html(
        "desk_case.html",
        language,
        root=desk.root,
        here=f"{desk.root}/desk/c/{token}",
        officer=signed.officer,
        csrf=signed.csrf,
        case=case,
        final=cases.FINAL,
        lapor_statuses=[s.value for s in cases.LaporStatus],
        message=message,
    )
    return page(body, status)


@router.get("/{token}")
def case_page(token: str, desk: DeskDep, lang: Lang = None) -> Response:
    """One complaint, personal data masked (opening it is recorded)."""
    language = desk.language(lang)
    signed = desk.signed()
    if signed is None:
        return desk.sign_in_page(language, "expired")
    return _case(desk, signed, token, language)


def _form(desk: DeskDep, form: dict[str, str], token: str, act: Act) -> Response:
    """A form's action on a case: signed in, the session's CSRF token, then back to the case."""
    language = desk.language(form.get("lang"))
    signed = desk.signed()
    if signed is None:
        return desk.sign_in_page(language, "expired", status=401)
    if not csrf_ok(form, signed.csrf):
        return desk.message(signed, language, "bad_form", 403)
    try:
        answer = act(signed)
    except RefusedError as refused:
        if refused.status != 400:
            return desk.message(signed, language, refused.key, refused.status)
        return _case(desk, signed, token, language, message=refused.key, status=400)
    return answer or desk.to(f"/c/{token}", language)


@router.post("/{token}/reveal")
def reveal(token: str, desk: DeskDep, form: Form) -> Response:
    """The case with its personal data shown (handlers and administrators; recorded)."""

    def act(signed: Signed) -> Response:
        if not signed.officer.handles:
            raise RefusedError("not_allowed", 403)
        return _case(desk, signed, token, desk.language(form.get("lang")), reveal=True)

    return _form(desk, form, token, act)


@router.post("/{token}/note")
def note(token: str, desk: DeskDep, form: Form) -> Response:
    """A note on the case, public or internal."""

    def act(signed: Signed) -> None:
        text, public = form.get("text", ""), form.get("public") == "yes"
        cases.add_note(
            desk.session, signed.officer, token, text, public, address=desk.address, now=desk.now
        )

    return _form(desk, form, token, act)


@router.post("/{token}/status")
def status_move(token: str, desk: DeskDep, form: Form) -> Response:
    """Move the case along its lifecycle, with a reason."""

    def act(signed: Signed) -> None:
        target, reason = form.get("status", ""), form.get("reason", "")
        cases.move_status(
            desk.session, signed.officer, token, target, reason, address=desk.address, now=desk.now
        )

    return _form(desk, form, token, act)


@router.post("/{token}/lapor")
def lapor(token: str, desk: DeskDep, form: Form) -> Response:
    """The case's SP4N-LAPOR! tracking number and status."""

    def act(signed: Signed) -> None:
        number, status = form.get("number", ""), form.get("lapor_status", "")
        cases.set_lapor(
            desk.session, signed.officer, token, number, status, address=desk.address, now=desk.now
        )

    return _form(desk, form, token, act)


@router.post("/{token}/erase")
def erase(token: str, desk: DeskDep, form: Form) -> Response:
    """Erase the case's personal data now, at its data subject's request (administrators)."""

    def act(signed: Signed) -> None:
        retention.erase_now(desk.session, signed.officer, token, address=desk.address, now=desk.now)

    return _form(desk, form, token, act)


def _download(desk: DeskDep) -> Signed:
    signed = desk.signed()
    if signed is None:
        raise HTTPException(401, "sign in first")
    return signed


def _attachment(name: str) -> dict[str, str]:
    return {**NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/{token}/held.json")
def held(token: str, desk: DeskDep) -> Response:
    """Everything held of the case, as JSON for its data subject (handlers; recorded)."""
    signed = _download(desk)
    try:
        document = retention.held(
            desk.session, signed.officer, token, desk.sealer(), address=desk.address, now=desk.now
        )
    except RefusedError as refused:
        raise HTTPException(refused.status, refused.key) from None
    body = json.dumps(document, ensure_ascii=False, indent=2).encode()
    name = f"{document['reference']}.json"
    return Response(body, media_type="application/json", headers=_attachment(name))


@router.get("/{token}/case-file.pdf")
def case_file(
    token: str,
    desk: DeskDep,
    lang: Lang = None,
    personal: Annotated[str | None, Query(max_length=3)] = None,
) -> Response:
    """The case as a PDF for the case file; personal data only for handlers (recorded)."""
    signed = _download(desk)
    try:
        name, pdf = export.case_file_pdf(
            desk.session,
            signed.officer,
            token,
            desk.sealer(),
            personal=personal == PERSONAL,
            language=desk.language(lang),
            address=desk.address,
            now=desk.now,
            holidays=desk.holidays,
        )
    except RefusedError as refused:
        raise HTTPException(refused.status, refused.key) from None
    return Response(pdf, media_type="application/pdf", headers=_attachment(name))
