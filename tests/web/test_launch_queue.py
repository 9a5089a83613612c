"""A launch runs to its end by the task queue, with no progress page open (the tests' queue runs
jobs at once; a job that must look again later waits in the schedule, run here as a worker would),
and a followed task that ends moves its launch on."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from app import queue
from app.extensions import db
from app.launch import runner
from app.launch.jobs import advance_launch, task_ended
from app.models import AuditEntry, LaunchPlan
from tests.support.forms import csrf_token, submit
from tests.support.panel_data import GRANTED_SERVICE
from tests.support.queue import run_scheduled

LAUNCH = f"/hosting/{GRANTED_SERVICE}/launch/"
EN = {"Accept-Language": "en"}


def start_launch(client: FlaskClient, domain: str, **fields: Any) -> str:
    values = {
        "domain": domain, "path": domain, "ssl": "y", "auto_dns": "y",
        "content": "application", "module": "1842", "language": "fr",
        "admin_name": "marie", "admin_password": "a long passphrase", **fields,
    }  # fmt: skip
    summary = submit(client, LAUNCH, **values)
    assert summary.status_code == 302
    html = client.get(summary.location, headers=EN).get_data(as_text=True)
    url = re.search(r'action="([^"]*/start)"', html)
    assert url
    started = client.post(url.group(1), data={"csrf_token": csrf_token(html)}, headers=EN)
    assert started.status_code == 302
    return str(summary.location)


def test_a_launch_finishes_with_no_page_open(app: Flask, admin_client: FlaskClient) -> None:
    start_launch(admin_client, "queued-shop.example.org")
    with app.app_context():
        plan = db.session.query(LaunchPlan).one()
        assert plan.state == runner.RUNNING  # the first step was started, then the job waits
        assert queue.huey.scheduled_count() >= 1
        assert run_scheduled() >= 3  # one look per step, as a worker would run them
        db.session.refresh(plan)
        assert plan.state == runner.DONE
        assert [s.state for s in plan.steps] == ["done"] * 4
        assert plan.sealed is None
        entry = db.session.query(AuditEntry).filter_by(action="site.launch").one()
        assert entry.task_status == "done"
        assert queue.huey.scheduled_count() == 0  # an ended plan is not looked at again
        advance_launch(plan.id)  # once more: nothing to do, nothing queued
        assert queue.huey.scheduled_count() == 0


def test_a_failed_launch_is_undone_by_the_queue(app: Flask, admin_client: FlaskClient) -> None:
    page = start_launch(admin_client, "broken.example.org", ssl=None, admin_name="adminfail")
    with app.app_context():
        run_scheduled()
        plan = db.session.query(LaunchPlan).one()
        assert plan.state == runner.FAILED
    html = admin_client.get(page, headers=EN).get_data(as_text=True)
    url = re.search(r'action="([^"]*/undo)"', html)
    assert url
    admin_client.post(url.group(1), data={"csrf_token": csrf_token(html)}, headers=EN)
    with app.app_context():
        run_scheduled()
        plan = db.session.query(LaunchPlan).one()
        assert plan.state == runner.UNDONE


def test_a_followed_task_that_ends_moves_its_launch_on(
    app: Flask, admin_client: FlaskClient
) -> None:
    start_launch(admin_client, "followed.example.org", ssl=None)
    with app.app_context():
        plan = db.session.query(LaunchPlan).one()
        [attach] = [s for s in plan.steps if s.state == runner.RUNNING]
        task_ended(GRANTED_SERVICE, int(attach.task_id or 0))  # what follow_task's end calls
        db.session.refresh(plan)
        assert [s.state for s in plan.steps][:2] == ["done", runner.RUNNING]
        task_ended(GRANTED_SERVICE, 987654321)  # a task no launch knows: nothing happens
        db.session.refresh(plan)
        assert [s.state for s in plan.steps][:2] == ["done", runner.RUNNING]
