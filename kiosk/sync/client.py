"""Talking to the central records service over HTTP: one push, one pull (no Qt, no database).

A :class:`CentreClient` holds one ``requests.Session`` (connections kept alive, TLS
verified, connect and read time-outs on every request) signed with the device's bearer
token. It says what the centre answered as a :class:`~kiosk.sync.contract.PushResult` or
:class:`~kiosk.sync.contract.PullResult`, or raises one :class:`SyncError` naming what
went wrong; what to do about it (wait, back off, mark, give up) is :mod:`kiosk.sync.run`'s.

Nothing here logs a request body: complaints carry personal data.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import requests
from pydantic import ValidationError

from kiosk.sync.backoff import retry_after
from kiosk.sync.contract import Entry, PullResult, PushBatch, PushResult
from kiosk.sync.enrolment import Enrolment

CONNECT_TIMEOUT: Final = 5.0
"""Seconds to open a connection to the centre."""
READ_TIMEOUT: Final = 60.0
"""Seconds to wait for the centre's answer (a batch of 500 entries is applied before it)."""
PUSH_PATH: Final = "/api/v1/sync/push"
PULL_PATH: Final = "/api/v1/sync/pull"


class SyncError(Exception):
    """The centre could not be used this time; the message is one line for the operator."""


class CentreUnreachableError(SyncError):
    """No answer: no network, DNS, refused connection, time-out, TLS failure, 5xx."""


class TokenRejectedError(SyncError):
    """401: the centre does not know this device token, or revoked it."""


@dataclass
class CentreBusyError(SyncError):
    """429 or 503: the centre asks the hall to come back after ``wait`` seconds."""

    status: int
    wait: float | None

    def __str__(self) -> str:
        after = f"; retry after {self.wait:.0f} s" if self.wait is not None else ""
        return f"the centre is busy (HTTP {self.status}{after})"


class BatchRefusedError(SyncError):
    """400/413/415/422: the centre refused a whole batch (a bug on one side: said, not retried)."""


class CentreConfusedError(SyncError):
    """The centre answered something this hall cannot read (another protocol, a proxy page)."""


@dataclass(frozen=True)
class Pulled:
    """One pull: the changes (``None`` for 304, nothing new) and the cursor to keep."""

    result: PullResult | None
    cursor: str


class CentreClient:
    """The centre as one enrolled hall device sees it.

    Args:
        enrolment: the centre's URL and this device's token.
        session: the ``requests`` session to use (one is made when not given).
        timeout: (connect, read) seconds for every request.
    """

    def __init__(
        self,
        enrolment: Enrolment,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
    ) -> None:
        self.base_url = enrolment.base_url.rstrip("/")
        self._timeout = timeout
        self._http = session or requests.Session()
        self._http.verify = True
        self._http.headers.update(
            {"Authorization": f"Bearer {enrolment.token}", "User-Agent": "mpp-kiosk-sync/1"}
        )

    def close(self) -> None:
        """Close the kept-alive connections."""
        self._http.close()

    def push(self, entries: Sequence[Entry]) -> PushResult:
        """Send ``entries`` (at most 500, in id order) as one gzipped batch.

        Raises:
            SyncError: the batch was not applied (nothing may be marked sent).
        """
        body = gzip.compress(PushBatch(entries=list(entries)).model_dump_json().encode(), 6)
        headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        answer = self._request("POST", PUSH_PATH, data=body, headers=headers)
        _raise_for(answer)
        try:
            return PushResult.model_validate_json(answer.content)
        except ValidationError:
            raise CentreConfusedError(
                f"the centre's push answer is not a push result ({_what(answer)})"
            ) from None

    def pull(self, cursor: str) -> Pulled:
        """What the centre changed since ``cursor`` ("" the first time).

        Raises:
            SyncError: no answer this time.
        """
        headers = {"If-None-Match": f'"{cursor}"'} if cursor else {}
        answer = self._request("GET", PULL_PATH, params={"cursor": cursor}, headers=headers)
        if answer.status_code == 304:
            return Pulled(None, cursor)
        _raise_for(answer)
        try:
            result = PullResult.model_validate_json(answer.content)
        except ValidationError:
            raise CentreConfusedError(
                f"the centre's pull answer is not a pull result ({_what(answer)})"
            ) from None
        return Pulled(result, result.cursor)

    def _request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str],
        data: bytes | None = None,
        params: dict[str, str] | None = None,
    ) -> requests.Response:
        try:
            return self._http.request(
                method,
                self.base_url + path,
                headers=headers,
                data=data,
                params=params,
                timeout=self._timeout,
            )
        except requests.exceptions.SSLError as fault:
            raise CentreUnreachableError(
                f"TLS failed with {self.base_url}: {_first_line(fault)}"
            ) from None
        except requests.exceptions.Timeout:
            raise CentreUnreachableError(
                f"the centre at {self.base_url} did not answer in time"
            ) from None
        except requests.RequestException as fault:
            raise CentreUnreachableError(
                f"cannot reach {self.base_url}: {_first_line(fault)}"
            ) from None


def _raise_for(answer: requests.Response) -> None:
    status = answer.status_code
    if status == 200:
        return
    if status == 401:
        raise TokenRejectedError(
            "the centre refused this device's token (revoked or unknown): make a new one with "
            "'mpp-central device add' and run 'mpp-kiosk central enrol URL TOKEN'"
        )
    if status in (429, 503):
        raise CentreBusyError(status, retry_after(answer.headers.get("Retry-After")))
    if status in (400, 413, 415, 422):
        raise BatchRefusedError(
            f"the centre refused the request (HTTP {status}): {_detail(answer)}"
        )
    if status >= 500:
        raise CentreUnreachableError(f"the centre failed (HTTP {status})") from None
    raise CentreConfusedError(f"unexpected answer from the centre ({_what(answer)})") from None


def _detail(answer: requests.Response) -> str:
    """The centre's reason (it names where, never echoes the input), on one line."""
    try:
        detail = answer.json().get("detail", "")
    except (ValueError, AttributeError):
        return _what(answer)
    if isinstance(detail, dict):
        detail = detail.get("message", "")
    return _first_line(str(detail))[:300] or _what(answer)


def _what(answer: requests.Response) -> str:
    kind = answer.headers.get("Content-Type", "no content type").split(";")[0]
    return f"HTTP {answer.status_code}, {kind}"


def _first_line(fault: object) -> str:
    lines = str(fault).strip().splitlines()
    return lines[0][:200] if lines else type(fault).__name__
