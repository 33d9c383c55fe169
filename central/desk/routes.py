"""Routes of the complaint desk (``/desk/…``): sign-in, inbox, a case and what is done to it.

No rule lives here: a route checks the session and the form's CSRF token, asks
:mod:`central.desk.cases` (or :mod:`central.officers`) and has :mod:`central.desk.render`
draw the answer. The session cookie is ``Secure``, ``HttpOnly`` and ``SameSite=Strict``;
every form carries the session's CSRF token, and the sign-in form a token of its own
matched against a short-lived cookie (so nobody can sign a browser in as someone else).
Every page is ``no-store``: no personal data is left in a cache.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Final
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import RedirectResponse

from central import retention
from central.db import Database
from central.deps import Now, SettingsDep, WriteSession, get_database
from central.desk import cases, export
from central.desk.cases import Filters, RefusedError
from central.desk.render import desk_html
from central.officers import DeskPolicy, Outcome, Signed, session_of, sign_in, sign_out
from central.pages.routes import Lang, choose_language
from central.settings import Settings
from central.sync import complaint_sealer
from kiosk.complaints.categories import Status
from kiosk.infra.sealed import KeyFileError, Sealer

router = APIRouter(prefix="/desk", include_in_schema=False)

COOKIE: Final = "mpp_desk"
FORM_COOKIE: Final = "mpp_desk_form"
FORM_COOKIE_SECONDS: Final = 15 * 60
MAX_FORM_BYTES: Final = 32 * 1024
AGES: Final = (3, 7, 14, 30)
NO_STORE: Final = {"Cache-Control": "no-store"}
SealerDep = Annotated[Callable[[], Sealer], Depends(complaint_sealer)]
DatabaseDep = Annotated[Database, Depends(get_database)]


async def form_of(request: Request) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body as one value per name (the first)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise HTTPException(415, "a form is sent as application/x-www-form-urlencoded")
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, "form too large")
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "malformed form") from None
    return {name: values[0] for name, values in parsed.items()}


Form = Annotated[dict[str, str], Depends(form_of)]


def _root(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _policy(settings: Settings) -> DeskPolicy:
    return DeskPolicy.of(settings.desk)


def _holidays(settings: Settings) -> frozenset[date]:
    return frozenset(settings.desk.holidays)


def _language(request: Request, asked: str | None) -> str:
    return choose_language(asked, request.headers.get("accept-language"))


def _page(body: bytes, status: int = 200) -> Response:
    return Response(body, status, media_type="text/html; charset=utf-8", headers=NO_STORE)


def _to(request: Request, path: str, language: str) -> RedirectResponse:
    return RedirectResponse(
        f"{_root(request)}/desk{path}?lang={language}", status_code=303, headers=NO_STORE
    )


def _signed(request: Request, session: WriteSession, settings: Settings, now: Now) -> Signed | None:
    return session_of(session, request.cookies.get(COOKIE, ""), now, _policy(settings))


def _csrf_ok(form: dict[str, str], expected: str) -> bool:
    return bool(expected) and hmac.compare_digest(form.get("csrf", "").encode(), expected.encode())


def _sign_in_page(
    request: Request, language: str, message: str = "", username: str = "", status: int = 200
) -> Response:
    token = secrets.token_urlsafe(32)
    body = desk_html(
        "desk_signin.html",
        language,
        root=_root(request),
        here=f"{_root(request)}/desk/sign-in",
        form_token=token,
        message=message,
        username=username,
    )
    response = _page(body, status)
    response.set_cookie(
        FORM_COOKIE,
        token,
        max_age=FORM_COOKIE_SECONDS,
        path="/desk",
        secure=True,
        httponly=True,
        samesite="strict",
    )
    return response


@router.get("")
@router.get("/")
def desk_home(request: Request, lang: Lang = None) -> Response:
    """The desk's address: the inbox (which asks to sign in first when needed)."""
    return _to(request, "/inbox", _language(request, lang))


@router.get("/sign-in")
def sign_in_page(request: Request, lang: Lang = None) -> Response:
    """The sign-in form."""
    return _sign_in_page(request, _language(request, lang))


@router.post("/sign-in")
def sign_in_post(
    request: Request, form: Form, db: DatabaseDep, settings: SettingsDep, now: Now
) -> Response:
    """Check the name and password; a session cookie and the inbox when they match."""
    language = _language(request, form.get("lang"))
    username = form.get("username", "").strip()[:64]
    if not _csrf_ok(form, request.cookies.get(FORM_COOKIE, "")):
        return _sign_in_page(request, language, "bad_form", username, status=403)
    result = sign_in(
        db, username, form.get("password", "")[:1024], _address(request), now, _policy(settings)
    )
    if result.outcome is Outcome.LOCKED:
        return _sign_in_page(request, language, "locked", username, status=429)
    if result.outcome is Outcome.REFUSED:
        return _sign_in_page(request, language, "refused", username, status=401)
    response = _to(request, "/inbox", language)
    response.set_cookie(
        COOKIE,
        result.token,
        max_age=int(_policy(settings).lifetime.total_seconds()),
        path="/desk",
        secure=True,
        httponly=True,
        samesite="strict",
    )
    response.delete_cookie(FORM_COOKIE, path="/desk", secure=True, httponly=True)
    return response


@router.post("/sign-out")
def sign_out_post(
    request: Request, form: Form, session: WriteSession, settings: SettingsDep, now: Now
) -> Response:
    """End the session (a form with its CSRF token: no page elsewhere can sign one out)."""
    language = _language(request, form.get("lang"))
    signed = _signed(request, session, settings, now)
    if signed is not None and _csrf_ok(form, signed.csrf):
        sign_out(session, signed, _address(request), now)
    elif signed is not None:
        raise HTTPException(403, "bad form")
    response = _to(request, "/sign-in", language)
    response.delete_cookie(COOKIE, path="/desk", secure=True, httponly=True, samesite="strict")
    return response


@router.get("/inbox")
def inbox_page(
    request: Request,
    session: WriteSession,
    settings: SettingsDep,
    now: Now,
    lang: Lang = None,
    site: Annotated[str | None, Query(max_length=64)] = None,
    status: Annotated[str | None, Query(max_length=16)] = None,
    category: Annotated[str | None, Query(max_length=32)] = None,
    urgent: Annotated[str | None, Query(max_length=3)] = None,
    older: Annotated[str | None, Query(max_length=4)] = None,
) -> Response:
    """Every complaint of the officer's halls, filtered; urgent open ones first."""
    language = _language(request, lang)
    signed = _signed(request, session, settings, now)
    if signed is None:
        return _sign_in_page(request, language, "expired" if COOKIE in request.cookies else "")
    filters = Filters(
        site=site or None,
        status=status if status in {s.value for s in Status} else None,
        category=category if category in cases.category_codes() else None,
        urgent={"yes": True, "no": False}.get(urgent or ""),
        older_than_days=int(older) if older and older.isdigit() and int(older) in AGES else None,
    )
    rows = cases.inbox(session, signed.officer, filters, now, _holidays(settings))
    here = f"{_root(request)}/desk/inbox"
    return _page(
        desk_html(
            "desk_inbox.html",
            language,
            root=_root(request),
            here=here,
            officer=signed.officer,
            csrf=signed.csrf,
            rows=rows,
            filters=filters,
            halls=cases.halls(session, signed.officer),
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
    request: Request,
    session: WriteSession,
    settings: SettingsDep,
    now: Now,
    lang: Lang = None,
    reference: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    """A complaint by its reference (a data subject's request starts here)."""
    language = _language(request, lang)
    signed = _signed(request, session, settings, now)
    if signed is None:
        return _sign_in_page(request, language, "expired")
    token = cases.find_reference(session, signed.officer, reference)
    if token is None:
        return _page(_case_error(request, language, signed, "not_found"), 404)
    return _to(request, f"/c/{token}", language)


def _case_error(request: Request, language: str, signed: Signed, message: str) -> bytes:
    return desk_html(
        "desk_inbox.html",
        language,
        root=_root(request),
        here=f"{_root(request)}/desk/inbox",
        officer=signed.officer,
        csrf=signed.csrf,
        rows=[],
        filters=Filters(),
        halls=[],
        statuses=[],
        categories=[],
        ages=(),
        limit=cases.INBOX_LIMIT,
        final=cases.FINAL,
        message=message,
    )


def _case_page(
    request: Request,
    session: WriteSession,
    settings: Settings,
    now: Now,
    sealer: Callable[[], Sealer],
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
            session,
            signed.officer,
            token,
            sealer=sealer(),
            address=_address(request),
            now=now,
            reveal=reveal,
            holidays=_holidays(settings),
        )
    except RefusedError as refused:
        return _page(_case_error(request, language, signed, refused.key), refused.status)
    except KeyFileError:
        return _page(_case_error(request, language, signed, "key_fault"), 500)
    return _page(
        desk_html(
            "desk_case.html",
            language,
            root=_root(request),
            here=f"{_root(request)}/desk/c/{token}",
            officer=signed.officer,
            csrf=signed.csrf,
            case=case,
            final=cases.FINAL,
            lapor_statuses=[s.value for s in cases.LaporStatus],
            message=message,
        ),
        status,
    )


@router.get("/c/{token}")
def case_page(
    token: str,
    request: Request,
    session: WriteSession,
    settings: SettingsDep,
    now: Now,
    sealer: SealerDep,
    lang: Lang = None,
) -> Response:
    """One complaint, personal data masked (opening it is recorded)."""
    language = _language(request, lang)
    signed = _signed(request, session, settings, now)
    if signed is None:
        return _sign_in_page(request, language, "expired")
    return _case_page(request, session, settings, now, sealer, signed, token, language)


def _action(
    request: Request,
    form: dict[str, str],
    session: WriteSession,
    settings: Settings,
    now: Now,
    sealer: Callable[[], Sealer],
    token: str,
    act: Callable[[Signed], Any],
) -> Response:
    """A form's action on a case: signed in, the right CSRF token, then the case again."""
    language = _language(request, form.get("lang"))
    signed = _signed(request, session, settings, now)
    if signed is None:
        return _sign_in_page(request, language, "expired", status=401)
    if not _csrf_ok(form, signed.csrf):
        return _page(_case_error(request, language, signed, "bad_form"), 403)
    try:
        done = act(signed)
    except RefusedError as refused:
        if refused.status != 400:
            return _page(_case_error(request, language, signed, refused.key), refused.status)
        return _case_page(
            request, session, settings, now, sealer, signed, token, language,
            message=refused.key, status=400,
        )  # fmt: skip
    if isinstance(done, Response):
        return done
    return _to(request, f"/c/{token}", language)


@router.post("/c/{token}/reveal")
def reveal(
    token: str,
    request: Request,
    form: Form,
    session: WriteSession,
    settings: SettingsDep,
    now: Now,
    sealer: SealerDep,
) -> Response:
    """The case with its personal data shown (handlers and administrators; recorded)."""

    def act(signed: Signed) -> Response:
        language = _language(request, form.get("lang"))
        if not signed.officer.handles:
            raise RefusedError("not_allowed", 403)
        return _case_page(
            request, session, settings, now, sealer, signed, token, language, reveal=True
        )

    return _action(request, form, session, settings, now, sealer, token, act)


@router.post("/c/{token}/note")
def note(
    token: str,
    request: Request,
    form: Form,
    session: WriteSession,
    settings: SettingsDep,
    now: Now,
    sealer: SealerDep,
) -> Response:
    """A note on the case, public or internal."""

    def act(signed: Signed) -> None:
        cases.add_note(
            session,
            signed.officer,
            token,
            form.get("text", ""),
            form.get("public") == "yes",
            address=_address(request),
            now=now,
        )

    return _action(request, form, session, settings, now, sealer, token, act)


@router.post("/c/{token}/status")
def status_move(
    token: str,
    request: Request,
    form: Form,
    session: WriteSession,
    settings: SettingsDep,
    now: Now,
    sealer: SealerDep,
) -> Response:
    """Move the case along its lifecycle, with a reason."""

    def act(signed: Signed) -> None:
        cases.move_status(
            session,
            signed.officer,
            token,
            form.get("status", ""),
            form.get("reason", ""),
            address=_address(request),
            now=now,
        )

    return _action(request, form, session, settings, now, sealer, token, act)


@router.post("/c/{token}/lapor")
def lapor(
    token: str,
    request: Request,
    form: Form,
    session: WriteSession,
    settings: SettingsDep,
    now: Now,
    sealer: SealerDep,
) -> Response:
    """The case's SP4N-LAPOR! tracking number and status."""

    def act(signed: Signed) -> None:
        cases.set_lapor(
            session,
            signed.officer,
            token,
            form.get("number", ""),
            form.get("lapor_status", ""),
            address=_address(request),
            now=now,
        )

    return _action(request, form, session, settings, now, sealer, token, act)


@router.post("/c/{token}/erase")
def erase(
    token: str,
    request: Request,
    form: Form,
    session: WriteSession,
    settings: SettingsDep,
    now: Now,
    sealer: SealerDep,
) -> Response:
    """Erase the case's personal data now, at its data subject's request (administrators)."""

    def act(signed: Signed) -> None:
        retention.erase_now(session, signed.officer, token, address=_address(request), now=now)

    return _action(request, form, session, settings, now, sealer, token, act)


@router.get("/c/{token}/held.json")
def held(
    token: str,
    request: Request,
    session: WriteSession,
    settings: SettingsDep,
    now: Now,
    sealer: SealerDep,
) -> Response:
    """Everything held of the case, as JSON for its data subject (handlers; recorded)."""
    signed = _signed(request, session, settings, now)
    if signed is None:
        raise HTTPException(401, "sign in first")
    try:
        document = retention.held(
            session, signed.officer, token, sealer(), address=_address(request), now=now
        )
    except RefusedError as refused:
        raise HTTPException(refused.status, refused.key) from None
    return Response(
        json.dumps(document, ensure_ascii=False, indent=2).encode(),
        media_type="application/json",
        headers={
            **NO_STORE,
            "Content-Disposition": f'attachment; filename="{document["reference"]}.json"',
        },
    )


@router.get("/c/{token}/case-file.pdf")
def case_file(
    token: str,
    request: Request,
    session: WriteSession,
    settings: SettingsDep,
    now: Now,
    sealer: SealerDep,
    lang: Lang = None,
    personal: Annotated[str | None, Query(max_length=3)] = None,
) -> Response:
    """The case as a PDF for the case file; personal data only for handlers (recorded)."""
    signed = _signed(request, session, settings, now)
    if signed is None:
        raise HTTPException(401, "sign in first")
    try:
        name, pdf = export.case_file_pdf(
            session,
            signed.officer,
            token,
            sealer(),
            personal=personal == "yes",
            language=_language(request, lang),
            address=_address(request),
            now=now,
            holidays=_holidays(settings),
        )
    except RefusedError as refused:
        raise HTTPException(refused.status, refused.key) from None
    return Response(
        pdf,
        media_type="application/pdf",
        headers={**NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'},
    )
