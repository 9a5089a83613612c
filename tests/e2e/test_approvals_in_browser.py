"""An approval in real browsers: staff ask to delete a database with the same form, the
administrator approves it from the Approvals page, and the staff member's mail says it is done."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import expect

from app.extensions import db, ovh_api
from app.models import AuditEntry
from app.notify.jobs import task_ended
from app.services.tasks import get_task
from tests.support.browser import sign_in
from tests.support.mail import Inbox
from tests.support.panel import UserFactory
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS

pytestmark = pytest.mark.e2e

DATABASE = f"/hosting/{GRANTED_SERVICE}/databases/exampleblog.mysql.db"


def test_staff_ask_the_administrator_approves_and_staff_hear_it_is_done(
    page: Any, browser: Any, live_server: str, app: Flask, users: UserFactory, smtp: Inbox
) -> None:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "operate"})
    sign_in(page, "staff@example.com", TEST_PASSWORDS["staff"])
    page.goto(DATABASE + "/")
    page.get_by_role("link", name="Delete").click()
    page.get_by_label("Database name").fill("exampleblog.mysql.db")
    page.get_by_label("Why is this needed?").fill("The old blog is closed.")
    page.get_by_role("button", name="Ask an administrator").click()
    page.wait_for_url("**/approvals/*")
    expect(page.get_by_text("Waiting").first).to_be_visible()

    admin_context = browser.new_context(base_url=live_server, locale="en-GB")
    admin = admin_context.new_page()
    admin.set_default_timeout(10_000)
    sign_in(admin, "admin@example.com", TEST_PASSWORDS["admin"])
    admin.goto("/approvals/")
    admin.get_by_role("link", name="Delete the database exampleblog.mysql.db").click()
    expect(admin.get_by_text("The old blog is closed.")).to_be_visible()
    admin.get_by_role("button", name="Approve and run it now").click()
    admin.wait_for_url("**/operations/*")  # the safety backup first, then the delete
    expect(admin.locator('[data-part="delete"]')).to_have_attribute(
        "data-part-state", "done", timeout=30_000
    )
    admin_context.close()

    with app.app_context():
        # Here the queue runs each job inline, so both parts ended while the approval was still
        # being recorded; a worker announces the delete's end afterwards, as this does.
        task_id = db.session.query(AuditEntry.task_id).filter_by(action="database.delete").scalar()
        task_ended(get_task(ovh_api.gateway, GRANTED_SERVICE, task_id))
    to_staff = [str(m["Subject"]) for m in smtp.messages if m["To"] == "staff@example.com"]
    assert to_staff == [
        "Approved: Delete the database exampleblog.mysql.db",
        "Done: Deleting the database exampleblog.mysql.db",
    ]
