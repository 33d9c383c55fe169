"""Routes of the satisfaction survey on a ticket's public page: ``/survey/{token}``.

``GET`` shows the nine questions (four choices each, in the words the kiosk uses) to a
ticket that may answer, ``POST`` keeps the answer in one transaction. A refusal is a page in
the visitor's language with a 4xx status and nothing written; an unknown token is the one
404 page every public page shows. Server-rendered, no script.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from sqlalchemy.orm import Session

from central.db import Database
from central.deps import Now, ReadSession, get_database
from central.desk.web import form_of
from central.models import Site
from central.models import Ticket as TicketRow
from central.pages import render
from central.pages.routes import TOKEN, Lang, choose_language, not_found_page
from central.pages.survey import (
    Refusal,
    SurveyRefusedError,
    find_ticket,
    keep_answer,
    open_ticket,
    survey_path,
)
from central.pages.views import hall_state
from kiosk.i18n import available_languages, translate
from kiosk.survey.index import ANSWER_DAYS
from kiosk.survey.questions import questions

router = APIRouter(include_in_schema=False)

STATUS: Final = {
    Refusal.NOT_SERVED: 409,
    Refusal.TOO_LATE: 410,
    Refusal.ANSWERED: 409,
    Refusal.INCOMPLETE: 422,
}
"""The HTTP status of each refusal (an unknown ticket is the 404 page)."""


async def _form_or_status(request: Request) -> dict[str, str] | int:
    """The posted form, or the 4xx status of a body that is not one (too large, not a form)."""
    try:
        return await form_of(request)
    except HTTPException as error:
        return error.status_code


Form = Annotated[dict[str, str] | int, Depends(_form_or_status)]
DatabaseDep = Annotated[Database, Depends(get_database)]


def _root(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


def _context(
    request: Request, session: Session, ticket: TicketRow, language: str
) -> dict[str, Any]:
    root = _root(request)
    site = session.get(Site, ticket.site_id)
    hall = hall_state(site) if site is not None else None
    context = render.page_context(language, root)
    context.update(
        ticket=ticket,
        private=True,
        hotline=hall.hotline if hall is not None else (site.hotline if site is not None else ""),
        switches=[
            render.Switch(code, translate("public.language_short", code), f"?lang={code}")
            for code in available_languages()
            if code != language
        ],
        back_url=f"{root}/r/{ticket.token}?lang={language}",
        action=survey_path(ticket.token, language, root),
    )
    return context


def _page(template: str, context: dict[str, Any], status: int = 200) -> Response:
    body = render.environment().get_template(template).render(context).encode()
    return Response(
        body,
        status_code=status,
        media_type="text/html; charset=utf-8",
        headers={"Cache-Control": "no-store", "Content-Language": context["lang"]},
    )


def _message(
    request: Request, session: Session, token: str, language: str, text: str, status: int
) -> Response:
    """A page of one message about the ticket's survey: thanks (200), or why not (4xx)."""
    ticket = find_ticket(session, token)
    if ticket is None:
        return not_found_page(_root(request))
    context = _context(request, session, ticket, language)
    tone = "free" if status == 200 else "warn"
    return _page("survey.html", {**context, "message": text, "tone": tone}, status)


def _refused(
    request: Request, session: Session, token: str, language: str, refusal: Refusal
) -> Response:
    if refusal is Refusal.UNKNOWN:
        return not_found_page(_root(request))
    text = translate(f"survey.{refusal.value}", language, days=ANSWER_DAYS)
    return _message(request, session, token, language, text, STATUS[refusal])


@router.get("/survey/{token}")
def survey_form(
    token: str, request: Request, session: ReadSession, now: Now, lang: Lang = None
) -> Response:
    """The survey of a served ticket, or the page that says why it cannot be answered."""
    language = choose_language(lang, request.headers.get("accept-language"))
    if not TOKEN.fullmatch(token):
        return not_found_page(_root(request))
    try:
        ticket = open_ticket(session, token, now)
    except SurveyRefusedError as refused:
        return _refused(request, session, token, language, refused.refusal)
    context = _context(request, session, ticket, language)
    return _page("survey.html", {**context, "questions": questions(language), "message": ""})


@router.post("/survey/{token}")
def survey_answer(
    token: str, request: Request, db: DatabaseDep, form: Form, now: Now, lang: Lang = None
) -> Response:
    """Keep a ticket's answers (one per ticket), or refuse them with nothing written."""
    language = choose_language(lang, request.headers.get("accept-language"))
    if not TOKEN.fullmatch(token):
        return not_found_page(_root(request))
    if isinstance(form, int):
        with db.reads() as session:
            text = translate("survey.web_bad_form", language)
            return _message(request, session, token, language, text, form)
    try:
        with db.sessions.begin() as session:
            keep_answer(session, token, form, now)
    except SurveyRefusedError as refused:
        with db.reads() as session:
            return _refused(request, session, token, language, refused.refusal)
    with db.reads() as session:
        text = translate("survey.screen_thanks", language)
        return _message(request, session, token, language, text, 200)
