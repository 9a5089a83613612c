"""Moving an operation in parts on: :func:`advance` reads the running part's task and, once it has
ended well, starts the next part; a part that fails stops the operation there.

Called by the queue job :func:`app.operations.jobs.advance_operation` (so an operation ends with
nobody watching), by its page's 2-second updates, and when ``follow_task`` sees the part's task
end. A part is claimed with a conditional update before anything is sent, so two runners never
start it twice. Each part is audited as its own action, in the name of who asked for it.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import update

from app.audit import audited
from app.extensions import db, ovh_api
from app.launch.sealed import unseal
from app.models import User, utcnow
from app.operations import parts
from app.operations.models import Operation
from app.services import tasks
from app.services.backups import COPY_RUNNING, Copy, read_copy
from app.services.errors import PanelError
from app.tasks.following import record_end

log = logging.getLogger(__name__)

RUNNING, DONE, FAILED = "running", "done", "failed"
WAITING, STARTING = "waiting", "starting"


def advance(operation_id: int) -> Operation | None:
    """Move the operation on as far as OVH allows now; returns it (None if it is gone)."""
    operation = db.session.get(Operation, operation_id)
    while operation is not None and operation.state == RUNNING:
        if operation.step_state == RUNNING:
            if not _follow(operation):
                break
        elif operation.step_state == WAITING and _claim(operation):
            _start(operation)
            if operation.state == RUNNING and operation.step_state == STARTING:
                # OVH named nothing to wait for: the part has ended
                _next(operation, (operation.position, STARTING))
        else:
            break  # another runner is starting this part
    return operation


def _claim(operation: Operation) -> bool:
    claimed = db.session.execute(
        update(Operation)
        .where(
            Operation.id == operation.id,
            Operation.state == RUNNING,
            Operation.position == operation.position,
            Operation.step_state == WAITING,
        )
        .values(step_state=STARTING, step_started_at=utcnow(), updated_at=utcnow())
    )
    db.session.commit()
    db.session.refresh(operation)
    return bool(getattr(claimed, "rowcount", 0))


def _start(operation: Operation) -> None:
    step, seen = operation.steps[operation.position], (operation.position, STARTING)
    secrets = unseal(operation.sealed, parts.PURPOSE, ttl=parts.SEALED_SECONDS)
    if step["kind"] == parts.SSL_IMPORT:
        operation.sealed = None  # used now, whatever OVH answers
        db.session.commit()
    owner = db.session.get(User, operation.user_id) if operation.user_id else None
    try:
        action, parameters, send = parts.call(operation, step, secrets)
    except parts.Gone:
        _fail(operation, seen, "secrets")
        return
    try:
        with audited(
            action,
            service_name=operation.service_name,
            target=step["target"],
            parameters=parameters,
            user=owner,
        ) as entry:
            started = send(ovh_api.gateway, operation.service_name)
            task_id = started.id if isinstance(started, tasks.Task) else None
            task_id = started if isinstance(started, int) else task_id
            entry.accepted(task_id=task_id)
    except PanelError as error:
        _fail(operation, seen, str(error.detail or error.message), error.query_id)
        return
    except Exception as error:
        log.warning("Operation %s: part %s failed to start", operation.id, step["kind"])
        _fail(operation, seen, type(error).__name__)
        return
    if isinstance(started, Copy):  # a copy has no task: its own status is followed
        operation.values = {**operation.values, "copy_id": started.id}
    if task_id is not None or isinstance(started, Copy):  # this runner holds the claim
        operation.steps = _steps(operation, seen, task=task_id, state=RUNNING)
        operation.step_state, operation.task_id = RUNNING, task_id
        _save(operation)


def _follow(operation: Operation) -> bool:
    """Whether the running part has ended (well: the next is waiting; badly: the operation)."""
    step, seen = operation.steps[operation.position], (operation.position, operation.step_state)
    gateway, service_name = ovh_api.gateway, operation.service_name
    if step["kind"] == parts.COPY:
        copy = read_copy(gateway, service_name, step["target"], operation.values["copy_id"])
        if copy.status in COPY_RUNNING:
            return False
        ended_well, reason = copy.ready, copy.status
    else:
        task = tasks.get_task(gateway, service_name, int(operation.task_id or 0))
        if not task.final:
            return False
        record_end(gateway, task)  # its audit entry, notifications: once, whoever sees it
        ended_well, reason = task.succeeded or task.forgotten, task.comment or task.status
    if ended_well:
        _next(operation, seen)
    else:
        _fail(operation, seen, reason)
    return True


# Where a runner saw the operation (its position and the part's state) before it called OVH: the
# commits since (the audit trail's) reload the row, so what it changes is checked against this.
Seen = tuple[int, str]


def _next(operation: Operation, seen: Seen) -> None:
    """The part has ended well: the next one waits to be claimed (or the operation is done)."""
    position = seen[0] + 1
    values: dict[str, Any] = {"position": position, "step_state": WAITING, "task_id": None}
    values |= {"step_started_at": None, "steps": _steps(operation, seen, state=DONE)}
    if position >= len(operation.steps):
        values |= {"state": DONE, "sealed": None}
    _move(operation, seen, values)


def _fail(operation: Operation, seen: Seen, error: str, query_id: str | None = None) -> None:
    steps = _steps(operation, seen, state=FAILED, error=error, query_id=query_id)
    _move(operation, seen, {"state": FAILED, "sealed": None, "task_id": None, "steps": steps})


def _steps(operation: Operation, seen: Seen, **changes: Any) -> list[dict[str, Any]]:
    steps = [dict(s) for s in operation.steps]
    steps[seen[0]] = {**steps[seen[0]], **changes}
    return steps


def _move(operation: Operation, seen: Seen, values: dict[str, Any]) -> None:
    """From where this runner saw the operation to ``values``, as a conditional update: a
    runner that saw the same end later changes nothing (and so starts nothing twice)."""
    db.session.commit()  # what this runner changed before (the used seal)
    db.session.execute(
        update(Operation)
        .where(
            Operation.id == operation.id,
            Operation.state == RUNNING,
            Operation.position == seen[0],
            Operation.step_state == seen[1],
        )
        .values(updated_at=utcnow(), **values)
    )
    db.session.commit()
    db.session.refresh(operation)


def _save(operation: Operation) -> None:
    operation.updated_at = utcnow()
    db.session.commit()
