"""Tasks through the service layer: reading, ending, forgetting, listing."""

from __future__ import annotations

from typing import Any

import pytest

from app.services import domains, tasks
from app.services.client import OvhGateway, path

SERVICE = "example.cluster01.hosting.ovh.net"
SETTINGS = domains.DomainSettings("www", True, False, False, None, None)


def test_a_task_ends_cancelled_on_the_sandbox_trigger(gateway: OvhGateway) -> None:
    task = domains.attach_domain(gateway, SERVICE, "cancel-me.example.org", SETTINGS)
    seen = tasks.get_task(gateway, SERVICE, task.id)
    assert seen.status == "cancelled"
    assert seen.failed and seen.final and not seen.succeeded


def test_a_failed_task_ends_as_ovh_ends_it(gateway: OvhGateway) -> None:
    task = domains.attach_domain(gateway, SERVICE, "fail-me.example.org", SETTINGS)
    seen = tasks.get_task(gateway, SERVICE, task.id)
    assert seen.status == "cancelled"
    assert seen.failed and seen.final and not seen.succeeded


@pytest.mark.parametrize("status", ["error", "ovhError", "customerError"])
def test_a_failure_status_outside_the_enum_is_a_failure_too(status: str) -> None:
    """The other possibility (UNCONFIRMED table): OVH's control panel labels these."""
    task = tasks.task_from_ovh(SERVICE, {"id": 1, "status": status, "function": "x/y"})
    assert task.failed and task.final and not task.succeeded


def test_a_task_ovh_no_longer_knows_counts_as_finished(gateway: OvhGateway) -> None:
    forgotten = tasks.get_task(gateway, SERVICE, 987654321)
    assert forgotten.forgotten and forgotten.final and not forgotten.succeeded


def test_an_unknown_status_is_never_final() -> None:
    task = tasks.task_from_ovh(SERVICE, {"id": 1, "status": "paused", "function": "x/y"})
    assert not task.final and not task.succeeded and not task.failed


def test_a_task_that_ends_drops_the_services_cached_answers(
    gateway: OvhGateway, sandbox: Any
) -> None:
    target = path("/hosting/web", SERVICE, "attachedDomain")
    gateway.get_objects(target, scope=SERVICE)
    task = domains.attach_domain(gateway, SERVICE, "late.example.org", SETTINGS)
    gateway.get_objects(target, scope=SERVICE)  # cached while the task runs
    tasks.get_task(gateway, SERVICE, task.id)
    names = {item["domain"] for item in gateway.get_objects(target, scope=SERVICE)}
    assert "late.example.org" in names
    statuses = {
        item["domain"]: item["status"] for item in gateway.get_objects(target, scope=SERVICE)
    }
    assert statuses["late.example.org"] == "created"


def test_the_list_puts_running_tasks_first_then_newest(gateway: OvhGateway) -> None:
    domains.attach_domain(gateway, SERVICE, "new.example.org", SETTINGS)
    page = tasks.list_tasks(gateway, SERVICE, per_page=5)
    assert page.total >= 10 and page.pages >= 2 and len(page.tasks) == 5
    starts = [task.started for task in page.tasks if not task.in_progress and task.started]
    assert starts == sorted(starts, reverse=True)


def test_the_failed_filter_is_applied_by_the_panel(gateway: OvhGateway) -> None:
    page = tasks.list_tasks(gateway, SERVICE, status="failed")
    assert page.total == 1
    assert page.tasks[0].status == "cancelled"
    assert page.tasks[0].object_id is not None and page.tasks[0].object_id.isdigit()
