"""Production never runs the demo: the demo is chosen by name, listens on loopback only, and its
accounts never survive a start off the sandbox."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app import create_app
from app.accounts.demo import DEMO_ACCOUNTS, seed_demo_accounts
from app.accounts.passwords import hash_password
from app.config import ConfigError, demo_bind_problem
from app.extensions import db
from app.models import AuditEntry, User
from ovh_sandbox.config import DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY
from tests.support.forms import csrf_token
from tests.support.panel import UserFactory, dispose, make_app
from tests.support.panel_data import TEST_PASSWORDS
from tests.support.sandbox import SandboxControl

OVH_NAMES = (
    "OVH_ENDPOINT",
    "OVH_APPLICATION_KEY",
    "OVH_APPLICATION_SECRET",
    "OVH_CONSUMER_KEY",
    "OVH_CLIENT_ID",
    "OVH_CLIENT_SECRET",
)


@pytest.fixture
def production_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No demo, no credentials, no ovh.conf: what a fresh production host has."""
    monkeypatch.delenv("PANEL_DEMO", raising=False)
    for name in (*OVH_NAMES, "SECRET_KEY", "PANEL_URL", "TRUSTED_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    return monkeypatch


def _real_credentials(env: pytest.MonkeyPatch, sandbox: SandboxControl) -> None:
    """Credentials for an OVH endpoint given by URL (here the test sandbox, seen as a real API)."""
    env.setenv("OVH_ENDPOINT", sandbox.api_url)
    env.setenv("OVH_APPLICATION_KEY", DEMO_APPLICATION_KEY)
    env.setenv("OVH_APPLICATION_SECRET", DEMO_APPLICATION_SECRET)
    env.setenv("OVH_CONSUMER_KEY", DEMO_CONSUMER_KEY)
    env.setenv("SECRET_KEY", "production-secret-key")
    env.setenv("PANEL_URL", "https://panel.example.com")


def test_without_the_demo_or_credentials_the_panel_refuses_to_start_naming_the_settings(
    production_env: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(ConfigError) as refused:
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    message = str(refused.value)
    for name in (
        "OVH_APPLICATION_KEY",
        "OVH_CONSUMER_KEY",
        "SECRET_KEY",
        "PANEL_URL",
        "PANEL_DEMO",
    ):
        assert name in message


def test_the_sandbox_endpoint_without_the_demo_is_refused(
    production_env: pytest.MonkeyPatch, sandbox: SandboxControl
) -> None:
    _real_credentials(production_env, sandbox)
    production_env.setenv("OVH_ENDPOINT", "sandbox")
    with pytest.raises(ConfigError, match="OVH_ENDPOINT"):
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_the_demo_listens_on_loopback_only_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANEL_DEMO", "1")
    monkeypatch.delenv("PANEL_DEMO_PUBLIC", raising=False)
    assert demo_bind_problem(["127.0.0.1:8000", "[::1]:8000", "localhost:8000"]) is None
    problem = demo_bind_problem(["0.0.0.0:8000"])
    assert problem is not None and "PANEL_DEMO_PUBLIC" in problem
    assert demo_bind_problem(["192.0.2.10:80"]) is not None
    # gunicorn's own hook (gunicorn.conf.py) stops the server before it binds.
    spec = importlib.util.spec_from_file_location("gunicorn_conf", "gunicorn.conf.py")
    assert spec is not None and spec.loader is not None
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    with pytest.raises(SystemExit):
        conf.on_starting(SimpleNamespace(cfg=SimpleNamespace(bind=["0.0.0.0:8000"])))
    monkeypatch.setenv("PANEL_DEMO_PUBLIC", "1")
    assert demo_bind_problem(["0.0.0.0:8000"]) is None
    monkeypatch.delenv("PANEL_DEMO")
    monkeypatch.delenv("PANEL_DEMO_PUBLIC")
    assert demo_bind_problem(["0.0.0.0:8000"]) is None  # production binds where it is told


def test_the_access_log_leaves_query_strings_out() -> None:
    text = Path("gunicorn.conf.py").read_text()
    assert "%(U)s" in text and "%(r)s" not in text and "%(q)s" not in text


def test_a_start_off_the_sandbox_deletes_the_demo_accounts(
    request: pytest.FixtureRequest,
    app: Flask,
    production_env: pytest.MonkeyPatch,
    sandbox: SandboxControl,
    database_url: str,
    users: UserFactory,
) -> None:
    with app.app_context():
        seed_demo_accounts()
    users.make("real@example.org", "admin", TEST_PASSWORDS["admin"])
    _real_credentials(production_env, sandbox)
    production = make_app(sandbox.api_url, database_url)
    request.addfinalizer(lambda: dispose(production))
    client = production.test_client()
    for account in DEMO_ACCOUNTS:
        token_page = client.get("/auth/sign-in", base_url="https://panel.example.com")
        assert account.password not in token_page.get_data(as_text=True)
    with production.app_context():
        emails = set(db.session.execute(select(User.email)).scalars())
        assert emails == {"real@example.org"}
        deleted = db.session.execute(
            select(AuditEntry.target).where(AuditEntry.action == "user.delete")
        ).scalars()
        assert sorted(str(email) for email in deleted) == sorted(
            account.email for account in DEMO_ACCOUNTS
        )


def test_a_demo_password_left_on_an_account_stops_working_off_the_sandbox(
    request: pytest.FixtureRequest,
    app: Flask,
    production_env: pytest.MonkeyPatch,
    sandbox: SandboxControl,
    database_url: str,
) -> None:
    with app.app_context():
        # Written straight into the database: no page or command accepts a demo password.
        db.session.add(
            User(
                email="admin@example.com",
                role="admin",
                password_hash=hash_password("demo-admin-pass"),
            )
        )
        db.session.commit()
    _real_credentials(production_env, sandbox)
    production = make_app(sandbox.api_url, database_url)
    request.addfinalizer(lambda: dispose(production))
    with production.app_context():
        user = db.session.execute(select(User)).scalar_one()
        assert user.password_hash is None
    client = production.test_client()
    page = client.get("/auth/sign-in", base_url="https://panel.example.com")
    assert page.status_code == 200


def test_no_one_can_choose_a_demo_password(app: Flask) -> None:
    runner = app.test_cli_runner()
    refused = runner.invoke(
        args=["users", "create-admin", "root@example.org"], input="demo-admin-pass\n"
    )
    assert refused.exit_code != 0 and "demo" in refused.output


def test_an_admin_deletes_a_user_and_the_history_says_so(
    app: Flask, admin_client: FlaskClient, users: UserFactory
) -> None:
    someone = users.make("leaver@example.com")
    page = admin_client.get(f"/admin/users/{someone}").get_data(as_text=True)
    assert f"/admin/users/{someone}/delete" in page
    deleted = admin_client.post(
        f"/admin/users/{someone}/delete", data={"csrf_token": csrf_token(page)}
    )
    assert deleted.status_code == 302
    with app.app_context():
        assert db.session.get(User, someone) is None
        entry = db.session.execute(
            select(AuditEntry).where(AuditEntry.action == "user.delete")
        ).scalar_one()
        assert entry.target == "leaver@example.com" and entry.user_email == "admin@example.com"
        mine = db.session.execute(
            select(User.id).where(User.email == "admin@example.com")
        ).scalar_one()
    own_page = admin_client.get(f"/admin/users/{mine}").get_data(as_text=True)
    assert f"/admin/users/{mine}/delete" not in own_page
    refused = admin_client.post(
        f"/admin/users/{mine}/delete", data={"csrf_token": csrf_token(page)}
    )
    assert refused.status_code == 302
    with app.app_context():
        assert db.session.get(User, mine) is not None
