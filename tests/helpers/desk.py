"""For the desk's tests: officers of each role, a browser-like client over HTTPS, forms."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from central.db import Database
from central.officers import Role, add_officer

PASSWORD = "kata sandi yang panjang"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def add_officers(db: Database, *sites: str) -> None:
    """``admin``, ``handler`` and ``viewer`` of every hall, and ``local`` bound to ``sites``."""
    at = datetime(2026, 11, 1, tzinfo=UTC)
    for role in Role:
        add_officer(db, role.value, PASSWORD, role, [], at)
    add_officer(db, "local", PASSWORD, Role.HANDLER, list(sites), at)


def desk_client(app: FastAPI) -> TestClient:
    """A client of ``app`` over HTTPS, so the desk's Secure cookies are kept and sent."""
    return TestClient(app, base_url="https://testserver", follow_redirects=False)


def csrf_of(page: httpx.Response) -> str:
    """The CSRF token a page's forms carry."""
    found = _CSRF.search(page.text)
    assert found is not None, page.text[:500]
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> httpx.Response:
    """Sign in through the form, as a browser would; the answer to the form."""
    form = client.get("/desk/sign-in")
    answer: httpx.Response = client.post(
        "/desk/sign-in",
        data={"csrf": csrf_of(form), "username": username, "password": password, "lang": "en"},
    )
    return answer


def post_form(client: TestClient, path: str, csrf: str, **fields: str) -> httpx.Response:
    """A desk form posted with ``csrf``."""
    answer: httpx.Response = client.post(path, data={"csrf": csrf, "lang": "en", **fields})
    return answer
