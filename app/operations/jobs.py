"""The queue job that moves an operation in parts on until it ends, whoever watches."""

from __future__ import annotations

import logging
from datetime import UTC, timedelta

from app.extensions import db
from app.models import utcnow
from app.operations import runner
from app.operations.models import Operation
from app.queue import NotYet, job
from app.queue.jobs import poll_delay

log = logging.getLogger(__name__)

GIVE_UP_AFTER = timedelta(days=3)  # an operation still running then is left to its page


@job(retries=8, delay=15.0, backoff=2.0)
def advance_operation(operation_id: int) -> None:
    """Move the operation on once; while it has not ended, look again later (soon while its
    part has just started, less often as it lasts, like ``follow_task``)."""
    operation = runner.advance(operation_id)
    if operation is None or operation.state != runner.RUNNING:
        return
    if utcnow() - operation.created_at > GIVE_UP_AFTER:
        log.warning("Operation %s still running after 3 days: no longer advanced", operation_id)
        return
    started = operation.step_started_at
    raise NotYet(poll_delay(started.replace(tzinfo=UTC) if started is not None else None))


def task_ended(service_name: str, task_id: int) -> None:
    """A task the panel followed has ended: if it is an operation's running part, the next part
    starts now rather than at the operation's next look."""
    found = db.session.execute(
        db.select(Operation.id).where(
            Operation.service_name == service_name,
            Operation.state == runner.RUNNING,
            Operation.task_id == task_id,
        )
    ).scalar_one_or_none()
    if found is not None:
        runner.advance(found)
