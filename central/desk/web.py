"""What every desk route shares: the request's context, its form, its session, its answers.

The session cookie is ``Secure``, ``HttpOnly`` and ``SameSite=Strict``; every form carries
the session's CSRF token, and the sign-in form a token of its own matched against a
short-lived cookie (so nobody can sign a browser in as someone else). Every page is
``no-store``: no personal data is left in a cache. Text with a NUL character (which no
person types, and PostgreSQL refuses) is a 400 before anything reads it.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Final
from urllib.parse import parse_qs

from fastapi import Depends, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from central.deps import Now, SettingsDep, WriteSession
from central.desk.render import desk_html
from central.officers import DeskPolicy, Signed, session_of
from central.pages.routes import choose_language
from central.settings import Settings
from central.sync import complaint_sealer
from kiosk.infra.sealed import Sealer

COOKIE: Final = "mpp_desk"
FORM_COOKIE: Final = "mpp_desk_form"
FORM_COOKIE_SECONDS: Final = 15 * 60
MAX_FORM_BYTES: Final = 32 * 1024
NO_STORE: Final = {"Cache-Control": "no-store"}


def no_nul(value: str) -> str:
    """``value``, refused with 400 when it holds a NUL character."""
    if "\x00" in value:
        raise HTTPException(400, "text with a NUL character")
    return value


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
    return {no_nul(name): no_nul(values[0]) for name, values in parsed.items()}


Form = Annotated[dict[str, str], Depends(form_of)]


@dataclass(frozen=True)
class Desk:
    """A desk request: where it came from, its transaction, the settings, the moment."""

    request: Request
    session: Session
    settings: Settings
    now: datetime
    sealer: Callable[[], Sealer]

    @property
    def root(self) -> str:
        """The path the service is mounted at (empty at the root)."""
        return root_of(self.request)

    @property
    def address(self) -> str:
        """The client's address (see :func:`address_of`)."""
        return address_of(self.request)

    @property
    def policy(self) -> DeskPolicy:
        """The ``[desk]`` rules of sessions and the lockout."""
        return DeskPolicy.of(self.settings.desk)

    @property
    def holidays(self) -> frozenset[date]:
        """The configured public holidays."""
        return frozenset(self.settings.desk.holidays)

    def language(self, asked: str | None) -> str:
        """``?lang=`` (or the form's ``lang``) when it names a catalog, else the browser's."""
        return choose_language(asked, self.request.headers.get("accept-language"))

    def signed(self) -> Signed | None:
        """The live session of the request's cookie, or None."""
        token = self.request.cookies.get(COOKIE, "")
        return session_of(self.session, token, self.now, self.policy)

    def to(self, path: str, language: str) -> RedirectResponse:
        """A 303 to a desk page (see :func:`redirect`)."""
        return redirect(self.request, path, language)

    def message(self, signed: Signed, language: str, key: str, status: int) -> Response:
        """A page saying one thing of the ``desk`` catalog (not found, not allowed …)."""
        body = desk_html(
            "desk_message.html",
            language,
            root=self.root,
            here=f"{self.root}/desk/inbox",
            officer=signed.officer,
            csrf=signed.csrf,
            message=key,
        )
        return page(body, status)

    def sign_in_page(
        self, language: str, message: str = "", username: str = "", status: int = 200
    ) -> Response:
        """The sign-in form (see :func:`sign_in_page`)."""
        return sign_in_page(self.request, language, message, username, status)


def desk_of(
    request: Request,
    session: WriteSession,
    settings: SettingsDep,
    now: Now,
    sealer: Annotated[Callable[[], Sealer], Depends(complaint_sealer)],
) -> Desk:
    """The request's :class:`Desk` (a route's one dependency besides its own inputs)."""
    return Desk(request, session, settings, now, sealer)


DeskDep = Annotated[Desk, Depends(desk_of)]


def redirect(request: Request, path: str, language: str) -> RedirectResponse:
    """A 303 to a desk page (after a form, or to the inbox)."""
    return RedirectResponse(
        f"{root_of(request)}/desk{path}?lang={language}", status_code=303, headers=NO_STORE
    )


def address_of(request: Request) -> str:
    """The client's address (the proxy's ``X-Forwarded-For`` under ``serve``)."""
    return request.client.host if request.client else "unknown"


def root_of(request: Request) -> str:
    """The path the service is mounted at (empty at the root)."""
    return str(request.scope.get("root_path", "")).rstrip("/")


def sign_in_page(
    request: Request, language: str, message: str = "", username: str = "", status: int = 200
) -> Response:
    """The sign-in form, with a fresh form token in its cookie."""
    token = secrets.token_urlsafe(32)
    root = root_of(request)
    body = desk_html(
        "desk_signin.html",
        language,
        root=root,
        here=f"{root}/desk/sign-in",
        form_token=token,
        message=message,
        username=username,
    )
    response = page(body, status)
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


def page(body: bytes, status: int = 200) -> Response:
    """An HTML answer nobody caches."""
    return Response(body, status, media_type="text/html; charset=utf-8", headers=NO_STORE)


def csrf_ok(form: dict[str, str], expected: str) -> bool:
    """Whether the form carries ``expected`` (compared in constant time)."""
    return bool(expected) and hmac.compare_digest(form.get("csrf", "").encode(), expected.encode())
