"""Tasks: the operations OVH runs for a write, followed until they end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.services.client import OvhGateway, path
from app.services.errors import NotFound
from app.services.units import parse_datetime

IN_PROGRESS = frozenset({"init", "todo", "doing"})
SUCCEEDED = "done"
# hosting.web.task.StatusEnum ends a task that did not succeed as ``cancelled``. OVH's own control
# panel also labels ``error`` and ``ovhError`` (and other OVH task enums have ``customerError``):
# should OVH ever send them, they are failures too.
FAILED = frozenset({"cancelled", "error", "ovhError", "customerError"})
FORGOTTEN = "forgotten"  # OVH no longer knows the task: old tasks are purged once finished.
# The tasks tab's filters, each a set of OVH statuses. They are applied to the list the panel
# reads anyway, never sent to OVH, so no value outside StatusEnum ever reaches it.
FILTERS: dict[str, frozenset[str]] = {
    "running": IN_PROGRESS,
    "done": frozenset({SUCCEEDED}),
    "failed": FAILED,
}


@dataclass(frozen=True)
class Task:
    id: int
    service_name: str
    function: str
    status: str
    object_type: str | None
    object_id: str | None
    started: datetime | None
    last_update: datetime | None
    done: datetime | None
    # ``hosting.web.task`` has no comment; other OVH task models do (``comment``): should OVH
    # ever send one, it is its own reason for a failure, shown as it is.
    comment: str | None = None

    @property
    def in_progress(self) -> bool:
        return self.status in IN_PROGRESS

    @property
    def succeeded(self) -> bool:
        return self.status == SUCCEEDED

    @property
    def failed(self) -> bool:
        return self.status in FAILED

    @property
    def forgotten(self) -> bool:
        return self.status == FORGOTTEN

    @property
    def final(self) -> bool:
        """Whether the task has ended; an unknown status is not taken for an end."""
        return self.succeeded or self.failed or self.forgotten


@dataclass(frozen=True)
class TaskPage:
    tasks: tuple[Task, ...]
    page: int
    pages: int
    total: int


def get_task(gateway: OvhGateway, service_name: str, task_id: int) -> Task:
    """One task, read fresh (never cached); a task OVH no longer knows counts as finished."""
    try:
        raw = gateway.get(path("/hosting/web", service_name, "tasks", task_id), cache=False)
    except NotFound:
        return forgotten_task(service_name, task_id)
    task = task_from_ovh(service_name, raw)
    if task.final:
        # The object it changed has settled: drop what the panel cached about that service.
        gateway.invalidate(service_name)
    return task


def list_tasks(
    gateway: OvhGateway,
    service_name: str,
    status: str | None = None,
    page: int = 1,
    per_page: int = 25,
) -> TaskPage:
    """The service's tasks: those in progress first, then newest first, a page at a time.

    ``status`` is one of :data:`FILTERS` (``running``, ``done``, ``failed``) or None for all.
    """
    raw_tasks = gateway.get_objects(path("/hosting/web", service_name, "tasks"), scope=service_name)
    wanted = FILTERS.get(status or "")
    tasks = sorted(
        (
            task
            for task in (task_from_ovh(service_name, raw) for raw in raw_tasks)
            if wanted is None or task.status in wanted
        ),
        key=lambda task: (
            not task.in_progress,
            -(task.started.timestamp() if task.started else 0),
            -task.id,
        ),
    )
    pages = max(1, -(-len(tasks) // per_page))
    page = min(max(1, page), pages)
    window = tuple(tasks[(page - 1) * per_page : page * per_page])
    return TaskPage(tasks=window, page=page, pages=pages, total=len(tasks))


def forgotten_task(service_name: str, task_id: int) -> Task:
    return Task(
        id=task_id,
        service_name=service_name,
        function="",
        status=FORGOTTEN,
        object_type=None,
        object_id=None,
        started=None,
        last_update=None,
        done=None,
    )


def task_from_ovh(service_name: str, raw: dict[str, Any]) -> Task:
    return Task(
        id=int(raw["id"]),
        service_name=service_name,
        function=str(raw.get("function") or ""),
        status=str(raw.get("status") or "unknown"),
        object_type=raw.get("objectType"),
        object_id=None if raw.get("objectId") is None else str(raw["objectId"]),
        started=parse_datetime(raw.get("startDate")),
        last_update=parse_datetime(raw.get("lastUpdate")),
        done=parse_datetime(raw.get("doneDate")),
        comment=(str(raw.get("comment") or "").strip() or None),
    )
