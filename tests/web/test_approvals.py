"""Approvals through the real pages: staff who may operate ask with the same form, the
administrator is told by mail, approves (checked again against OVH, then run and followed) or
declines with a reason, and the person who asked hears each step; requests expire after 7 days."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.approvals.models import ApprovalRequest
from app.extensions import db, ovh_api
from app.models import AuditEntry, utcnow
from app.queue import jobs
from app.services import databases
from tests.support.forms import csrf_token, submit
from tests.support.mail import Inbox
from tests.support.panel import AuthActions, UserFactory
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS

DELETE = f"/hosting/{GRANTED_SERVICE}/databases/exampleblog.mysql.db/delete"
EN = {"Accept-Language": "en"}


def two_people(app: Flask, users: UserFactory) -> tuple[FlaskClient, FlaskClient]:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "operate"})
    admin, staff = app.test_client(), app.test_client()
    assert (
        AuthActions(admin).sign_in("admin@example.com", TEST_PASSWORDS["admin"]).status_code == 302
    )
    assert (
        AuthActions(staff).sign_in("staff@example.com", TEST_PASSWORDS["staff"]).status_code == 302
    )
    return admin, staff


def ask(staff: FlaskClient, why: str | None = "The old blog is gone, its data too.") -> Any:
    return submit(staff, DELETE, confirm_name="exampleblog.mysql.db", why=why)


def the_request(app: Flask) -> ApprovalRequest:
    with app.app_context():
        request = db.session.scalars(select(ApprovalRequest)).one()
        db.session.expunge(request)
        return request


def test_staff_ask_with_the_same_form_and_the_administrator_is_told(
    app: Flask, users: UserFactory, smtp: Inbox
) -> None:
    _, staff = two_people(app, users)
    page = staff.get(DELETE, headers=EN).get_data(as_text=True)
    assert "Ask an administrator" in page and "Why is this needed?" in page
    assert "This field is required." in ask(staff, why="").get_data(as_text=True)
    answer = ask(staff)
    assert answer.status_code == 302 and "/approvals/" in answer.location
    request = the_request(app)
    assert (request.action, request.target, request.state) == (
        "database.delete",
        "exampleblog.mysql.db",
        "waiting",
    )
    assert request.values == {"name": "exampleblog.mysql.db", "back_up_first": False}
    assert request.expires_at - request.requested_at == timedelta(days=7)
    with app.app_context():  # OVH was not asked
        assert databases.find_database(ovh_api.gateway, GRANTED_SERVICE, "exampleblog.mysql.db")
        assert (
            db.session.scalar(select(AuditEntry.action).where(AuditEntry.action == "approval.ask"))
            == "approval.ask"
        )
    [told] = smtp.messages
    assert told["To"] == "admin@example.com"
    assert told["Subject"] == "Approval asked: Delete the database exampleblog.mysql.db"
    assert f"/approvals/{request.id}" in smtp.body()
    listed = staff.get("/approvals/", headers=EN).get_data(as_text=True)
    assert "Delete the database exampleblog.mysql.db" in listed and "Waiting" in listed


def test_approved_it_runs_is_followed_and_the_person_who_asked_hears_it_is_done(
    app: Flask, users: UserFactory, smtp: Inbox
) -> None:
    admin, staff = two_people(app, users)
    ask(staff)
    request = the_request(app)
    shown = admin.get(f"/approvals/{request.id}", headers=EN).get_data(as_text=True)
    assert "The old blog is gone, its data too." in shown
    assert "erased for good" in shown
    staff_token = csrf_token(staff.get("/approvals/", headers=EN).get_data(as_text=True))
    refused = staff.post(f"/approvals/{request.id}/approve", data={"csrf_token": staff_token})
    assert refused.status_code == 403
    token_page = admin.get(f"/approvals/{request.id}", headers=EN).get_data(as_text=True)
    answer = admin.post(
        f"/approvals/{request.id}/approve", data={"csrf_token": csrf_token(token_page)}, headers=EN
    )
    assert answer.status_code == 302 and "/tasks/" in answer.location
    decided = the_request(app)
    assert decided.state == "approved" and decided.task_id is not None
    assert decided.decided_by_email == "admin@example.com"
    subjects = [str(message["Subject"]) for message in smtp.messages]
    assert "Approved: Delete the database exampleblog.mysql.db" in subjects
    with app.app_context():
        jobs.follow_task(GRANTED_SERVICE, decided.task_id)  # the queue worker
    done = [
        m
        for m in smtp.messages
        if m["To"] == "staff@example.com" and str(m["Subject"]).startswith("Done:")
    ]
    assert [str(m["Subject"]) for m in done] == ["Done: Deleting the database exampleblog.mysql.db"]


def test_declined_with_a_reason_the_person_who_asked_reads_it(
    app: Flask, users: UserFactory, smtp: Inbox
) -> None:
    admin, staff = two_people(app, users)
    ask(staff)
    request = the_request(app)
    url = f"/approvals/{request.id}"
    token = csrf_token(admin.get(url, headers=EN).get_data(as_text=True))
    empty = admin.post(url + "/decline", data={"csrf_token": token, "reason": ""}, headers=EN)
    assert empty.status_code == 200 and "This field is required." in empty.get_data(as_text=True)
    answer = admin.post(
        url + "/decline",
        headers=EN,
        data={"csrf_token": token, "reason": "We still need it for the archive."},
    )
    assert answer.status_code == 302
    assert the_request(app).state == "declined"
    [declined] = [i for i, m in enumerate(smtp.messages) if m["To"] == "staff@example.com"]
    assert (
        smtp.messages[declined]["Subject"] == "Declined: Delete the database exampleblog.mysql.db"
    )
    assert "We still need it for the archive." in smtp.body(declined)


def test_approval_checks_again_with_ovh_and_does_nothing_when_it_no_longer_holds(
    app: Flask, users: UserFactory, smtp: Inbox
) -> None:
    admin, staff = two_people(app, users)
    ask(staff)
    request = the_request(app)
    with app.app_context():  # deleted elsewhere meanwhile
        databases.delete_database(ovh_api.gateway, GRANTED_SERVICE, "exampleblog.mysql.db")
    url = f"/approvals/{request.id}"
    token = csrf_token(admin.get(url, headers=EN).get_data(as_text=True))
    answer = admin.post(url + "/approve", data={"csrf_token": token}, headers=EN)
    assert answer.status_code == 302 and answer.location.endswith(url)
    failed = the_request(app)
    assert failed.state == "failed" and failed.task_id is None
    assert failed.error in (
        "The database no longer exists.",
        "OVH is working on this database right now. Try again in a moment.",
    )


def test_requests_expire_after_7_days_and_others_cannot_see_them(
    app: Flask, users: UserFactory, smtp: Inbox
) -> None:
    admin, staff = two_people(app, users)
    ask(staff)
    request = the_request(app)
    with app.app_context():
        row = db.session.get(ApprovalRequest, request.id)
        assert row is not None
        row.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    assert "Expired" in admin.get("/approvals/", headers=EN).get_data(as_text=True)
    assert the_request(app).state == "expired"
    assert any(str(m["Subject"]).startswith("Expired:") for m in smtp.messages)
    users.make("other@example.com", "staff", TEST_PASSWORDS["other"], {GRANTED_SERVICE: "operate"})
    other = app.test_client()
    AuthActions(other).sign_in("other@example.com", TEST_PASSWORDS["other"])
    assert other.get(f"/approvals/{request.id}").status_code == 404
