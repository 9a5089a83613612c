"""The panel on an OAuth2 service account, through python-ovh's ``oauth2`` mode against the
sandbox's token endpoint: pages, the Connection page, ``flask ovh``, IAM refusals and token
failures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.extensions import db, limiter
from app.services.access_rules import iam_actions, rule_pairs
from ovh_sandbox.config import SandboxConfig
from tests.support.panel import _empty_tables, make_app
from tests.support.panel_data import GRANTED_SERVICE
from tests.support.sandbox import SandboxControl


def oauth2_settings(config: SandboxConfig, secret: str | None = None) -> dict[str, str]:
    return {
        "endpoint": "sandbox",
        "client_id": config.client_id,
        "client_secret": secret or config.client_secret,
    }


@pytest.fixture
def app(
    sandbox: SandboxControl, database_url: str, sandbox_config: SandboxConfig
) -> Iterator[Flask]:
    """The panel with ``OVH_CLIENT_ID``/``OVH_CLIENT_SECRET`` instead of keys."""
    app = make_app(sandbox.api_url, database_url, OVH=oauth2_settings(sandbox_config))
    with app.app_context():
        limiter.reset()
    yield app
    with app.app_context():
        _empty_tables()
        db.engine.dispose()


def test_pages_work_on_a_service_account(admin_client: FlaskClient) -> None:
    page = admin_client.get(f"/hosting/{GRANTED_SERVICE}/domains/")
    assert page.status_code == 200
    assert "blog.example.com" in page.get_data(as_text=True)


def test_the_connection_page_says_the_iam_policy_decides(admin_client: FlaskClient) -> None:
    page = admin_client.get("/admin/connection", headers={"Accept-Language": "fr"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Compte de service OAuth2" in text
    assert "xx11111-ovh" in text
    assert '<code class="text-break">webHosting:apiovh:attachedDomain/create</code>' in text
    assert "exactement ces actions IAM" in text


def test_an_iam_refusal_says_the_access_does_not_include_it(
    admin_client: FlaskClient, sandbox: SandboxControl
) -> None:
    # Everything but the attached domains (OVH's "*" reaches every path below it, so the plan
    # itself is named).
    policy = [r for r in rule_pairs() if "attachedDomain" not in r[1] and r[1] != "/hosting/web/*"]
    sandbox.service_account_policy([*policy, ("GET", f"/hosting/web/{GRANTED_SERVICE}")])
    page = admin_client.get(f"/hosting/{GRANTED_SERVICE}/domains/")
    assert page.status_code == 403
    assert "does not include this. An administrator can widen it." in page.get_data(as_text=True)
    french = admin_client.get(
        f"/hosting/{GRANTED_SERVICE}/domains/", headers={"Accept-Language": "fr"}
    )
    assert "administrateur peut l&#39;élargir" in french.get_data(as_text=True)


def test_a_refused_token_is_said_plainly(
    sandbox: SandboxControl, database_url: str, sandbox_config: SandboxConfig
) -> None:
    app = make_app(
        sandbox.api_url, database_url, OVH=oauth2_settings(sandbox_config, secret="wrong")
    )
    checked = app.test_cli_runner().invoke(args=["ovh", "check"])
    assert checked.exit_code != 0
    assert "could not sign in to OVH: its service account was refused" in checked.output
    assert "invalid_client" in checked.output


def test_connect_explains_the_iam_policy_instead_of_failing(app: Flask) -> None:
    connected = app.test_cli_runner().invoke(args=["ovh", "connect"])
    assert connected.exit_code == 0, connected.output
    assert "IAM" in connected.output
    for action in iam_actions():
        assert f"       {action}\n" in connected.output
    assert "webHosting:apiovh:*" in connected.output  # named as what not to grant
    assert "validationUrl" not in connected.output


def test_check_and_deep_check_work_on_a_service_account(app: Flask) -> None:
    checked = app.test_cli_runner().invoke(args=["ovh", "check"])
    assert checked.exit_code == 0, checked.output
    assert "OAuth2 service account" in checked.output
    assert "Account:    xx11111-ovh" in checked.output
    deep = app.test_cli_runner().invoke(args=["ovh", "check", "--deep"])
    assert deep.exit_code == 0, deep.output
    assert "Access: OAuth2 service account" in deep.output
    assert "/auth/currentCredential" not in deep.output
    assert ", 0 problems." in deep.output
