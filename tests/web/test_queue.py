"""The task queue in the tests' immediate mode: following a task to its end with no page open,
retries that do not count a running task as a failure, and a job that keeps failing recorded for
administrators."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from app import audit, queue
from app.extensions import db, ovh_api
from app.models import AuditEntry
from app.queue import jobs
from app.queue.failures import open_failures
from app.queue.models import JobFailure
from app.services import databases
from tests.support.panel_data import GRANTED_SERVICE
from tests.support.sandbox import SandboxControl


def start_delete(name: str = "exampleblog.mysql.db") -> int:
    with audit.audited("database.delete", service_name=GRANTED_SERVICE, target=name) as entry:
        task = databases.delete_database(ovh_api.gateway, GRANTED_SERVICE, name)
        entry.accepted(task_id=task.id)
    return task.id


def test_a_started_task_is_followed_to_its_end_by_a_job(
    app: Flask, sandbox: SandboxControl
) -> None:
    sandbox.reset()
    with app.app_context():
        task_id = start_delete()
        # Queued for a first look a few seconds later: nothing ran yet.
        assert queue.huey.scheduled_count() >= 1
        status = select(AuditEntry.task_status).where(AuditEntry.task_id == task_id)
        assert db.session.scalar(status) is None
        jobs.follow_task(GRANTED_SERVICE, task_id)  # what the worker runs
        assert db.session.scalar(status) == "done"
        jobs.follow_task(GRANTED_SERVICE, task_id)  # again: idempotent
        assert db.session.scalar(status) == "done"


@pytest.mark.slow_tasks
def test_a_running_task_is_looked_at_again_later_not_counted_as_a_failure(
    app: Flask, sandbox: SandboxControl
) -> None:
    sandbox.reset()
    with app.app_context():
        task_id = start_delete()
        before = queue.huey.scheduled_count()
        jobs.follow_task(GRANTED_SERVICE, task_id)
        assert queue.huey.scheduled_count() == before + 1  # looked at, then again in 5 s
        assert open_failures() == []


def test_poll_delay_grows_with_the_tasks_age() -> None:
    from datetime import UTC, datetime, timedelta

    now = datetime.now(UTC)
    assert jobs.poll_delay(now) == 5.0
    assert jobs.poll_delay(now - timedelta(minutes=5)) == 30.0
    assert jobs.poll_delay(now - timedelta(hours=2)) == 300.0


@queue.job(retries=0)
def always_fails(service_name: str) -> None:
    raise RuntimeError("OVH said no")


def test_a_job_that_keeps_failing_is_recorded_once_and_counted(app: Flask) -> None:
    with app.app_context():
        always_fails(GRANTED_SERVICE)
        always_fails(GRANTED_SERVICE)
        [failure] = open_failures()
        assert failure.job.endswith("test_queue.always_fails")
        assert failure.times == 2
        assert "RuntimeError: OVH said no" in failure.error
        assert GRANTED_SERVICE in failure.arguments
        assert db.session.scalars(select(JobFailure)).all() == [failure]


def test_healthz_says_how_jobs_run(client: object) -> None:
    from flask.testing import FlaskClient

    assert isinstance(client, FlaskClient)
    health = client.get("/healthz").get_json()
    assert health == {"status": "ok", "queue": "immediate", "workers": 0, "workers_alive": True}
