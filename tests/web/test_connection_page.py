"""The admin Connection page: whose account, what kind of access, and which features it allows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient

from app.extensions import db, limiter
from app.services.access_rules import rule_pairs
from app.services.gateway_setup import build_client
from tests.support.panel import _empty_tables, make_app
from tests.support.sandbox import SandboxControl
from tests.support.sandbox_control import decide


def test_the_panel_s_own_key_can_use_every_feature(admin_client: FlaskClient) -> None:
    page = admin_client.get("/admin/connection", headers={"Accept-Language": "fr"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "xx11111-ovh" in text
    assert "Clé d'application et clé de consommateur" in text
    assert text.count(">Utilisable<") == 11
    assert "Inutilisable" not in text and "Lecture seule" not in text
    assert "N'importe quelle adresse" in text


@pytest.fixture
def narrow_app(sandbox: SandboxControl, database_url: str) -> Iterator[Flask]:
    """The panel on a key that may read everything but change nothing, from one address."""
    first = make_app(sandbox.api_url, database_url)
    settings = dict(first.config["OVH"], consumer_key=None)
    client = build_client(settings, sandbox.api_url, (3, 10))
    reads = [{"method": m, "path": p} for m, p in rule_pairs() if m == "GET"]
    answer = client.request_consumerkey(reads, allowedIPs=["127.0.0.1/32"])
    with requests.Session() as browser:
        decide(browser, answer["validationUrl"], "approve", validity=86400).raise_for_status()
    app = make_app(
        sandbox.api_url, database_url, OVH=dict(settings, consumer_key=answer["consumerKey"])
    )
    with app.app_context():
        limiter.reset()
    yield app
    with app.app_context():
        _empty_tables()
        db.engine.dispose()


def test_a_read_only_key_shows_what_it_cannot_change(
    narrow_app: Flask, sandbox: SandboxControl
) -> None:
    from tests.support.panel import AuthActions, UserFactory
    from tests.support.panel_data import TEST_PASSWORDS

    UserFactory(narrow_app).make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    client = narrow_app.test_client()
    AuthActions(client).sign_in("admin@example.com", TEST_PASSWORDS["admin"])
    page = client.get("/admin/connection", headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    # domains, SSL, databases, backups, FTP, PHP, jobs, applications
    assert text.count(">Can only read<") == 8
    assert ">POST /hosting/web/*/attachedDomain</code>" in text
    assert "<code>127.0.0.1/32</code>" in text
    assert "choose an unlimited validity" in text
