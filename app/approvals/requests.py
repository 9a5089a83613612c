"""Asking, approving, declining and expiring requests; each step audited and notified."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from app import audit
from app.actions import Started
from app.approvals.models import APPROVED, DECLINED, EXPIRED, FAILED, WAITING, ApprovalRequest
from app.approvals.registry import APPROVABLE, Stale
from app.extensions import db
from app.models import User, utcnow
from app.services.errors import PanelError

LIFETIME = timedelta(days=7)


def create(
    user: User, action: str, service_name: str, target: str, values: dict[str, Any], reason: str
) -> ApprovalRequest:
    now = utcnow()
    request = ApprovalRequest(
        action=action,
        service_name=service_name,
        target=target[:255],
        values=audit.scrub(dict(values)),
        reason=reason,
        requested_by=user.id,
        requester_email=user.email,
        requested_at=now,
        expires_at=now + LIFETIME,
    )
    db.session.add(request)
    db.session.commit()
    audit.record_event(
        "approval.ask",
        service_name=service_name,
        target=target,
        parameters={"request": request.id, "action": action, **values},
    )
    from app.notify.jobs import tell_admins

    tell_admins("approval_asked", {"id": request.id})
    return request


def expire_due() -> int:
    """Mark waiting requests past their 7 days as expired; tell the people who asked."""
    due = list(
        db.session.scalars(
            select(ApprovalRequest).where(
                ApprovalRequest.state == WAITING, ApprovalRequest.expires_at < utcnow()
            )
        )
    )
    for request in due:
        if _settle(request, EXPIRED):
            audit.record_event(
                "approval.expire",
                service_name=request.service_name,
                target=request.target,
                parameters={"request": request.id},
            )
            _tell_requester(request)
    return len(due)


def visible_to(user: User) -> list[ApprovalRequest]:
    expire_due()
    query = select(ApprovalRequest).order_by(ApprovalRequest.requested_at.desc()).limit(100)
    if not user.is_admin:
        query = query.where(ApprovalRequest.requested_by == user.id)
    return list(db.session.scalars(query))


def get_for(user: User, request_id: int) -> ApprovalRequest | None:
    expire_due()
    request = db.session.get(ApprovalRequest, request_id)
    if request is None or not (user.is_admin or request.requested_by == user.id):
        return None
    return request


def approve(admin: User, request: ApprovalRequest) -> Started | None:
    """Claim the request, check it again against OVH and run it; None when it no longer holds
    (the request is then ``failed`` with the reason, and the person who asked is told)."""
    if not _settle(request, APPROVED, admin):
        return None
    try:
        started = APPROVABLE[request.action].run(request)
    except (Stale, PanelError) as error:
        db.session.rollback()
        request.state, request.error = FAILED, _words(error)
        db.session.commit()
        audit.record_event(
            "approval.approve",
            outcome="rejected",
            service_name=request.service_name,
            target=request.target,
            parameters={"request": request.id},
            error=request.error,
        )
        _tell_requester(request)
        return None
    request.task_id = started.task_id or _first_task(started.operation_id)
    db.session.commit()
    audit.record_event(
        "approval.approve",
        service_name=request.service_name,
        target=request.target,
        parameters={"request": request.id, "task_id": started.task_id},
    )
    _tell_requester(request)
    return started


def decline(admin: User, request: ApprovalRequest, reason: str) -> bool:
    if not _settle(request, DECLINED, admin, reason):
        return False
    audit.record_event(
        "approval.decline",
        service_name=request.service_name,
        target=request.target,
        parameters={"request": request.id, "reason": reason},
    )
    _tell_requester(request)
    return True


# How far back an ended task is looked for among operations in parts.
RECENT_OPERATIONS = 50


def _first_task(operation_id: int | None) -> int | None:
    """The task an operation in parts started first (sent in the approving request)."""
    from app.operations.models import Operation

    operation = db.session.get(Operation, operation_id) if operation_id else None
    return operation.task_id if operation is not None else None


def requesters_of_task(service_name: str, task_id: int) -> list[int]:
    """Who asked for what this task does. An approved action run in parts (a safety backup,
    then the change) is recorded by its first part's task, and its askers hear of the last
    part's end, not of the first's."""
    from app.operations.models import Operation

    tasks = {task_id}
    recent = db.session.scalars(
        select(Operation)
        .where(Operation.service_name == service_name)
        .order_by(Operation.id.desc())
        .limit(RECENT_OPERATIONS)
    )
    for operation in recent:
        parts = [int(step["task"]) for step in operation.steps if step.get("task")]
        if task_id in parts:
            if operation.steps[-1].get("task") != task_id:
                return []  # a first part: the change itself is still to come
            tasks.update(parts)
            break
    rows = db.session.scalars(
        select(ApprovalRequest.requested_by).where(
            ApprovalRequest.service_name == service_name, ApprovalRequest.task_id.in_(tasks)
        )
    )
    return [int(row) for row in rows if row is not None]


def _settle(
    request: ApprovalRequest, state: str, admin: User | None = None, reason: str | None = None
) -> bool:
    """Move a waiting request to ``state`` once: two administrators clicking at once cannot both
    run it (the conditional update is the claim)."""
    result = db.session.execute(
        update(ApprovalRequest)
        .where(ApprovalRequest.id == request.id, ApprovalRequest.state == WAITING)
        .values(
            state=state,
            decided_at=utcnow(),
            decline_reason=reason,
            decided_by_email=admin.email if admin else None,
        )
    )
    db.session.commit()
    db.session.refresh(request)
    return bool(getattr(result, "rowcount", 0))


def _tell_requester(request: ApprovalRequest) -> None:
    from app.notify.jobs import send_to

    if request.requested_by is not None:
        send_to(request.requested_by, "approval_decided", {"id": request.id})


def _words(error: Exception) -> str:
    if isinstance(error, PanelError):
        return str(error.detail or error.message)
    return str(error.args[0]) if error.args else type(error).__name__
