"""The daily watch on the sandbox's plans: what it finds, one digest per person by real SMTP for
the plans they may see, the "Needs attention" panel, and a run claimed once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db, ovh_api
from app.services.domains import update_domain
from app.watch.jobs import run_watch
from app.watch.models import WatchFinding
from tests.support.certificates import chain_pem, intermediate, leaf
from tests.support.forms import csrf_token, hidden_fields
from tests.support.mail import Inbox
from tests.support.panel_data import GRANTED_SERVICE, OTHER_SERVICE, TEST_PASSWORDS
from tests.support.sandbox import SandboxControl

EN = {"Accept-Language": "en"}


def findings(app: Flask) -> set[tuple[str, str, str]]:
    with app.app_context():
        rows = db.session.scalars(select(WatchFinding))
        return {(row.service_name, row.kind, row.subject) for row in rows}


def test_the_watch_finds_a_manual_renewal_near_and_sends_one_digest(
    admin_client: FlaskClient, app: Flask, sandbox: SandboxControl, smtp: Inbox
) -> None:
    sandbox.reset()
    with app.app_context():
        run_watch("2026-12-02")
    found = findings(app)
    assert (OTHER_SERVICE, "renewal", "") in found
    assert all(kind != "renewal" for name, kind, _ in found if name != OTHER_SERVICE)
    [digest] = smtp.messages
    assert digest["To"] == "admin@example.com"
    assert str(digest["Subject"]).startswith("Daily watch: ")
    body = smtp.body()
    assert f"{OTHER_SERVICE}: The plan expires on" in body  # it has no name of its own
    assert "and is not renewed automatically." in body
    assert "http://127.0.0.1:8000/hosting/" in body
    with app.app_context():
        run_watch("2026-12-02")  # the same day again (a second worker): nothing more
    assert len(smtp.messages) == 1
    page = admin_client.get("/hosting/", headers=EN).get_data(as_text=True)
    assert "Needs attention" in page
    assert "is not renewed automatically." in page


def test_staff_hear_only_of_the_plans_they_may_see(
    client: FlaskClient, app: Flask, users: Any, auth: Any, sandbox: SandboxControl, smtp: Inbox
) -> None:
    sandbox.reset()
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "view"})
    with app.app_context():
        run_watch("2026-12-03")
    sent = {str(message["To"]): message for message in smtp.messages}
    assert "example2.cluster02" not in smtp.body()  # the renewal is on a plan staff cannot see
    assert set(sent) == {"staff@example.com"}
    assert auth.sign_in("staff@example.com", TEST_PASSWORDS["staff"]).status_code == 302
    page = client.get("/hosting/", headers=EN).get_data(as_text=True)
    assert "is not renewed automatically." not in page


def test_a_certificate_imported_through_the_panel_is_watched_until_it_expires(
    admin_client: FlaskClient, app: Flask, sandbox: SandboxControl, smtp: Inbox
) -> None:
    sandbox.reset()
    ends = datetime.now(UTC) + timedelta(days=10)
    issued = leaf("example.org", "www.example.org", not_after=ends)
    url = f"/hosting/{OTHER_SERVICE}/ssl/import"
    token = csrf_token(admin_client.get(url, headers=EN).get_data(as_text=True))
    fields = {"csrf_token": token, "certificate": issued.pem, "key": issued.key_pem}
    review = admin_client.post(url, data={**fields, "chain": chain_pem(intermediate())}, headers=EN)
    answer = admin_client.post(url, data=hidden_fields(review.get_data(as_text=True)), headers=EN)
    assert answer.status_code == 302 and "/tasks/" in answer.location
    with app.app_context():  # HTTPS on for a domain the certificate covers, as OVH would do it
        update_domain(ovh_api.gateway, OTHER_SERVICE, "example.org", {"ssl": True})
        run_watch("2026-12-04")
    assert (OTHER_SERVICE, "expiry", "") in findings(app)
    assert f"expires on {format(ends.date(), '%B')}" in smtp.body()
    assert "import its renewal before then" in smtp.body()


def test_a_certificate_far_from_its_end_is_not_reported(
    admin_client: FlaskClient, app: Flask, sandbox: SandboxControl, smtp: Inbox
) -> None:
    sandbox.reset()
    issued = leaf("example.org", not_after=datetime.now(UTC) + timedelta(days=60))
    url = f"/hosting/{OTHER_SERVICE}/ssl/import"
    token = csrf_token(admin_client.get(url, headers=EN).get_data(as_text=True))
    fields = {"csrf_token": token, "certificate": issued.pem, "key": issued.key_pem}
    review = admin_client.post(url, data={**fields, "chain": chain_pem(intermediate())}, headers=EN)
    admin_client.post(url, data=hidden_fields(review.get_data(as_text=True)), headers=EN)
    with app.app_context():
        update_domain(ovh_api.gateway, OTHER_SERVICE, "example.org", {"ssl": True})
        run_watch("2026-12-05")
    assert all(kind != "expiry" for _, kind, _ in findings(app))
