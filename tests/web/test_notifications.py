"""Notifications through the real pages and a real mail server: a person chooses on their profile
what they hear about, a task ends while no page is open, and the message arrives by SMTP (and at
a chat/webhook destination through Apprise), short, in their language, with a link."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, User
from app.notify.models import NotificationSettings
from app.queue import jobs
from tests.support.forms import submit
from tests.support.mail import Inbox, Webhook
from tests.support.panel_data import GRANTED_SERVICE, OTHER_SERVICE, TEST_PASSWORDS

DATABASES = f"/hosting/{GRANTED_SERVICE}/databases"
PREFERENCES = "/profile/notifications"


def delete_database_and_let_the_worker_follow(client: FlaskClient, app: Flask) -> int:
    answer = submit(
        client, DATABASES + "/exampleblog.mysql.db/delete", confirm_name="exampleblog.mysql.db"
    )
    assert answer.status_code == 302  # to the task's page, which nobody opens
    with app.app_context():
        task_id = db.session.scalar(
            select(AuditEntry.task_id).where(AuditEntry.action == "database.delete")
        )
        assert task_id is not None
        jobs.follow_task(GRANTED_SERVICE, task_id)  # what the queue worker runs
    return int(task_id)


def test_the_person_who_started_a_task_hears_by_email_when_it_ends(
    admin_client: FlaskClient, app: Flask, smtp: Inbox
) -> None:
    task_id = delete_database_and_let_the_worker_follow(admin_client, app)
    [message] = smtp.messages
    assert message["To"] == "admin@example.com"
    assert message["Subject"] == "Done: Deleting the database exampleblog.mysql.db"
    body = smtp.body()
    assert "This operation is finished." in body
    assert f"http://127.0.0.1:8000/hosting/{GRANTED_SERVICE}/tasks/{task_id}" in body
    assert f"Plan: Example shop (technical name, for support: {GRANTED_SERVICE})" in body
    assert len(body) < 400  # short


def test_the_message_is_in_the_readers_language(
    admin_client: FlaskClient, app: Flask, smtp: Inbox
) -> None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "admin@example.com"))
        assert user is not None
        user.locale = "fr"
        db.session.commit()
    delete_database_and_let_the_worker_follow(admin_client, app)
    assert smtp.messages[0]["Subject"] == (
        "Terminé : Suppression de la base de données exampleblog.mysql.db"
    )
    assert "Cette opération est terminée." in smtp.body()
    assert f"Hébergement : Example shop (nom technique, pour le support : {GRANTED_SERVICE})" in (
        smtp.body()
    )


def test_a_plan_is_named_as_people_know_it_with_its_technical_name_at_the_foot(
    admin_client: FlaskClient, app: Flask, smtp: Inbox
) -> None:
    cron = {"script": "www/cron/backup.php", "language": "php8.2", "kind": "daily", "hour": "2"}
    extra = {"weekday": "1", "raw": "", "description": "", "email": "no", "enabled": "y"}
    answer = submit(admin_client, f"/hosting/{GRANTED_SERVICE}/cron/new", **cron, **extra)
    assert answer.status_code == 302
    with app.app_context():
        task_id = db.session.scalar(
            select(AuditEntry.task_id).where(AuditEntry.action.like("cron.%"))
        )
        assert task_id is not None
        jobs.follow_task(GRANTED_SERVICE, int(task_id))
    [message] = smtp.messages
    assert message["Subject"] == "Done: Adding a scheduled job on Example shop"
    assert GRANTED_SERVICE not in message["Subject"]
    last_line = smtp.body().splitlines()[-1]
    assert last_line == f"Plan: Example shop (technical name, for support: {GRANTED_SERVICE})"


def test_a_plan_without_a_display_name_is_named_technically(app: Flask, users: Any) -> None:
    from app.notify import messages

    user_id = users.make("reader@example.com")
    values = {"id": 7, "service_name": OTHER_SERVICE, "function": "cron/create", "status": "done"}
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user is not None
        values["plan"] = messages.plan_name(OTHER_SERVICE)  # read from OVH: it has none
        assert values["plan"] is None
        subject, body = messages.compose(user, "task", values)
    assert subject == "Done: Adding a scheduled job on example2.cluster02"
    assert body.endswith(f"Plan: {OTHER_SERVICE}\n")


def test_choosing_not_to_hear_on_the_profile_sends_nothing(
    admin_client: FlaskClient, app: Flask, smtp: Inbox
) -> None:
    page = admin_client.get(PREFERENCES, headers={"Accept-Language": "en"})
    assert "When an operation I started ends or fails" in page.get_data(as_text=True)
    answer = submit(admin_client, PREFERENCES, my_tasks=None, watch="y", by_email="y")
    assert answer.status_code == 302
    delete_database_and_let_the_worker_follow(admin_client, app)
    assert smtp.messages == []


def test_a_chat_destination_gets_the_message_and_is_never_shown_again(
    admin_client: FlaskClient, app: Flask, smtp: Inbox, webhook: Webhook
) -> None:
    answer = submit(
        admin_client, PREFERENCES, my_tasks="y", by_email=None, chat=webhook.url + "?token=s3cr3t"
    )
    assert answer.status_code == 302
    page = admin_client.get(PREFERENCES, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Chat destination set" in page
    assert "s3cr3t" not in page and webhook.url not in page
    with app.app_context():
        stored = db.session.scalars(select(NotificationSettings)).one()
        assert stored.chat_destination and "s3cr3t" not in stored.chat_destination
    delete_database_and_let_the_worker_follow(admin_client, app)
    assert smtp.messages == []  # email switched off
    [posted] = webhook.received
    assert posted["title"] == "Done: Deleting the database exampleblog.mysql.db"
    assert "/tasks/" in posted["message"]


def test_an_unknown_chat_destination_is_refused_beside_the_field(
    admin_client: FlaskClient,
) -> None:
    answer = submit(admin_client, PREFERENCES, my_tasks="y", chat="nonsense")
    assert answer.status_code == 200
    assert "This is not a destination the panel knows." in answer.get_data(as_text=True)


def test_watchers_of_a_plan_hear_only_of_plans_they_may_operate(
    client: FlaskClient, app: Flask, users: Any, auth: Any, smtp: Inbox
) -> None:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    viewer = users.make("viewer@example.com", grants={GRANTED_SERVICE: "view"})
    operator = users.make("operator@example.com", grants={GRANTED_SERVICE: "operate"})
    with app.app_context():
        for user_id in (viewer, operator):
            db.session.add(NotificationSettings(user_id=user_id, plan_tasks=True))
        db.session.commit()
    assert auth.sign_in("admin@example.com", TEST_PASSWORDS["admin"]).status_code == 302
    delete_database_and_let_the_worker_follow(client, app)
    assert sorted(str(message["To"]) for message in smtp.messages) == [
        "admin@example.com",
        "operator@example.com",
    ]
