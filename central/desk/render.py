"""The desk's pages as HTML: the public pages' templates, look and helpers, with the desk's words.

Nothing here knows FastAPI: a route hands in a template, a language and what the page
shows, and gets bytes back. Forms carry the session's CSRF token; there is no script.
"""

from __future__ import annotations

from typing import Any

from central.officers import OfficerView
from central.pages.render import Switch, asset, environment, page_context
from kiosk.i18n import available_languages, translate


def words(language: str) -> Any:
    """``d(key, **params)``: a message of the ``desk`` catalog in ``language``."""

    def d(key: str, **params: object) -> str:
        return translate(f"desk.{key}", language, **params)

    return d


def desk_html(
    template: str,
    language: str,
    *,
    root: str,
    here: str,
    officer: OfficerView | None = None,
    csrf: str = "",
    **context: Any,
) -> bytes:
    """A desk page in ``language``; ``here`` is the GET address its language links point at."""
    values = page_context(language, root)
    join = "&" if "?" in here else "?"
    values.update(
        d=words(language),
        desk_css=asset("desk.css").url(root),
        root=root,
        officer=officer,
        csrf=csrf,
        hotline="",
        private=False,
        switches=[
            Switch(code, translate("public.language_short", code), f"{here}{join}lang={code}")
            for code in available_languages()
            if code != language
        ],
        **context,
    )
    return environment().get_template(template).render(values).encode()
