"""FastAPI dependencies: the settings, the database, a session per request, the clock.

Routes take them as annotated parameters (``session: WriteSession``); tests replace them
with ``app.dependency_overrides``. A session dependency is closed with the route function
(``scope="function"``), before the response is sent: a commit that fails is a 5xx answer,
never a 200 for data that was not kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, cast

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from central.db import Database
from central.settings import Settings


def get_settings(request: Request) -> Settings:
    """The configuration the application was made with."""
    return cast(Settings, request.app.state.settings)


def get_database(request: Request) -> Database:
    """The application's database (engine and session factories)."""
    return cast(Database, request.app.state.db)


def get_session(db: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    """One writing transaction for the request: committed when the route returns normally.

    A route that raises (an ``HTTPException`` too) leaves nothing behind: rolled back.
    """
    with db.sessions.begin() as session:
        yield session


def get_read_session(db: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    """One read transaction for the request (public pages): nothing is written."""
    with db.reads() as session:
        yield session


def get_now() -> datetime:
    """The current moment, aware, in UTC (tests override it to move time)."""
    return datetime.now(UTC)


SettingsDep = Annotated[Settings, Depends(get_settings)]
WriteSession = Annotated[Session, Depends(get_session, scope="function")]
ReadSession = Annotated[Session, Depends(get_read_session, scope="function")]
Now = Annotated[datetime, Depends(get_now)]
