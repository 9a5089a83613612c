"""The launch's queue job: :func:`advance_launch` moves a plan on until it ends, whoever watches.

It is queued when a launch starts (and when a failed one is retried or undone). Each run calls
:func:`app.launch.runner.advance` once; while the plan is still running (or undoing) it asks the
queue to run it again later (:class:`app.queue.NotYet`, not counted as a failure): soon while a
step has just started, less often as it lasts, like ``follow_task``. The progress page's updates
call the same ``advance``; a step is claimed with a conditional update before anything is sent, so
the page and a worker never start a step twice.

Every hour, :func:`forget_launch_secrets` erases the passwords launches have kept longer than
``LAUNCH_SECRETS_HOURS`` and deletes drafts that old (reading them after that time already fails).
"""

from __future__ import annotations

import logging
from datetime import UTC, timedelta

from huey import crontab

from app.extensions import db
from app.launch import keeping, runner
from app.models import LaunchPlan, LaunchStep, utcnow
from app.queue import NotYet, huey, job
from app.queue.jobs import poll_delay

log = logging.getLogger(__name__)

GIVE_UP_AFTER = timedelta(days=3)  # a plan still running then is left to its page
ACTIVE = frozenset({runner.RUNNING, runner.UNDOING})


@job(retries=8, delay=15.0, backoff=2.0)
def advance_launch(plan_id: int) -> None:
    """Move the plan on once; while it has not ended, look again later."""
    plan = runner.advance(plan_id)
    if plan is None or plan.state not in ACTIVE:
        return
    if utcnow() - plan.created_at > GIVE_UP_AFTER:
        log.warning("Launch plan %s still running after 3 days: no longer advanced", plan_id)
        return
    raise NotYet(next_look(plan))


def next_look(plan: LaunchPlan) -> float:
    """How long to wait before the next look: by the age of the step under way."""
    current = next(
        (s for s in plan.steps if s.state in ("starting", "running", "undoing", "waiting")), None
    )
    started = current.started_at if current is not None else None
    if current is not None and current.state == "waiting" and started is not None:
        return runner.UNCHECKED_PAUSE.total_seconds()  # the HTTPS step's pause
    return poll_delay(started.replace(tzinfo=UTC) if started is not None else None)


def task_ended(service_name: str, task_id: int) -> None:
    """A task the panel followed has ended: if it is a launch step's (or an undo's), that plan
    moves on now rather than at its next look."""
    step = db.session.execute(
        db.select(LaunchStep)
        .join(LaunchPlan)
        .where(
            LaunchPlan.service_name == service_name,
            LaunchPlan.state.in_(ACTIVE),
            (LaunchStep.task_id == task_id) | (LaunchStep.undo_task_id == task_id),
        )
        .limit(1)
    ).scalar_one_or_none()
    if step is not None:
        runner.advance(step.plan_id)


@huey.periodic_task(crontab(minute=43), name="launch.forget")
def forget_hourly() -> None:
    forget_launch_secrets()


@job(retries=3, delay=60.0)
def forget_launch_secrets() -> None:
    erased, deleted = keeping.forget_expired()
    if erased or deleted:
        log.info("Launch plans: %d kept passwords erased, %d old drafts deleted", erased, deleted)
