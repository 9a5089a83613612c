"""What the panel does with a task it reads: where its object lives, what a failure means, and
recording its end in the audit trail."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l

from app import audit
from app.services.client import OvhGateway
from app.services.domain_names import display_name
from app.services.ssl import REGENERATIONS_PER_WEEK
from app.services.tasks import Task
from app.ssl import completion
from app.tasks import bp
from app.tasks.names import FILTER_LABELS, describe, status_badge

# Where the object a task worked on is shown, by OVH's objectType (or the function's prefix).
OBJECT_PAGES = {
    "AttachedDomain": "domains.index",
    "attachedDomain": "domains.index",
    "Hostedssl": "ssl.index",
    "hostedssl": "ssl.index",
    "Database": "databases.index",
    "database": "databases.index",
    "Sqlperso": "databases.index",
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


def object_page(task: Task) -> str | None:
    """The page showing what the task changed, when the panel has one."""
    key = task.object_type or task.function.split("/", 1)[0]
    endpoint = OBJECT_PAGES.get(key)
    if endpoint is None or endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, service_name=task.service_name)


def failure_advice(task: Task) -> Any:
    if not task.failed:
        return None
    return FAILURE_ADVICE.get(task.status, OTHER_FAILURE)


def task_ended(gateway: OvhGateway, task: Task) -> None:
    """The hook for "a task the panel started has ended", called wherever the panel first sees
    a final status (today the task pages; a background queue could call it the same way).

    Its audit entry learns how it ended; the one caller that records the end (a claim, see
    :func:`app.audit.record_task_status`) does what follows it, so it happens once."""
    if task.final and audit.record_task_status(task.service_name, task.id, task.status):
        completion.complete_https(gateway, task)


@bp.app_context_processor
def task_helpers() -> dict[str, Any]:
    return {
        "describe_task": describe,
        "task_badge": status_badge,
        "task_object_page": object_page,
        "task_failure_advice": failure_advice,
        "task_filters": FILTER_LABELS,
        "unicode_domain": display_name,
        "ssl_week_limit": REGENERATIONS_PER_WEEK,
    }
