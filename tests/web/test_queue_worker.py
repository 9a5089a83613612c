"""A real worker process (``flask queue worker``) on Redis follows a task the panel started to its
end, runs a launch's steps and an operation's parts (a safety backup, then a restore) to the end
while no page is open, says it is alive on
``/healthz``, and stops cleanly on Ctrl-C. Runs in ``.ci/run``'s PostgreSQL/Redis pass (the
SQLite pass has no Redis)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from sqlalchemy import select

from app import audit
from app.extensions import db, ovh_api
from app.launch import plans
from app.launch.jobs import advance_launch
from app.models import AuditEntry, LaunchPlan, LaunchStep
from app.operations import parts
from app.operations.jobs import advance_operation
from app.operations.models import Operation
from app.services import backups, databases
from tests.support.panel import dispose, make_app
from tests.support.panel_data import GRANTED_SERVICE
from tests.support.sandbox import SandboxControl

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: the Redis pass runs this"
)


def test_a_worker_process_follows_a_task_to_its_end_with_nobody_watching(
    app: object, sandbox: SandboxControl, database_url: str
) -> None:
    sandbox.reset()
    name = f"panel-test-{uuid.uuid4().hex}"
    redis_url = os.environ["REDIS_URL"]
    env = {
        **os.environ,
        "FLASK_APP": "app:create_app",
        "DATABASE_URL": database_url,
        "QUEUE_NAME": name,
        "OVH_SANDBOX_URL": sandbox.api_url,
        "SECRET_KEY": "test-secret-key",
        "OVH_CALLS_PER_MINUTE": "100000",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "queue", "worker", "--threads", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    queued = make_app(
        sandbox.api_url, database_url, QUEUE_IMMEDIATE=False, QUEUE_NAME=name, REDIS_URL=redis_url
    )
    try:
        with queued.app_context():
            with audit.audited(
                "database.delete", service_name=GRANTED_SERVICE, target="exampleblog.mysql.db"
            ) as entry:
                task = databases.delete_database(
                    ovh_api.gateway, GRANTED_SERVICE, "exampleblog.mysql.db"
                )
                entry.accepted(task_id=task.id)
            status = None
            deadline = time.monotonic() + 40
            while status is None and time.monotonic() < deadline:
                time.sleep(0.5)
                db.session.expire_all()
                status = db.session.scalar(
                    select(AuditEntry.task_status).where(AuditEntry.task_id == task.id)
                )
            launched = launch_with_nobody_watching()
            restored = restore_with_nobody_watching()
            health = queued.test_client().get("/healthz").get_json()
        assert status == "done", "the worker did not record the task's end"
        assert launched == ["done", "done"], "the worker did not run the launch to its end"
        assert restored == ["done", "done"], "the worker did not run the operation to its end"
        assert health["queue"] == "redis"
        assert health["workers"] >= 1 and health["workers_alive"] is True
    finally:
        worker.send_signal(signal.SIGINT)
        output, _ = worker.communicate(timeout=30)
    try:
        assert worker.returncode == 0, output
        assert "on redis" in output and "stopped" in output
        # A worker that stopped cleanly is no longer counted.
        assert queued.test_client().get("/healthz").get_json()["workers"] == 0
    finally:
        dispose(queued)


def launch_with_nobody_watching() -> list[str]:
    """A started launch (attach the domain, then HTTPS) queued to the worker, as the start
    button does, then waited for from here: its steps' states once it ended."""
    domain = f"worker-{uuid.uuid4().hex[:8]}.example.org"
    choices = {"www": False, "ssl": True, "auto_dns": True, "content": plans.NOTHING}
    plan = LaunchPlan(
        service_name=GRANTED_SERVICE, domain=domain, path=domain, choices=choices, state="running"
    )
    plan.steps = [
        LaunchStep(position=index, kind=step.kind, target=step.target, result={})
        for index, step in enumerate(plans.planned_steps(choices, domain))
    ]
    db.session.add(plan)
    db.session.commit()
    advance_launch(plan.id)
    deadline = time.monotonic() + 60
    while plan.state == "running" and time.monotonic() < deadline:
        time.sleep(0.5)
        db.session.expire_all()
    return [step.state for step in plan.steps]


def restore_with_nobody_watching() -> list[str]:
    """An operation in parts (a safety backup, then a restore) queued to the worker as a form
    queues it, then waited for from here: its parts' states once it ended."""
    shop = "example.mysql.db"
    backup = next(b for b in backups.list_backups(ovh_api.gateway, GRANTED_SERVICE, shop))
    steps = [parts.safety(shop), parts.part(parts.RESTORE, "database.restore", shop)]
    operation = Operation(
        service_name=GRANTED_SERVICE,
        kind="restore",
        target=shop,
        steps=steps,
        values={"dump_id": backup.id},
    )
    db.session.add(operation)
    db.session.commit()
    advance_operation(operation.id)
    deadline = time.monotonic() + 60
    while operation.state == "running" and time.monotonic() < deadline:
        time.sleep(0.5)
        db.session.expire_all()
    return [str(step.get("state")) for step in operation.steps]
