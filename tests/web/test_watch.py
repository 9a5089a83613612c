"""The daily watch on the sandbox's plans: what it finds, one digest per person by real SMTP for
the plans they may see, the "Needs attention" panel, and a run claimed once."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.watch.jobs import run_watch
from app.watch.models import WatchFinding
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
