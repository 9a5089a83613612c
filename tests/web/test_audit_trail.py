"""The audit trail: written before OVH is called, completed after, secrets removed, and readable."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import MetaData, select

from app.audit import audited, record_task_status, scrub
from app.extensions import db, ovh_api
from app.models import AuditEntry
from app.services.client import path
from app.services.errors import InvalidInput, UpstreamUnavailable
from tests.support.forms import csrf_token, link_token, set_password
from tests.support.panel import AuthActions, UserFactory
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS


def test_scrub_removes_secrets_at_any_depth() -> None:
    cleaned = scrub(
        {
            "domain": "shop.example.com",
            "password": "p",
            "ssl": {"certificate": "PUBLIC", "key": "PRIVATE", "chain": "CHAIN"},
            "credentials": [{"consumerKey": "ck", "application_secret": "as"}],
            "csrf_token": "t",
        }
    )
    assert cleaned == {
        "domain": "shop.example.com",
        "password": "[removed]",
        "ssl": {"certificate": "PUBLIC", "key": "[removed]", "chain": "CHAIN"},
        "credentials": [{"consumerKey": "[removed]", "application_secret": "[removed]"}],
        "csrf_token": "[removed]",
    }


def test_an_entry_is_written_even_when_ovh_drops_the_connection_mid_call(
    app: Flask, sandbox: Any
) -> None:
    sandbox.faults(drop_rate=1.0)
    with (
        app.test_request_context(),
        pytest.raises(UpstreamUnavailable),
        audited(
            "hosting.rename",
            service_name=GRANTED_SERVICE,
            target=GRANTED_SERVICE,
            parameters={"displayName": "x", "password": "hunter2-hunter2"},
        ),
    ):
        ovh_api.gateway.put(
            path("/hosting/web", GRANTED_SERVICE), scope=GRANTED_SERVICE, displayName="x"
        )
    with app.app_context():
        entry = db.session.scalars(select(AuditEntry)).one()
    assert entry.outcome == "failed"
    assert entry.error
    assert entry.parameters == {"displayName": "x", "password": "[removed]"}


def test_the_submitted_entry_exists_before_ovh_is_called(app: Flask) -> None:
    with (
        app.test_request_context(),
        audited("hosting.rename", service_name=GRANTED_SERVICE),
        app.app_context(),
    ):
        seen = db.session.scalars(select(AuditEntry.outcome)).all()
    assert seen == ["submitted"]


def test_an_accepted_call_keeps_its_task_id_and_learns_how_the_task_ended(app: Flask) -> None:
    with app.test_request_context():
        with audited(
            "domain.attach", service_name=GRANTED_SERVICE, target="new.example.com"
        ) as entry:
            entry.accepted(task_id=4242)
        record_task_status(GRANTED_SERVICE, 4242, "done")
        stored = db.session.scalars(select(AuditEntry)).one()
        assert (stored.outcome, stored.task_id, stored.task_status) == ("accepted", 4242, "done")


def test_an_ovh_refusal_is_recorded_as_rejected_with_its_query_id(app: Flask) -> None:
    with (
        app.test_request_context(),
        pytest.raises(InvalidInput),
        audited("domain.attach", service_name=GRANTED_SERVICE),
    ):
        raise InvalidInput(query_id="EU.ext-1.abc", detail="Invalid domain")
    with app.app_context():
        stored = db.session.scalars(select(AuditEntry)).one()
    assert (stored.outcome, stored.query_id, stored.error) == (
        "rejected",
        "EU.ext-1.abc",
        "Invalid domain",
    )


def test_the_audit_page_filters_pages_and_exports_csv(
    app: Flask, admin_client: FlaskClient
) -> None:
    with app.test_request_context():
        for number in range(60):
            with audited(
                "domain.attach", service_name=GRANTED_SERVICE, target=f"d{number}.example.com"
            ):
                pass
        with audited("domain.attach", service_name="other.example", target="=cmd|calc"):
            pass
    first = admin_client.get(f"/admin/audit?service={GRANTED_SERVICE}").get_data(as_text=True)
    assert "d59.example.com" in first  # newest first
    assert "d0.example.com" not in first
    assert "Page 1 of 2" in first
    second = admin_client.get(f"/admin/audit?service={GRANTED_SERVICE}&page=2").get_data(
        as_text=True
    )
    assert "d0.example.com" in second
    csv = admin_client.get("/admin/audit.csv?action=domain.attach").get_data(as_text=True)
    assert csv.splitlines()[0].startswith("when,user,service,action")
    assert len(csv.splitlines()) == 62
    assert "'=cmd|calc" in csv  # spreadsheets must not run it as a formula
    failed_only = admin_client.get("/admin/audit?outcome=failed").get_data(as_text=True)
    assert "Nothing matches these filters" in failed_only


def test_no_password_or_link_ever_reaches_the_database_or_the_logs(
    app: Flask,
    client: FlaskClient,
    admin_client: FlaskClient,
    users: UserFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    users.make("staff@example.com", password=TEST_PASSWORDS["staff"])
    page = admin_client.get("/admin/users/new").get_data(as_text=True)
    added = admin_client.post(
        "/admin/users/new",
        data={"csrf_token": csrf_token(page), "email": "new@example.com", "role": "staff"},
    ).get_data(as_text=True)
    link = added.split('id="one-time-link">', 1)[1].split("<", 1)[0]
    visitor = app.test_client()
    new_password = "Juniper-Falcon-Mosaic-27"
    set_password(visitor, link_token(link), new_password)
    stranger = AuthActions(app.test_client())
    stranger.sign_in("staff@example.com", TEST_PASSWORDS["staff"] + "-wrong")
    stranger.sign_in("staff@example.com", TEST_PASSWORDS["staff"])

    secrets = [*TEST_PASSWORDS.values(), new_password, link_token(link)]
    with app.app_context():
        meta = MetaData()
        meta.reflect(bind=db.engine)
        dump = repr([db.session.execute(table.select()).all() for table in meta.sorted_tables])
    logs = caplog.text
    for secret in secrets:
        assert secret not in dump
        assert secret not in logs
