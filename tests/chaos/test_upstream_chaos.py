"""Upstream chaos: with each of the sandbox's faults on, every page and form answers with a calm
page (never a 500 or a traceback), no audit entry is left half-recorded, and a write whose answer
was lost says that OVH may have done it and points to the tasks tab."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db, ovh_api
from app.models import AuditEntry
from ovh_sandbox import credentials
from ovh_sandbox import db as sandbox_db
from ovh_sandbox.config import SandboxConfig
from tests.support.forms import attach, csrf_token
from tests.support.panel import AuthActions, UserFactory, dispose, make_app
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS
from tests.support.sandbox import SandboxControl

SN = GRANTED_SERVICE
EN = {"Accept-Language": "en"}
PAGES = [
    "/hosting/",
    f"/hosting/{SN}/",
    f"/hosting/{SN}/domains/",
    f"/hosting/{SN}/domains/attach",
    f"/hosting/{SN}/ssl/",
    f"/hosting/{SN}/databases/",
    f"/hosting/{SN}/databases/new",
    f"/hosting/{SN}/tasks/",
    "/admin/users",
    "/auth/profile",
]
# The forms that write to OVH, filled as a person would.
FORMS: list[tuple[str, dict[str, str]]] = [
    (
        f"/hosting/{SN}/domains/attach",
        {"domain": "chaos.example.org", "path": "chaos", "ssl": "y", "with_www": "y"},
    ),
    (f"/hosting/{SN}/ssl/order", {}),
    (f"/hosting/{SN}/databases/new", {"type": "mysql", "version": "8.0", "quota": "100"}),
]


@pytest.fixture
def chaos_app(sandbox: SandboxControl, database_url: str) -> Iterator[Flask]:
    """The panel with a short read timeout (so a latency spike is a timeout) and no sleeping
    between retries (the retries still happen)."""
    app = make_app(sandbox.api_url, database_url, OVH_READ_TIMEOUT=0.1)
    with app.app_context():
        ovh_api.gateway._sleep = lambda _seconds: None
    yield app
    dispose(app)


@pytest.fixture
def admin(chaos_app: Flask, users: UserFactory) -> FlaskClient:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    client = chaos_app.test_client()
    assert (
        AuthActions(client).sign_in("admin@example.com", TEST_PASSWORDS["admin"]).status_code == 302
    )
    return client


def _expire_credential(config: SandboxConfig) -> None:
    """The panel's consumer key expires mid-session (as its validity runs out at OVH)."""
    conn = sandbox_db.connect(config.db_path)
    try:
        row = credentials.by_consumer_key(conn, config.consumer_key)
        assert row is not None
        with sandbox_db.transaction(conn):
            credentials.expire(conn, row["id"])
    finally:
        conn.close()


FAULTS: dict[str, Callable[[SandboxControl, SandboxConfig], Any]] = {
    "latency spike": lambda sandbox, config: sandbox.faults(latency_ms=150),
    "5xx": lambda sandbox, config: sandbox.faults(error_rate=1.0),
    "429": lambda sandbox, config: sandbox.faults(rate_limit_per_min=1),
    "dropped connection": lambda sandbox, config: sandbox.faults(drop_rate=1.0),
    "invalid JSON": lambda sandbox, config: sandbox.faults(invalid_json_rate=1.0),
    "expired credential": lambda sandbox, config: _expire_credential(config),
}


def _calm(answer: Any) -> str:
    html = answer.get_data(as_text=True)
    assert answer.status_code != 500, html[:300]
    assert "Traceback" not in html and "Internal Server Error" not in html
    return html


@pytest.mark.parametrize("fault", list(FAULTS))
def test_every_page_and_form_stays_calm(
    fault: str,
    chaos_app: Flask,
    admin: FlaskClient,
    sandbox: SandboxControl,
    sandbox_config: SandboxConfig,
) -> None:
    tokens = {
        url: csrf_token(admin.get(url, headers=EN).get_data(as_text=True)) for url, _ in FORMS
    }
    FAULTS[fault](sandbox, sandbox_config)
    seen = {}
    for url in PAGES:
        answer = admin.get(url, headers=EN)
        html = _calm(answer)
        seen[url] = answer.status_code
        if answer.status_code >= 400:
            # The panel's own error page, with a sentence for people.
            lead = html.split('class="lead">', 1)[-1].split("</p>", 1)[0].strip()
            assert 'class="error-page' in html and len(lead) > 20, (fault, url, html[:400])
    for url, fields in FORMS:
        answer = admin.post(url, data={"csrf_token": tokens[url], **fields}, headers=EN)
        _calm(answer)
        seen[url + " POST"] = answer.status_code
    with chaos_app.app_context():
        outcomes = set(db.session.execute(select(AuditEntry.outcome)).scalars())
    assert "submitted" not in outcomes, (fault, outcomes)
    print(f"\n{fault}: {seen}")


def test_a_write_whose_answer_is_lost_says_ovh_may_have_done_it(
    chaos_app: Flask, admin: FlaskClient, sandbox: SandboxControl
) -> None:
    sandbox.faults(write_drop_rate=1.0)
    answer = attach(admin, "maybe.example.org")
    html = _calm(answer)
    assert "OVH may or may not have made this change" in html
    assert "Nothing was changed" not in html
    assert f'href="/hosting/{SN}/tasks/"' in html
    with chaos_app.app_context():
        entry = (
            db.session.execute(select(AuditEntry).where(AuditEntry.action.like("domain.%")))
            .scalars()
            .first()
        )
        assert entry is not None and entry.outcome == "failed"
    sandbox.faults(write_drop_rate=0.0)
    domains = admin.get(f"/hosting/{SN}/domains/", headers=EN).get_data(as_text=True)
    assert "maybe.example.org" in domains  # OVH had done it indeed
