"""The API's error shape: every 4xx/5xx under ``/api/`` is ``{"error": code, "message": …}``.

``error`` is a stable code a hall can branch on (``bad_request``, ``unauthorized``,
``too_large``, ``invalid``, ``rate_limited``, …); ``message`` is one line for a person.
Validation failures add ``details``: where and what, never the input echoed back.
Headers set on the exception (``Retry-After``, ``WWW-Authenticate``) are kept.
"""

from __future__ import annotations

from typing import Any, Final

from fastapi import Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from central.db import DatabaseError

API_PREFIX: Final = "/api/"
CODES: Final = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    411: "length_required",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    500: "internal",
    503: "unavailable",
}


def error_body(status: int, message: str, **extra: Any) -> dict[str, Any]:
    """The JSON body of an API error."""
    return {"error": CODES.get(status, f"http_{status}"), "message": message, **extra}


def is_api(request: Request) -> bool:
    """Whether the request is for the JSON API (as opposed to a page)."""
    return request.url.path.startswith(API_PREFIX)


async def on_http_exception(request: Request, exc: Exception) -> Response:
    """An ``HTTPException``: the API's shape under ``/api/``, FastAPI's own elsewhere."""
    assert isinstance(exc, HTTPException)
    if not is_api(request):
        return await http_exception_handler(request, exc)
    if isinstance(exc.detail, dict):
        body = {**error_body(exc.status_code, ""), **exc.detail}
    else:
        body = error_body(exc.status_code, str(exc.detail))
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def on_validation_error(request: Request, exc: Exception) -> Response:
    """A request that does not fit its model: 422 with where and what, not the input."""
    assert isinstance(exc, RequestValidationError)
    details = [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", ""))}
        for error in exc.errors()[:20]
    ]
    first = details[0] if details else {"loc": [], "msg": "invalid request"}
    message = f"{'.'.join(first['loc']) or 'request'}: {first['msg']}"
    return JSONResponse(error_body(422, message, details=details), status_code=422)


async def on_database_error(request: Request, exc: Exception) -> Response:
    """The database cannot be reached (or is busy): 503, and the caller tries again later."""
    headers = {"Retry-After": "30"}
    if not is_api(request):
        return PlainTextResponse(
            "Layanan sedang tidak tersedia, coba lagi sebentar.\n"
            "The service is unavailable, please try again shortly.\n",
            status_code=503,
            headers=headers,
        )
    message = "the records service cannot reach its database; try again later"
    return JSONResponse(error_body(503, message), status_code=503, headers=headers)


HANDLERS: Final = {
    HTTPException: on_http_exception,
    RequestValidationError: on_validation_error,
    DatabaseError: on_database_error,
    OperationalError: on_database_error,
}
