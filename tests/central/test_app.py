"""The application shell: security headers, the API's error shape, a session per request."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi import APIRouter, FastAPI, HTTPException
from fastapi.testclient import TestClient
from pydantic import BaseModel
from sqlalchemy import func, select

from central.app import create_app
from central.db import Database
from central.deps import Now, SettingsDep, WriteSession, get_now
from central.headers import CONTENT_SECURITY_POLICY
from central.models import Site
from central.settings import Settings

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


class Body(BaseModel):
    name: str
    count: int


def _probe() -> APIRouter:
    router = APIRouter()

    @router.post("/api/v1/probe/{site_id}")
    def add_site(site_id: str, body: Body, session: WriteSession, now: Now) -> dict[str, str]:
        session.add(
            Site(
                site_id=site_id,
                name=body.name,
                timezone="Asia/Jakarta",
                hotline="-",
                created_at=now,
            )
        )
        if body.count < 0:
            raise HTTPException(429, "slow down", headers={"Retry-After": "7"})
        return {"at": now.isoformat()}

    @router.get("/api/v1/probe-settings")
    def show(settings: SettingsDep) -> dict[str, int]:
        return {"port": settings.server.port}

    @router.get("/page")
    def page() -> dict[str, str]:
        return {"page": "yes"}

    return router


@pytest.fixture
def app(central_db: Database) -> FastAPI:
    made = create_app(Settings(), central_db)
    made.include_router(_probe())
    made.dependency_overrides[get_now] = lambda: NOW
    return made


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


def _sites(db: Database) -> int:
    with db.reads() as session:
        return session.scalar(select(func.count()).select_from(Site)) or 0


def test_health_answers_and_every_response_carries_the_security_headers(
    client: TestClient,
) -> None:
    for response in (
        client.get("/api/v1/health"),
        client.get("/api/v1/nothing-here"),
        client.get("/page"),
        client.get("/no-such-page"),
    ):
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-robots-tag"] == "noindex"
        assert "strict-transport-security" not in response.headers
    assert client.get("/api/v1/health").json()["status"] == "ok"
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY


def test_hsts_only_over_https_or_behind_a_proxy_that_says_so(app: FastAPI) -> None:
    with TestClient(app, base_url="https://cek.example") as secure:
        assert secure.get("/api/v1/health").headers["strict-transport-security"]
    with TestClient(app) as plain:
        forwarded = plain.get("/api/v1/health", headers={"X-Forwarded-Proto": "https"})
        assert forwarded.headers["strict-transport-security"].startswith("max-age=")
        other = plain.get("/api/v1/health", headers={"X-Forwarded-Proto": "http"})
        assert "strict-transport-security" not in other.headers


def test_api_errors_have_one_shape(client: TestClient) -> None:
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json() == {"error": "not_found", "message": "Not Found"}
    wrong_method = client.delete("/api/v1/health")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"] == "method_not_allowed"
    invalid = client.post("/api/v1/probe/x", json={"name": "<script>", "count": "many"})
    assert invalid.status_code == 422
    body = invalid.json()
    assert body["error"] == "invalid"
    assert body["message"].startswith("body.count: ")
    assert "many" not in invalid.text  # the input is not echoed back
    garbage = client.post(
        "/api/v1/probe/x", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert garbage.status_code == 422
    assert garbage.json()["error"] == "invalid"


def test_pages_keep_fastapis_own_errors(client: TestClient) -> None:
    assert client.get("/no-such-page").json() == {"detail": "Not Found"}


def test_a_session_commits_when_the_route_returns_and_rolls_back_when_it_raises(
    client: TestClient, central_db: Database
) -> None:
    made = client.post("/api/v1/probe/mpp-a", json={"name": "A", "count": 1})
    assert made.status_code == 200
    assert made.json() == {"at": NOW.isoformat()}
    assert _sites(central_db) == 1
    refused = client.post("/api/v1/probe/mpp-b", json={"name": "B", "count": -1})
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "7"
    assert refused.json() == {"error": "rate_limited", "message": "slow down"}
    assert _sites(central_db) == 1


def test_a_commit_that_fails_is_an_error_not_a_200(app: FastAPI) -> None:
    with TestClient(app, raise_server_exceptions=False) as client:
        made = client.post("/api/v1/probe/mpp-a", json={"name": "A", "count": 1})
        assert made.status_code == 200
        # The route returns normally; the duplicate key fails only at the commit.
        again = client.post("/api/v1/probe/mpp-a", json={"name": "again", "count": 1})
        assert again.status_code == 500


def test_settings_reach_the_routes(client: TestClient) -> None:
    assert client.get("/api/v1/probe-settings").json() == {"port": 8080}


def test_an_unreachable_database_is_503_with_retry_after() -> None:
    settings = Settings.model_validate(
        {"database": {"url": "postgresql+psycopg://nobody@127.0.0.1:9/nowhere"}}
    )
    with TestClient(create_app(settings)) as client:
        response = client.get("/api/v1/health")
    assert response.status_code == 503
    assert response.json()["error"] == "unavailable"
    assert response.headers["retry-after"] == "30"


def test_the_areas_routers_are_included(client: TestClient) -> None:
    unauthorised = client.post("/api/v1/sync/push", json={})
    assert unauthorised.status_code == 401
    assert unauthorised.json()["error"] == "unauthorized"
    assert client.get("/api/v1/sync/pull").status_code == 401
    unknown = client.get("/r/" + "A" * 26)
    assert unknown.status_code == 404
    assert unknown.headers["content-type"].startswith("text/html")
    assert unknown.headers["x-robots-tag"] == "noindex"
