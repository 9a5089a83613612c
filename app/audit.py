"""The audit trail: every change made through the panel, written before it happens.

Every OVH change runs inside :func:`audited` (``app.actions.change`` does it for the actions)::

    with audited("domain.attach", service_name=sn, target=domain, parameters=params) as entry:
        task = domains.attach_domain(gateway, sn, domain, settings)
        entry.accepted(task_id=task.id)

The ``submitted`` entry is committed before the OVH call, so a crash or a dropped connection still
leaves a trace; the outcome is filled in afterwards (``accepted``, ``rejected`` or ``failed``) and
the error re-raised. Task pages call :func:`record_task_status` when they read a task's status.
Sign-ins, user and grant changes go through :func:`record_event`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from flask import g, has_request_context
from flask_login import current_user
from sqlalchemy import select, update

from app.extensions import db
from app.models import AuditEntry, User
from app.services.errors import Conflict, InvalidInput, NotAuthorized, NotFound, PanelError

REMOVED = "[removed]"
# Errors where OVH looked at the request and said no; the rest mean it may not have been heard.
REJECTIONS = (InvalidInput, Conflict, NotAuthorized, NotFound)
SECRET_WORDS = ("password", "secret", "token", "privatekey")
SECRET_NAMES = frozenset({"key", "consumerkey", "applicationkey", "csrftoken"})


def scrub(value: Any) -> Any:
    """``value`` with every secret-looking entry replaced by ``[removed]``, at any depth."""
    if isinstance(value, Mapping):
        return {
            str(key): REMOVED if _is_secret(str(key)) else scrub(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [scrub(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _is_secret(name: str) -> bool:
    normal = name.lower().replace("_", "").replace("-", "")
    return normal in SECRET_NAMES or any(word in normal for word in SECRET_WORDS)


class AuditRecorder:
    """What the code inside :func:`audited` uses to report how OVH answered."""

    def __init__(self, entry: AuditEntry) -> None:
        self.entry = entry

    def accepted(self, task_id: int | None = None, query_id: str | None = None) -> None:
        self.entry.outcome = "accepted"
        self.entry.task_id = task_id
        self.entry.query_id = query_id


@contextmanager
def audited(
    action: str,
    *,
    service_name: str | None = None,
    target: str | None = None,
    parameters: Mapping[str, Any] | None = None,
    user: User | None = None,
) -> Iterator[AuditRecorder]:
    """Record ``action`` as submitted now, and its outcome when the block ends."""
    entry = _new_entry(action, service_name, target, parameters, user, outcome="submitted")
    db.session.add(entry)
    db.session.commit()
    recorder = AuditRecorder(entry)
    try:
        yield recorder
    except Exception as error:
        db.session.rollback()
        rejected = isinstance(error, REJECTIONS)
        if not rejected and has_request_context():
            # OVH may have carried out the change before the answer was lost: the error page
            # says so and points to the service's tasks instead of "nothing was changed".
            g.uncertain_write = service_name or ""
        entry.outcome = "rejected" if rejected else "failed"
        if isinstance(error, PanelError):
            entry.query_id = error.query_id
            entry.error = str(error.detail or error.message)
        else:
            entry.error = type(error).__name__
        db.session.commit()
        raise
    if entry.outcome == "submitted":
        entry.outcome = "accepted"
    db.session.commit()
    if entry.task_id is not None and entry.service_name:
        # Followed by the task queue until it ends, whether or not anyone keeps its page open.
        from app.queue.jobs import follow_later

        follow_later(entry.service_name, entry.task_id)


def record_event(
    action: str,
    *,
    outcome: str = "accepted",
    target: str | None = None,
    parameters: Mapping[str, Any] | None = None,
    user: User | None = None,
    service_name: str | None = None,
    error: str | None = None,
) -> None:
    """Record something the panel did by itself (sign-ins, users, grants), and commit."""
    entry = _new_entry(action, service_name, target, parameters, user, outcome=outcome)
    entry.error = error
    db.session.add(entry)
    db.session.commit()


def targets_of_tasks(service_name: str, task_ids: Iterable[int]) -> dict[int, str]:
    """What the panel's own entries say each task worked on (a domain, a database…)."""
    ids = list(task_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(AuditEntry.task_id, AuditEntry.target).where(
            AuditEntry.service_name == service_name,
            AuditEntry.task_id.in_(ids),
            AuditEntry.target.is_not(None),
        )
    )
    return {int(task_id): str(target) for task_id, target in rows if task_id is not None}


def record_task_status(service_name: str, task_id: int, status: str) -> bool:
    """Note the latest status of an OVH task on the entries that started it.

    True for the one caller that changed it: the database's row lock (SQLite's write lock) makes
    the conditional update a claim, so what follows an end is done once however many see it."""
    result = db.session.execute(
        update(AuditEntry)
        .where(
            AuditEntry.service_name == service_name,
            AuditEntry.task_id == task_id,
            AuditEntry.task_status.is_distinct_from(status),
        )
        .values(task_status=status)
    )
    db.session.commit()
    return bool(getattr(result, "rowcount", 0))


def unrecorded_ends(service_name: str, task_ids: Iterable[int]) -> set[int]:
    """Which of these tasks the panel started and has not yet seen end (one query)."""
    ids = list(task_ids)
    if not ids:
        return set()
    rows = db.session.execute(
        select(AuditEntry.task_id).where(
            AuditEntry.service_name == service_name,
            AuditEntry.task_id.in_(ids),
            AuditEntry.task_status.is_(None),
        )
    )
    return {int(task_id) for (task_id,) in rows if task_id is not None}


def entry_for_task(service_name: str, task_id: int) -> AuditEntry | None:
    """The panel's entry that started this OVH task, if the panel started it."""
    return db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.service_name == service_name, AuditEntry.task_id == task_id)
        .order_by(AuditEntry.id)
        .limit(1)
    ).first()


def _new_entry(
    action: str,
    service_name: str | None,
    target: str | None,
    parameters: Mapping[str, Any] | None,
    user: User | None,
    outcome: str,
) -> AuditEntry:
    actor = user if user is not None else _current_user()
    return AuditEntry(
        user_id=actor.id if actor else None,
        user_email=actor.email if actor else None,
        service_name=service_name,
        action=action,
        target=target[:255] if target else None,
        parameters=scrub(dict(parameters or {})),
        outcome=outcome,
    )


def _current_user() -> User | None:
    if has_request_context() and current_user.is_authenticated:
        return current_user._get_current_object()
    return None


def imported_certificate_ends(service_names: Iterable[str]) -> dict[str, datetime]:
    """When the certificate last installed through the panel on each plan ends (UTC), read from
    the certificate itself at import: OVH's hosted SSL gives no end date. A plan whose last import
    failed, or that never had one through the panel, is left out (its end is not known)."""
    names = list(service_names)
    if not names:
        return {}
    entries = db.session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.service_name.in_(names),
            AuditEntry.action == "ssl.import",
            AuditEntry.outcome == "accepted",
        )
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    )
    ends: dict[str, datetime] = {}
    seen: set[str] = set()
    for entry in entries:
        if entry.service_name is None or entry.service_name in seen:
            continue
        seen.add(entry.service_name)
        not_after = (entry.parameters or {}).get("not_after")
        if not_after and entry.task_status in (None, "done"):
            end = datetime.fromisoformat(str(not_after))
            ends[entry.service_name] = end if end.tzinfo else end.replace(tzinfo=UTC)
    return ends
