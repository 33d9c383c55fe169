"""The public pages as HTML and JSON: Jinja2 templates (autoescaped) and the record's JSON.

Nothing here knows FastAPI: a route hands in a view and a language and gets bytes back.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Final

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from central.pages import wording
from central.pages.survey import survey_path
from central.pages.views import ComplaintPage, PostingPage, RecordPage, TicketPage
from kiosk.i18n import available_languages, translate
from kiosk.vocab import COUNTRIES, country_name

CENTRAL_DIR: Final = Path(__file__).resolve().parent.parent
TEMPLATES_DIR: Final = CENTRAL_DIR / "templates"
STATIC_DIR: Final = CENTRAL_DIR / "static"
STATIC_TYPES: Final = {
    "public.css": "text/css; charset=utf-8",
    "refresh.js": "text/javascript; charset=utf-8",
    "desk.css": "text/css; charset=utf-8",
}


@dataclass(frozen=True)
class Asset:
    """A static file served to the pages, with its hash (for its ETag and cache-busting URL)."""

    name: str
    body: bytes
    media_type: str

    @property
    def etag(self) -> str:
        """The file's strong ETag."""
        return etag_of(self.body)

    def url(self, root: str = "") -> str:
        """Where a page links it; the hash changes the URL whenever the file changes."""
        version = self.etag.strip('"')[:12]
        return f"{root}/static/{self.name}?v={version}"


@dataclass(frozen=True)
class Switch:
    """A link to the same page in another language."""

    code: str
    name: str
    href: str


@cache
def asset(name: str) -> Asset:
    """One of the static files (:data:`STATIC_TYPES`), read once.

    Raises:
        KeyError: not a static file of the pages.
    """
    media_type = STATIC_TYPES[name]
    return Asset(name, (STATIC_DIR / name).read_bytes(), media_type)


@cache
def environment() -> Environment:
    """The templates of every page (autoescaped; an undefined name is an error)."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def etag_of(body: bytes) -> str:
    """A strong ETag for a response body."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def record_json(page: RecordPage, language: str) -> bytes:
    """The JSON of a record's page: its view, and for a ticket the words the page shows."""
    document: dict[str, Any] = {
        "kind": page.kind,
        "language": language,
        "record": asdict(page),
    }
    if isinstance(page, TicketPage):
        document["text"] = asdict(wording.ticket_words(page, language))
    return json.dumps(document, default=_plain, ensure_ascii=False, separators=(",", ":")).encode()


def _plain(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)  # money is never a float
    raise TypeError(f"not JSON: {type(value).__name__}")


def record_html(page: RecordPage, language: str, root: str = "", json_etag: str = "") -> bytes:
    """The HTML page of a record in ``language``.

    Args:
        page: the record's view.
        language: the page's language.
        root: the path the service is mounted at (empty at the root).
        json_etag: the ETag of the record's JSON, so the first poll can be answered 304.
    """
    context = page_context(language, root)
    context["page"] = page
    # A posting's link is public; a ticket's or a complaint's is its owner's alone.
    context["private"] = not isinstance(page, PostingPage)
    context["hotline"] = "" if isinstance(page, PostingPage) else page.hotline
    context["switches"] = [
        Switch(code, translate("public.language_short", code), f"?lang={code}")
        for code in available_languages()
        if code != language
    ]
    if isinstance(page, TicketPage):
        context["words"] = wording.ticket_words(page, language)
        context["json_url"] = f"{root}/api/v1/records/{page.token}?lang={language}"
        context["json_etag"] = json_etag
        context["js_url"] = asset("refresh.js").url(root)
        context["survey_url"] = survey_path(page.token, language, root)
        template = "ticket.html"
    elif isinstance(page, ComplaintPage):
        context["next_step"] = wording.complaint_next_text(page, language)
        template = "complaint.html"
    else:
        context.update(_posting_words(page, language))
        template = "posting.html"
    return environment().get_template(template).render(context).encode()


def not_found_html(root: str = "") -> bytes:
    """The one "not found" page, in every language, whatever the reason."""
    messages = [
        {
            "lang": code,
            "title": translate("public.not_found_title", code),
            "text": translate("public.not_found", code),
        }
        for code in available_languages()
    ]
    context = {"messages": messages, "css_url": asset("public.css").url(root)}
    return environment().get_template("not_found.html").render(context).encode()


def page_context(language: str, root: str) -> dict[str, Any]:
    """What every page's template is given: the language, the style sheet and the helpers."""

    def t(key: str, **params: object) -> str:
        return wording.t(key, language, **params)

    def tr(key: str, **params: object) -> str:
        return translate(key, language, **params)

    def w(key: str, fallback: str) -> str:
        return wording.word(key, language, fallback)

    helpers: dict[str, Callable[..., str]] = {
        "t": t,
        "tr": tr,
        "w": w,
        "day": lambda day: wording.date_text(day, language),
        "clock": lambda moment: wording.time_text(moment, language),
        "tel": lambda number: re.sub(r"[^0-9+]", "", number),
    }
    return {"lang": language, "css_url": asset("public.css").url(root), **helpers}


def _posting_words(page: PostingPage, language: str) -> dict[str, str]:
    period = wording.word(f"jobs.salary_period_{page.salary_period}", language, "")
    salary = f"{page.salary_currency} {wording.grouped(page.salary_amount, language)} {period}"
    salary_idr = ""
    if page.salary_idr is not None and page.rate_date is not None:
        rupiah = f"Rp {wording.grouped(page.salary_idr, language)} {period}".strip()
        salary_idr = wording.t(
            "salary_idr", language, amount=rupiah, date=wording.date_text(page.rate_date, language)
        )
    country = country_name(page.country, language) if page.country in COUNTRIES else page.country
    if page.worker_cost_idr == 0:
        amount = translate("jobsui.pays_nothing", language)
    else:
        amount = f"Rp {wording.grouped(page.worker_cost_idr, language)}"
    cost = translate("jobs.worker_pays", language, amount=amount)
    if page.worker_cost_note:
        cost = f"{cost}. {page.worker_cost_note}"
    return {
        "salary": salary.strip(),
        "salary_idr": salary_idr,
        "place": f"{country} · {page.city}" if page.city else country,
        "worker_cost": cost,
    }
