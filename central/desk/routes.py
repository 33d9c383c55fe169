"""Routes of the complaint desk (``/desk/…``): signing in and out, the inbox, a reference.

No rule lives here: a route checks the session and the form's CSRF token
(:mod:`central.desk.web`), asks :mod:`central.desk.cases` or :mod:`central.officers`, and
has :mod:`central.desk.render` draw the answer. A case and what is done to it:
:mod:`central.desk.case_routes`.
"""

from __future__ import annotations

from typing import Annotated, Final

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from central.db import Database
from central.deps import Now, SettingsDep, get_database
from central.desk import cases
from central.desk.cases import Filters
from central.desk.render import desk_html
from central.desk.web import (
    COOKIE,
    FORM_COOKIE,
    DeskDep,
    Form,
    address_of,
    csrf_ok,
    no_nul,
    page,
    redirect,
    sign_in_page,
)
from central.officers import DeskPolicy, Outcome, sign_in, sign_out
from central.pages.routes import Lang, choose_language
from kiosk.complaints.categories import Status

router = APIRouter(prefix="/desk", include_in_schema=False)

AGES: Final = (3, 7, 14, 30)
"""The inbox's "older than" choices, in days."""


def _language(request: Request, asked: str | None) -> str:
    return choose_language(asked, request.headers.get("accept-language"))


@router.get("")
@router.get("/")
def desk_home(desk: DeskDep, lang: Lang = None) -> Response:
    """The desk's address: the inbox (which asks to sign in first when needed)."""
    return desk.to("/inbox", desk.language(lang))


@router.get("/sign-in")
def sign_in_form(request: Request, lang: Lang = None) -> Response:
    """The sign-in form."""
    return sign_in_page(request, _language(request, lang))


@router.post("/sign-in")
def sign_in_post(
    request: Request,
    form: Form,
    db: Annotated[Database, Depends(get_database)],
    settings: SettingsDep,
    now: Now,
) -> Response:
    """Check the name and password; a session cookie and the inbox when they match.

    The check keeps its own transactions (the attempt is counted before the password is
    checked), so this route takes the database, not a request's transaction.
    """
    language = _language(request, form.get("lang"))
    username = form.get("username", "").strip()[:64]
    if not csrf_ok(form, request.cookies.get(FORM_COOKIE, "")):
        return sign_in_page(request, language, "bad_form", username, status=403)
    policy = DeskPolicy.of(settings.desk)
    password = form.get("password", "")[:1024]
    result = sign_in(db, username, password, address_of(request), now, policy)
    if result.outcome is not Outcome.SIGNED_IN:
        locked = result.outcome is Outcome.LOCKED
        message, status = ("locked", 429) if locked else ("refused", 401)
        return sign_in_page(request, language, message, username, status=status)
    response = redirect(request, "/inbox", language)
    response.set_cookie(
        COOKIE,
        result.token,
        max_age=int(policy.lifetime.total_seconds()),
        path="/desk",
        secure=True,
        httponly=True,
        samesite="strict",
    )
    response.delete_cookie(FORM_COOKIE, path="/desk", secure=True, httponly=True)
    return response


@router.post("/sign-out")
def sign_out_post(desk: DeskDep, form: Form) -> Response:
    """End the session (a form with its CSRF token: no page elsewhere can sign one out)."""
    signed = desk.signed()
    if signed is not None and not csrf_ok(form, signed.csrf):
        raise HTTPException(403, "bad form")
    if signed is not None:
        sign_out(desk.session, signed, desk.address, desk.now)
    response = desk.to("/sign-in", desk.language(form.get("lang")))
    response.delete_cookie(COOKIE, path="/desk", secure=True, httponly=True, samesite="strict")
    return response


@router.get("/inbox")
def inbox_page(
    desk: DeskDep,
    lang: Lang = None,
    site: Annotated[str | None, Query(max_length=64)] = None,
    status: Annotated[str | None, Query(max_length=16)] = None,
    category: Annotated[str | None, Query(max_length=32)] = None,
    urgent: Annotated[str | None, Query(max_length=3)] = None,
    older: Annotated[str | None, Query(max_length=4)] = None,
) -> Response:
    """Every complaint of the officer's halls, filtered; urgent open ones first."""
    language = desk.language(lang)
    signed = desk.signed()
    if signed is None:
        expired = COOKIE in desk.request.cookies
        return desk.sign_in_page(language, "expired" if expired else "")
    filters = Filters(
        site=no_nul(site) if site else None,
        status=status if status in {s.value for s in Status} else None,
        category=category if category in cases.category_codes() else None,
        urgent={"yes": True, "no": False}.get(urgent or ""),
        older_than_days=int(older) if older and older.isdigit() and int(older) in AGES else None,
    )
    rows = cases.inbox(desk.session, signed.officer, filters, desk.now, desk.holidays)
    return page(
        desk_html(
            "desk_inbox.html",
            language,
            root=desk.root,
            here=f"{desk.root}/desk/inbox",
            officer=signed.officer,
            csrf=signed.csrf,
            rows=rows,
            filters=filters,
            halls=cases.halls(desk.session, signed.officer),
            statuses=[s.value for s in Status],
            categories=cases.category_codes(),
            ages=AGES,
            limit=cases.INBOX_LIMIT,
            final=cases.FINAL,
            message="",
        )
    )


@router.get("/find")
def find_page(
    desk: DeskDep, lang: Lang = None, reference: Annotated[str, Query(max_length=40)] = ""
) -> Response:
    """A complaint by its reference (a data subject's request starts here)."""
    language = desk.language(lang)
    signed = desk.signed()
    if signed is None:
        return desk.sign_in_page(language, "expired")
    token = cases.find_reference(desk.session, signed.officer, no_nul(reference))
    if token is None:
        return desk.message(signed, language, "not_found", 404)
    return desk.to(f"/c/{token}", language)
