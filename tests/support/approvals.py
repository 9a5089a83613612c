"""Two people for approval tests: an administrator, and staff who may operate the granted plan
(and so must ask); and the administrator's approval through the real page."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.approvals.models import ApprovalRequest
from app.extensions import db
from tests.support.forms import csrf_token
from tests.support.panel import AuthActions, UserFactory
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS

EN = {"Accept-Language": "en"}


def admin_and_staff(app: Flask, users: UserFactory) -> tuple[FlaskClient, FlaskClient]:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "operate"})
    admin, staff = app.test_client(), app.test_client()
    for client, email, role in ((admin, "admin@example.com", "admin"),
                                (staff, "staff@example.com", "staff")):  # fmt: skip
        assert AuthActions(client).sign_in(email, TEST_PASSWORDS[role]).status_code == 302
    return admin, staff


def only_request(app: Flask) -> ApprovalRequest:
    with app.app_context():
        request = db.session.scalars(select(ApprovalRequest)).one()
        db.session.expunge(request)
        return request


def approve(admin: FlaskClient, request_id: int) -> str:
    """The administrator approves from the request's page; where the answer leads."""
    url = f"/approvals/{request_id}"
    token = csrf_token(admin.get(url, headers=EN).get_data(as_text=True))
    answer = admin.post(url + "/approve", data={"csrf_token": token}, headers=EN)
    assert answer.status_code == 302
    return str(answer.location)
