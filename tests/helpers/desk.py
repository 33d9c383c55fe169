"""For the desk's tests: officers of each role, a browser-like client over HTTPS, forms."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
import requests
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
    return _token(page.text)


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


class DeskBrowser:
    """The desk over plain HTTP on loopback, for a real ``mpp-central serve`` process.

    ``requests`` keeps a ``Secure`` cookie but never sends it over HTTP; a browser on the
    operator's machine (and the TLS proxy in production) would, so this client sends the
    desk's cookies itself.
    """

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()
        self.cookies: dict[str, str] = {}

    def _keep(self, answer: requests.Response) -> requests.Response:
        self.cookies.update(
            (name, value) for name, value in answer.cookies.get_dict().items() if value
        )
        return answer

    def _cookie(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}

    def get(self, path: str) -> requests.Response:
        """A page of the desk."""
        return self._keep(
            self.http.get(
                self.base + path, headers=self._cookie(), timeout=30, allow_redirects=False
            )
        )

    def post(self, path: str, **fields: str) -> requests.Response:
        """A form of the desk."""
        return self._keep(
            self.http.post(
                self.base + path,
                data=fields,
                headers=self._cookie(),
                timeout=30,
                allow_redirects=False,
            )
        )

    def sign_in(self, username: str, password: str = PASSWORD) -> None:
        """Sign in through the form."""
        form = self.get("/desk/sign-in")
        answer = self.post(
            "/desk/sign-in", csrf=_token(form.text), username=username, password=password
        )
        assert answer.status_code == 303, answer.text

    def act(self, token: str, action: str, **fields: str) -> None:
        """Post one of a case's forms with the session's CSRF token."""
        csrf = _token(self.get(f"/desk/c/{token}").text)
        answer = self.post(f"/desk/c/{token}/{action}", csrf=csrf, **fields)
        assert answer.status_code == 303, answer.text


def _token(page: str) -> str:
    found = _CSRF.search(page)
    assert found is not None, page[:500]
    return found.group(1)
