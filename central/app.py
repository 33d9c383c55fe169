"""The central records service as one FastAPI application (FastAPI's "Bigger Applications").

``create_app(settings)`` wires the areas' routers, the security headers, the API's error
shape and the database; it keeps no state between requests beyond the connection pool,
so any number of workers can serve behind a load balancer. ``serve_app`` is the
zero-argument factory ``uvicorn`` calls in each worker (``mpp-central serve``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version
from typing import Any

from fastapi import APIRouter, FastAPI
from sqlalchemy import text

from central import desk, errors, pages, sync
from central.db import Database, open_database
from central.deps import ReadSession
from central.headers import SecurityHeaders
from central.settings import Settings, config_path, load_settings

VERSION = version("mpp-kiosk")

health = APIRouter(prefix="/api/v1", tags=["health"])


@health.get("/health")
def check_health(session: ReadSession) -> dict[str, Any]:
    """Whether the service answers and reaches its database (load balancers, tests)."""
    session.execute(text("SELECT 1"))
    return {"status": "ok", "version": VERSION}


def create_app(settings: Settings, db: Database | None = None) -> FastAPI:
    """The application for ``settings``, on ``db`` or a database opened from the settings.

    A database handed in stays the caller's to dispose; one opened here is disposed when
    the application shuts down.

    Raises:
        central.db.DatabaseError: the configured database URL is malformed or unsupported.
    """
    owned = db is None
    database = db if db is not None else open_database(settings.database.resolved_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            database.dispose()

    app = FastAPI(
        title="MPP central records service",
        version=VERSION,
        lifespan=lifespan,
        # No interactive docs: they load scripts from a CDN the CSP refuses, and the
        # public service has no need to describe itself.
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.state.db = database
    app.add_middleware(SecurityHeaders)
    for exception, handler in errors.HANDLERS.items():
        app.add_exception_handler(exception, handler)
    app.include_router(health)
    app.include_router(sync.router)  # POST /api/v1/sync/push, GET /api/v1/sync/pull
    app.include_router(pages.router)  # GET /r/{token}, /api/v1/records/{token}, /static/…
    app.include_router(pages.survey_router)  # GET, POST /survey/{token}: the SKM survey
    app.include_router(desk.router)  # /desk/…: the agency's complaint desk
    return app


def serve_app() -> FastAPI:
    """The factory ``uvicorn`` calls in each worker: settings from ``config_path()``.

    ``mpp-central serve`` sets ``MPP_CENTRAL_CONFIG`` for its workers to the file it
    validated, so every worker runs on the same configuration.
    """
    return create_app(load_settings(config_path()))
