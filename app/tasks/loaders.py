"""What each page of the Tasks tab shows; a task read as ended is noted in the audit trail."""

from __future__ import annotations

from typing import Any

from app.extensions import ovh_api
from app.services import hosting, tasks
from app.tasks.following import record_final_status


def index_page(service_name: str, status: str | None, page_number: int) -> dict[str, Any]:
    gateway = ovh_api.gateway
    service, page = gateway.gather(
        lambda: hosting.get_service(gateway, service_name),
        lambda: tasks.list_tasks(gateway, service_name, status=status, page=page_number),
    )
    return {"service": service, "page": page, "status": status}


def followed(service_name: str, task_ids: list[int]) -> list[tasks.Task]:
    """The tasks, read fresh and together, in the order asked."""
    gateway = ovh_api.gateway
    found = gateway.map(lambda one: tasks.get_task(gateway, service_name, one), task_ids)
    for task in found:
        record_final_status(task)
    return found
