"""Routes of the public pages: ``/r/{token}``, ``/api/v1/records/{token}`` and their two files.

No rule lives here: a route picks the language, asks :mod:`central.pages.views` for the
record, has :mod:`central.pages.render` draw it, and answers with an ETag (304 when the
phone already has it). Every way of not finding a record gives the same 404.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Final

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from central.deps import Now, ReadSession, SettingsDep
from central.errors import error_body
from central.pages import render
from central.pages.views import PagePolicy, RecordPage, find_record
from central.settings import Settings
from kiosk.i18n import DEFAULT_LANGUAGE, available_languages

router = APIRouter(include_in_schema=False)

TOKEN: Final = re.compile(r"[A-Z2-7]{26}")
"""A public token: 128 bits in base32 without padding (``kiosk.references``)."""
RECORD_CACHE: Final = "private, no-cache"
"""A phone may keep a record but asks again each time (answered 304 when unchanged)."""
ASSET_CACHE: Final = "public, max-age=86400"
NOT_FOUND_MESSAGE: Final = "no such record"
_LANGUAGE_RANGE: Final = re.compile(
    r"^\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]{1,5}))?\s*$"
)

Lang = Annotated[str | None, Query(max_length=16)]


def policy_of(settings: Settings) -> PagePolicy:
    """The page rules of the ``[public]`` settings."""
    public = settings.public
    return PagePolicy(
        stale_after=timedelta(seconds=public.stale_after_seconds),
        refresh_seconds=public.refresh_seconds,
        refresh_seconds_near=public.refresh_seconds_near,
        holidays=frozenset(settings.desk.holidays),
    )


def choose_language(asked: str | None, accept_language: str | None) -> str:
    """``?lang=`` when it names a catalog, else the best of ``Accept-Language``, else Indonesian."""
    languages = available_languages()
    if asked in languages:
        return asked
    best, best_q = DEFAULT_LANGUAGE, 0.0
    for part in (accept_language or "")[:512].split(","):
        match = _LANGUAGE_RANGE.match(part)
        if match is None:
            continue
        code = match.group(1).lower()
        try:
            q = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        if code in languages and q > best_q:
            best, best_q = code, q
    return best


def _root(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


def _lookup(
    session: ReadSession, token: str, now: Now, language: str, settings: Settings
) -> RecordPage | None:
    if not TOKEN.fullmatch(token):
        return None
    return find_record(session, token, now, language, policy_of(settings))


def matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (or ``*``); weak tags count too."""
    if not if_none_match:
        return False
    for tag in if_none_match.split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/") == etag:
            return True
    return False


def conditional(
    request: Request, body: bytes, media_type: str, headers: dict[str, str]
) -> Response:
    """``body`` with its ETag, or an empty 304 when the client already holds it."""
    etag = render.etag_of(body)
    headers = {**headers, "ETag": etag}
    if matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


def _record_headers(language: str) -> dict[str, str]:
    return {"Cache-Control": RECORD_CACHE, "Vary": "Accept-Language", "Content-Language": language}


@router.get("/r/{token:path}")
def record_page(
    token: str,
    request: Request,
    session: ReadSession,
    settings: SettingsDep,
    now: Now,
    lang: Lang = None,
) -> Response:
    """A record's public page (ticket, complaint or posting), or the one 404 page."""
    language = choose_language(lang, request.headers.get("accept-language"))
    page = _lookup(session, token, now, language, settings)
    root = _root(request)
    if page is None:
        return not_found_page(root)
    json_etag = render.etag_of(render.record_json(page, language))
    body = render.record_html(page, language, root=root, json_etag=json_etag)
    return conditional(request, body, "text/html; charset=utf-8", _record_headers(language))


@router.get("/api/v1/records/{token:path}")
def record_json(
    token: str,
    request: Request,
    session: ReadSession,
    settings: SettingsDep,
    now: Now,
    lang: Lang = None,
) -> Response:
    """A record's page as JSON (what ``refresh.js`` polls), or the one JSON 404."""
    language = choose_language(lang, request.headers.get("accept-language"))
    page = _lookup(session, token, now, language, settings)
    if page is None:
        return JSONResponse(
            error_body(404, NOT_FOUND_MESSAGE),
            status_code=404,
            headers={"Cache-Control": "no-store"},
        )
    body = render.record_json(page, language)
    return conditional(request, body, "application/json", _record_headers(language))


def not_found_page(root: str = "") -> Response:
    """The same-looking 404 page in both languages, whatever was not found and why."""
    return Response(
        render.not_found_html(root),
        status_code=404,
        media_type="text/html; charset=utf-8",
        headers={"Cache-Control": "no-store", "Content-Language": ", ".join(available_languages())},
    )


@router.get("/static/{name}")
def static_file(name: str, request: Request) -> Response:
    """The pages' style sheet and script; anything else is the 404 page."""
    if name not in render.STATIC_TYPES:
        return not_found_page(_root(request))
    asset = render.asset(name)
    return conditional(request, asset.body, asset.media_type, {"Cache-Control": ASSET_CACHE})
