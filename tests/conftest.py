"""Shared fixtures: the sandbox on a loopback port, the panel app against it, and a guard that
fails any test reaching beyond loopback."""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import flask_migrate
import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import MetaData

from app import create_app
from app.extensions import db, limiter
from app.models import ServiceGrant
from app.sandbox.config import SandboxConfig
from app.sandbox.testing import running_sandbox

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _is_loopback(host: Any) -> bool:
    if not isinstance(host, str) or host in LOOPBACK_NAMES:
        return isinstance(host, str)
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _only_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection or name lookup beyond this machine fails the test."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(address: Any) -> None:
        if isinstance(address, tuple) and not _is_loopback(address[0]):
            pytest.fail(f"test tried to reach {address[0]}: tests stay on loopback")

    def connect(self: socket.socket, address: Any) -> None:
        check(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        check(address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and not _is_loopback(host if isinstance(host, str) else host.decode()):
            pytest.fail(f"test tried to look up {host}: tests stay on loopback")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture(scope="session")
def sandbox_config(tmp_path_factory: pytest.TempPathFactory) -> SandboxConfig:
    return SandboxConfig(
        db_path=str(tmp_path_factory.mktemp("sandbox") / "sandbox.db"), task_seconds=0
    )


@pytest.fixture(scope="session")
def sandbox_url(sandbox_config: SandboxConfig) -> Iterator[str]:
    """The sandbox's API base URL (``http://127.0.0.1:<port>/1.0``), one server per test run."""
    with running_sandbox(sandbox_config) as url:
        yield url


# Seconds per task step on the sandbox of tests marked ``slow_tasks`` (long enough for a person,
# and a browser test, to see "creating" before "created"): tasks there go
# todo → doing → done in real time (or on a clock the test moves, see ``sandbox_clock``).
SLOW_TASK_SECONDS = 2.0


@pytest.fixture(scope="session")
def slow_sandbox_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    config = SandboxConfig(
        db_path=str(tmp_path_factory.mktemp("slow-sandbox") / "sandbox.db"),
        task_seconds=SLOW_TASK_SECONDS,
    )
    with running_sandbox(config) as url:
        yield url


class SandboxControl:
    """The sandbox's control routes: faults, stats and reset, for tests."""

    def __init__(self, api_url: str) -> None:
        self.api_url = api_url
        self.base = api_url.removesuffix("/1.0")

    def reset(self, services: int = 3) -> None:
        requests.post(
            f"{self.base}/_sandbox/reset", json={"services": services}, timeout=30
        ).raise_for_status()

    def faults(self, **faults: float) -> dict[str, Any]:
        answer = requests.post(f"{self.base}/_sandbox/faults", json=faults, timeout=5)
        answer.raise_for_status()
        return dict(answer.json())

    def stats(self) -> dict[str, Any]:
        answer = requests.get(f"{self.base}/_sandbox/stats", timeout=5)
        answer.raise_for_status()
        return dict(answer.json())

    def clear_stats(self) -> None:
        requests.delete(f"{self.base}/_sandbox/stats", timeout=5).raise_for_status()


@pytest.fixture
def sandbox(request: pytest.FixtureRequest, sandbox_url: str) -> SandboxControl:
    """A freshly seeded sandbox, with no faults and zeroed stats.

    Tasks end at once, except in tests marked ``slow_tasks``, which get a sandbox whose tasks
    take :data:`SLOW_TASK_SECONDS` per step.
    """
    slow = request.node.get_closest_marker("slow_tasks") is not None
    control = SandboxControl(request.getfixturevalue("slow_sandbox_url") if slow else sandbox_url)
    control.reset()
    return control


@pytest.fixture
def sandbox_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Moves the sandbox's clock (it runs in this process) forward by some seconds."""
    from app.sandbox import clock

    offset = [0.0]
    real_now = clock.now
    monkeypatch.setattr(clock, "now", lambda: real_now() + offset[0])

    def advance(seconds: float) -> None:
        offset[0] += seconds

    return advance


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory, sandbox_url: str) -> str:
    """The panel's database, brought to the latest migration once per run."""
    url = os.environ.get("DATABASE_URL") or "sqlite:///" + str(
        tmp_path_factory.mktemp("panel") / "panel.db"
    )
    app = make_app(sandbox_url, url)
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    return url


def make_app(sandbox_url: str, database_url: str, **overrides: Any) -> Flask:
    config: dict[str, Any] = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "OVH_SANDBOX_URL": sandbox_url,
        "OVH_CACHE_SECONDS": 0,
        "OVH_CACHE_PREFIX": f"panel-test-{uuid.uuid4().hex}:",
        "RATELIMIT_KEY_PREFIX": f"panel-test-{uuid.uuid4().hex}",
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


# Every password the tests use; the secrets check greps the database and logs for them.
TEST_PASSWORDS = {
    "admin": "Orchard-Lantern-Velvet-71",
    "staff": "Pebble-Harbour-Quartz-38",
    "other": "Meadow-Compass-Tundra-52",
}
GRANTED_SERVICE = "example.cluster01.hosting.ovh.net"
OTHER_SERVICE = "example2.cluster02.hosting.ovh.net"


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
        from app.auth.accounts import create_user

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


def submit(client: FlaskClient, url: str, **fields: Any) -> Any:
    """Fill in and send the form of ``url`` as a browser would (CSRF token included); fields
    given as ``None`` are left out, like unticked boxes."""
    english = {"Accept-Language": "en"}
    token = csrf_token(client.get(url, headers=english).get_data(as_text=True))
    data = {
        "csrf_token": token,
        **{key: value for key, value in fields.items() if value is not None},
    }
    return client.post(url, data=data, headers=english)


CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(html: str) -> str:
    """The CSRF token of the first form in a page, as a browser would send it back."""
    match = CSRF_INPUT.search(html)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)
