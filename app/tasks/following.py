"""What the panel does with the tasks it reads: loading them for the Tasks pages, saying what each
does, where its object lives and what a failure means, and recording its end in the audit trail."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import current_app, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app import audit
from app.extensions import ovh_api
from app.labels import WORDS
from app.loaders import with_service
from app.services import tasks
from app.services.domain_names import display_name
from app.services.tasks import Task

# Where the object a task worked on is shown, by OVH's objectType (or the function's prefix).
OBJECT_PAGES = {
    "attacheddomain": "domains.index",
    "hostedssl": "ssl.index",
    "database": "databases.index",
    "sqlperso": "databases.index",
}

FAILURE_ADVICE: dict[str, Any] = {
    "cancelled": _l(
        "OVH cancelled this operation, so nothing was changed. This usually means the request "
        "conflicted with another operation or with the plan's limits. Check the item, then try "
        "again; if it is cancelled again, contact your administrator with the reference below."
    ),
    "error": _l(
        "OVH could not complete this operation. Part of it may have been applied. Check the item "
        "before trying again; if the problem persists, contact your administrator with the "
        "reference below."
    ),
}


def index_page(service_name: str, status: str | None, page_number: int) -> dict[str, Any]:
    read = partial(tasks.list_tasks, status=status, page=page_number)
    service, page = with_service(service_name, read)
    return {"service": service, "page": page, "status": status}


def followed(service_name: str, task_ids: list[int]) -> list[tasks.Task]:
    """The tasks, read fresh and together, in the order asked."""
    gateway = ovh_api.gateway
    found = gateway.map(lambda one: tasks.get_task(gateway, service_name, one), task_ids)
    for task in found:
        record_final_status(task)
    return found


def short_service_name(service_name: str) -> str:
    """``example.cluster01`` for ``example.cluster01.hosting.ovh.net``."""
    return service_name.removesuffix(".hosting.ovh.net")


def describe(task: Task) -> str:
    """What the task does, in the reader's language, or its raw function name as a last resort."""
    template = WORDS["task"].get(task.function)
    if template is None:
        return task.function or gettext("Operation %(id)s", id=task.id)
    subject = display_name(task.object_id) if task.object_id else gettext("an item")
    return str(template) % {"object": subject, "service": short_service_name(task.service_name)}


def object_page(task: Task) -> str | None:
    """The page showing what the task changed, when the panel has one."""
    key = task.object_type or task.function.split("/", 1)[0]
    endpoint = OBJECT_PAGES.get(key.lower())
    if endpoint is None or endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, service_name=task.service_name)


def failure_advice(task: Task) -> Any:
    return FAILURE_ADVICE.get(task.status)


def record_final_status(task: Task) -> None:
    """The first time the panel sees a task ended, its audit entry learns how it ended."""
    if task.final:
        audit.record_task_status(task.service_name, task.id, task.status)
