"""The panel's jobs. Each is idempotent (a worker may stop midway and another run it again) and
retried with backoff by :func:`app.queue.job`; their retry policies are in the README.

- :func:`follow_task`: follows a task the panel started until it ends, whoever watches; its end
  reaches the audit trail, HTTPS completion and the notifications (``following.task_ended``).
- :func:`refresh_answer`: a kept answer refreshed at background priority (``kept.py``).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from app.extensions import ovh_api
from app.queue import NotYet, job
from app.services import kept, tasks
from app.services.budget import BACKGROUND, in_background
from app.services.errors import PanelError, RateLimited

log = logging.getLogger(__name__)

FIRST_LOOK = 3.0  # seconds after a task starts before its first read
GIVE_UP_AFTER = timedelta(days=3)  # OVH tasks that never end are left to the Tasks pages


def poll_delay(started: datetime | None) -> float:
    """Look often at a task that just started, then less and less: 5 s in its first minute,
    30 s in its first hour, 5 minutes after that."""
    if started is None:
        return 30.0
    age = datetime.now(UTC) - started.astimezone(UTC)
    if age < timedelta(minutes=1):
        return 5.0
    return 30.0 if age < timedelta(hours=1) else 300.0


def follow_later(service_name: str, task_id: int) -> None:
    """Follow this task from now on (called when OVH accepted a change)."""
    follow_task.schedule((service_name, task_id), delay=FIRST_LOOK)


@job(retries=8, delay=15.0, backoff=2.0)
def follow_task(service_name: str, task_id: int) -> None:
    """Read the task once; while it runs, look again later (not counted as a failure); when it
    has ended, hand it to ``task_ended``, whose claim makes a second run do nothing."""
    from app.tasks.following import task_ended

    gateway = ovh_api.gateway
    try:
        with in_background():
            task = tasks.get_task(gateway, service_name, task_id)
    except RateLimited:
        raise NotYet(budget_wait()) from None
    if not task.final:
        if task.started and datetime.now(UTC) - task.started.astimezone(UTC) > GIVE_UP_AFTER:
            log.warning(
                "Task %s of %s still running after 3 days: no longer followed",
                task_id,
                service_name,
            )
            return
        raise NotYet(poll_delay(task.started))
    task_ended(gateway, task)


def budget_wait() -> float:
    budget = ovh_api.gateway.budget
    wait = budget.wait_seconds(BACKGROUND) if budget is not None else 0.0
    return min(max(wait, 5.0), 60.0)


@job(retries=3, delay=30.0, backoff=2.0)
def refresh_answer(scope: str, target: str, older_than: float | None) -> None:
    """Refresh one kept answer, only from the budget people leave unused: while there is no
    room, wait (without calling) and look again."""
    gateway = ovh_api.gateway
    budget = gateway.budget
    if budget is not None and budget.wait_seconds(BACKGROUND) > 0:
        raise NotYet(budget_wait())
    try:
        with in_background():
            kept.refresh_if_old(gateway, scope, target, older_than)
    except RateLimited:
        raise NotYet(budget_wait()) from None
    except PanelError as error:  # OVH said no: the page shows what it knows, as before
        log.info("Background refresh of %s failed: %s", target, error.detail or error.message)
