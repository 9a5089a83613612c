"""Queue jobs that notify: who hears of what, and one delivery job per person and channel (so a
refused chat message is retried without sending the email twice).

- :func:`announce_task_end`: a task the panel started ended; the person who started it (if they
  chose to hear of their tasks) and everyone who chose to hear of the plans they may operate.
- :func:`deliver`: compose in the reader's language, send; retried 5 times (30 s, 1, 2, 4, 8 min).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.access import Action, can
from app.extensions import db
from app.models import AuditEntry, User
from app.notify import channels, messages
from app.notify.models import NotificationSettings
from app.notify.settings import chat_destination, choices_of
from app.queue import job
from app.services.tasks import Task

EMAIL, CHAT = "email", "chat"


def task_ended(task: Task) -> None:
    """Called once per end (``following.task_ended`` holds the claim)."""
    announce_task_end(messages.task_values(task))


@job(retries=3, delay=10.0)
def announce_task_end(values: dict[str, Any]) -> None:
    service_name, task_id = values["service_name"], int(values["id"])
    # The plan as people know it, read once for every message of this end.
    values = {**values, "plan": messages.plan_name(service_name)}
    starter = db.session.scalar(
        select(AuditEntry.user_id)
        .where(AuditEntry.service_name == service_name, AuditEntry.task_id == task_id)
        .order_by(AuditEntry.id)
        .limit(1)
    )
    people: list[int] = []
    if starter is not None and choices_of(starter).my_tasks:
        people.append(int(starter))
    watchers = db.session.scalars(
        select(NotificationSettings.user_id).where(NotificationSettings.plan_tasks.is_(True))
    )
    people += [int(user_id) for user_id in watchers if user_id not in people]
    from app.approvals.requests import requesters_of_task

    # Who asked for it, when an administrator approved a request: they hear it is done.
    asked = requesters_of_task(service_name, task_id)
    people += [user_id for user_id in asked if user_id not in people]
    for user_id in people:
        user = db.session.get(User, user_id)
        # Only people who may still see the plan; watchers only for plans they may operate.
        level = Action.VIEW if user_id == starter or user_id in asked else Action.OPERATE
        if user is not None and user.active and can(user, service_name, level):
            send_to(user.id, "task", values)


def tell_admins(kind: str, values: dict[str, Any]) -> None:
    """Every active administrator, on the channels they chose."""
    admins = db.session.scalars(select(User.id).where(User.role == "admin", User.active.is_(True)))
    for user_id in list(admins):
        send_to(int(user_id), kind, values)


def send_to(user_id: int, kind: str, values: dict[str, Any]) -> None:
    """Queue one delivery per channel the person chose."""
    choices = choices_of(user_id)
    if choices.by_email:
        deliver(user_id, EMAIL, kind, values)
    if choices.has_chat:
        deliver(user_id, CHAT, kind, values)


@job(retries=5, delay=30.0, backoff=2.0)
def deliver(user_id: int, channel: str, kind: str, values: dict[str, Any]) -> None:
    user = db.session.get(User, user_id)
    if user is None or not user.active:
        return
    subject, body = messages.compose(user, kind, values)
    if channel == EMAIL:
        channels.send_email(user.email, subject, body)
        return
    url = chat_destination(user_id)
    if url:
        channels.send_chat(url, subject, body)
