"""The panel app against the test sandbox, its users, and signing in through the real pages."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import flask_migrate
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import MetaData

from app import create_app
from app.extensions import db, limiter
from app.models import ServiceGrant
from app.services.engines import dispose_engines
from tests.support.forms import csrf_token
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS
from tests.support.sandbox import SandboxControl


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory, sandbox_url: str) -> Iterator[str]:
    """The panel's database, brought to the latest migration once per run."""
    url = os.environ.get("DATABASE_URL") or "sqlite:///" + str(
        tmp_path_factory.mktemp("panel") / "panel.db"
    )
    app = make_app(sandbox_url, url)
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    yield url
    dispose_engines()


def make_app(sandbox_url: str, database_url: str, **overrides: Any) -> Flask:
    config: dict[str, Any] = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "OVH_SANDBOX_URL": sandbox_url,
        "OVH_CACHE_SECONDS": 0,
        "OVH_CACHE_PREFIX": f"panel-test-{uuid.uuid4().hex}:",
        "RATELIMIT_KEY_PREFIX": f"panel-test-{uuid.uuid4().hex}",
        # The fair-use budget has tests of its own; elsewhere it must not decide the outcome.
        "OVH_CALLS_PER_MINUTE": 100_000,
        # Background refreshes run only when a test drains them (no thread racing the test).
        "OVH_BACKGROUND_REFRESH": False,
        # Queued jobs run at once in the test's process (Huey's immediate mode).
        "QUEUE_IMMEDIATE": True,
        # Cheaper scrypt for speed; production keeps werkzeug's default cost.
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture
def app(
    request: pytest.FixtureRequest, sandbox: SandboxControl, database_url: str
) -> Iterator[Flask]:
    """The panel against the sandbox; its caches are off unless the test is marked ``cached``."""
    cached = request.node.get_closest_marker("cached") is not None
    app = make_app(sandbox.api_url, database_url, **({"OVH_CACHE_SECONDS": 30} if cached else {}))
    with app.app_context():
        # Flask-Limiter's one Limiter keeps the first app's key prefix; with Redis its counts
        # would carry from test to test, so each test starts from zero.
        limiter.reset()
    yield app
    with app.app_context():
        _empty_tables()
        db.engine.dispose()


def dispose(app: Flask) -> None:
    """Close the pooled connections of an extra app a test built."""
    with app.app_context():
        db.engine.dispose()


def _empty_tables() -> None:
    meta = MetaData()
    meta.reflect(bind=db.engine)
    for table in reversed(meta.sorted_tables):
        if table.name != "alembic_version":
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class UserFactory:
    """Creates panel users straight in the database (``users.make(...)`` returns the id)."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def make(
        self,
        email: str,
        role: str = "staff",
        password: str | None = None,
        grants: dict[str, str] | None = None,
        active: bool = True,
    ) -> int:
        from app.accounts.users import create_user

        with self.app.app_context():
            user = create_user(email, role, password=password or TEST_PASSWORDS["other"])
            for service_name, level in (grants or {}).items():
                user.grants.append(ServiceGrant(service_name=service_name, level=level))
            user.active = active
            db.session.commit()
            return int(user.id)


@pytest.fixture
def users(app: Flask) -> UserFactory:
    return UserFactory(app)


class AuthActions:
    """Signs in and out through the real pages, CSRF included, like a browser."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def sign_in(
        self, email: str, password: str, remember: bool = False, next_path: str | None = None
    ) -> Any:
        url = "/auth/sign-in" + (f"?next={next_path}" if next_path else "")
        token = csrf_token(self.client.get(url).get_data(as_text=True))
        data = {"csrf_token": token, "email": email, "password": password}
        if remember:
            data["remember"] = "y"
        return self.client.post(url, data=data, headers={"Accept-Language": "en"})

    def sign_out(self) -> Any:
        token = csrf_token(self.client.get("/auth/profile").get_data(as_text=True))
        return self.client.post("/auth/sign-out", data={"csrf_token": token})


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def admin_client(client: FlaskClient, users: UserFactory, auth: AuthActions) -> FlaskClient:
    """A test client signed in as an administrator (admin@example.com)."""
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    assert auth.sign_in("admin@example.com", TEST_PASSWORDS["admin"]).status_code == 302
    return client


@pytest.fixture
def staff_client(
    client: FlaskClient, users: UserFactory, auth: AuthActions
) -> Callable[[str], FlaskClient]:
    """Signs the test client in as staff@example.com with ``level`` on the granted service."""

    def signed_in(level: str) -> FlaskClient:
        users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: level})
        assert auth.sign_in("staff@example.com", TEST_PASSWORDS["staff"]).status_code == 302
        return client

    return signed_in
