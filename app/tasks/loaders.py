"""What each page of the Tasks tab shows; a task read as ended is noted in the audit trail."""

from __future__ import annotations

from typing import Any

from app.extensions import ovh_api
from app.loaders import with_service
from app.services import tasks
from app.tasks.following import record_final_status


def index_page(service_name: str, status: str | None, page_number: int) -> dict[str, Any]:
    read = lambda g: tasks.list_tasks(g, service_name, status=status, page=page_number)  # noqa: E731
    service, page = with_service(service_name, read)
    return {"service": service, "page": page, "status": status}


def followed(service_name: str, task_ids: list[int]) -> list[tasks.Task]:
    """The tasks, read fresh and together, in the order asked."""
    gateway = ovh_api.gateway
    found = gateway.map(lambda one: tasks.get_task(gateway, service_name, one), task_ids)
    for task in found:
        record_final_status(task)
    return found
