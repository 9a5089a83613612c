"""What the panel does with the tasks it reads: loading them for the Tasks pages, where a task's
object lives, what a failure means, and recording its end in the audit trail."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l

from app import audit
from app.extensions import ovh_api
from app.loaders import with_service
from app.services import domains, tasks
from app.services.tasks import Task
from app.tasks.names import remember_running, remember_targets, subject_of

# Where the object a task worked on is shown, by OVH's objectType (or the function's prefix).
OBJECT_PAGES = {
    "attacheddomain": "domains.index",
    "hostedssl": "ssl.index",
    "database": "databases.index",
    "sqlperso": "databases.index",
}

FAILURE_ADVICE: dict[str, Any] = {
    # OVH ends a failed operation as "cancelled": it may have stopped it or given up on it.
    "cancelled": _l(
        "OVH did not complete this operation: it stopped it or could not carry it out. This "
        "usually means the request conflicted with another operation or with the plan's limits. "
        "Check the item, then try again; if it fails again, contact your administrator with the "
        "reference below."
    ),
}
# Statuses outside OVH's task.StatusEnum that its control panel still knows how to show.
OTHER_FAILURE = _l(
    "OVH could not complete this operation. Part of it may have been applied. Check the item "
    "before trying again; if the problem persists, contact your administrator with the "
    "reference below."
)


def index_page(service_name: str, status: str | None, page_number: int) -> dict[str, Any]:
    """A page of tasks, each named. OVH names an attached domain's task by number only: the
    panel's own history of the change names it; a running one started elsewhere is named by the
    domain showing its taskId, which costs one more read, made only when such a task is shown."""
    read = partial(tasks.list_tasks, status=status, page=page_number)
    service, page = with_service(service_name, read)
    remember_targets(service_name, [task.id for task in page.tasks])
    if any(task.in_progress and subject_of(task) is None for task in page.tasks):
        attached = domains.list_domains(ovh_api.gateway, service_name)
        running = {domain.task_id: domain.domain for domain in attached if domain.task_id}
        remember_running(service_name, running)
    return {"service": service, "page": page, "status": status}


def followed(service_name: str, task_ids: list[int]) -> list[tasks.Task]:
    """The tasks, read fresh and together, in the order asked."""
    gateway = ovh_api.gateway
    found = gateway.map(lambda one: tasks.get_task(gateway, service_name, one), task_ids)
    for task in found:
        record_final_status(task)
    return found


def object_page(task: Task) -> str | None:
    """The page showing what the task changed, when the panel has one."""
    key = task.object_type or task.function.split("/", 1)[0]
    endpoint = OBJECT_PAGES.get(key.lower())
    if endpoint is None or endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, service_name=task.service_name)


def failure_advice(task: Task) -> Any:
    if not task.failed:
        return None
    return FAILURE_ADVICE.get(task.status, OTHER_FAILURE)


def record_final_status(task: Task) -> None:
    """The first time the panel sees a task ended, its audit entry learns how it ended."""
    if task.final:
        audit.record_task_status(task.service_name, task.id, task.status)
