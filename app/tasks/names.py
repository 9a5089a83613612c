"""Plain words, in English and French, for what each OVH task does."""

from __future__ import annotations

from typing import Any

from flask import g, has_request_context
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app import audit
from app.services.tasks import Task

# %(object)s is what the task works on (a domain, a database…), %(service)s the hosting plan.
DESCRIPTIONS: dict[str, Any] = {
    "attachedDomain/create": _l("Attaching %(object)s to %(service)s"),
    "attachedDomain/update": _l("Changing the settings of %(object)s on %(service)s"),
    "attachedDomain/delete": _l("Detaching %(object)s from %(service)s"),
    "attachedDomain/restart": _l("Restarting %(object)s on %(service)s"),
    "attachedDomain/purgeCache": _l("Emptying the CDN cache of %(object)s"),
    "hostedssl/create": _l("Creating the SSL certificate of %(service)s"),
    "hostedssl/import": _l("Installing your own SSL certificate on %(service)s"),
    "hostedssl/regenerate": _l("Renewing the SSL certificate of %(service)s"),
    "hostedssl/delete": _l("Removing the SSL certificate of %(service)s"),
    "hostedssl/install": _l("Installing the SSL certificate of %(service)s"),
    "database/create": _l("Creating the database %(object)s"),
    "database/delete": _l("Deleting the database %(object)s"),
    "database/changePassword": _l("Changing the password of the database %(object)s"),
    "database/changeRight": _l("Changing the access rights of the database %(object)s"),
    "database/checkQuotaNow": _l("Measuring the size of the database %(object)s"),
    "database/copy": _l("Copying the database %(object)s"),
    "database/copyRestore": _l("Restoring the database %(object)s from a copy"),
    "database/dumpAnyDay": _l("Saving a backup of the database %(object)s"),
    "database/import": _l("Importing data into the database %(object)s"),
    "database/optimize": _l("Optimising the database %(object)s"),
    "database/restore": _l("Restoring the database %(object)s from a backup"),
    "dump/create": _l("Saving a backup of a database"),
    "dump/delete": _l("Deleting a database backup"),
    "cron/create": _l("Adding a scheduled job on %(service)s"),
    "cron/update": _l("Changing a scheduled job on %(service)s"),
    "cron/delete": _l("Removing a scheduled job from %(service)s"),
    "envVar/create": _l("Adding an environment variable on %(service)s"),
    "envVar/update": _l("Changing an environment variable on %(service)s"),
    "envVar/delete": _l("Removing an environment variable from %(service)s"),
    "module/install": _l("Installing a ready-made website on %(service)s"),
    "module/delete": _l("Removing a ready-made website from %(service)s"),
    "ovhConfig/update": _l("Changing the PHP settings of %(service)s"),
    "ovhConfig/rollback": _l("Restoring earlier PHP settings on %(service)s"),
    "ovhConfig/refresh": _l("Reloading the PHP settings of %(service)s"),
    "runtime/create": _l("Adding a runtime configuration on %(service)s"),
    "runtime/update": _l("Changing a runtime configuration on %(service)s"),
    "runtime/delete": _l("Removing a runtime configuration from %(service)s"),
    "user/create": _l("Adding an FTP/SSH user on %(service)s"),
    "user/update": _l("Changing an FTP/SSH user on %(service)s"),
    "user/changePassword": _l("Changing an FTP/SSH user's password on %(service)s"),
    "user/delete": _l("Removing an FTP/SSH user from %(service)s"),
    "web/checkQuotaNow": _l("Measuring the disk space used by %(service)s"),
    "web/changeState": _l("Changing the state of %(service)s"),
    "web/restoreSnapshot": _l("Restoring files of %(service)s from a backup"),
}


# The same, for a domain task whose domain the panel cannot name (OVH names it by number, and the
# change was not made through the panel): whole sentences, so each language words it properly.
UNNAMED_DOMAIN_DESCRIPTIONS: dict[str, Any] = {
    "attachedDomain/create": _l("Attaching a domain to %(service)s"),
    "attachedDomain/update": _l("Changing the settings of a domain on %(service)s"),
    "attachedDomain/delete": _l("Detaching a domain from %(service)s"),
    "attachedDomain/restart": _l("Restarting a domain on %(service)s"),
    "attachedDomain/purgeCache": _l("Emptying the CDN cache of a domain on %(service)s"),
}


def short_service_name(service_name: str) -> str:
    """``example.cluster01`` for ``example.cluster01.hosting.ovh.net``."""
    return service_name.removesuffix(".hosting.ovh.net")


def subject_of(task: Task) -> str | None:
    """What the task worked on, in words, or None when the panel cannot know. On OVH an attached
    domain's task names it by number (``objectId: "30533272"``), which no read of the domain
    shows: the panel's own history of the write that started the task names it instead."""
    from app.services.domain_names import display_name

    object_id = task.object_id
    if object_id and not object_id.isdigit():
        return display_name(object_id)
    known = _known_targets(task.service_name)
    if task.id not in known:
        remember_targets(task.service_name, [task.id])
    target = known.get(task.id)
    return display_name(target) if target else None


def remember_targets(service_name: str, task_ids: list[int]) -> None:
    """Read at once what the panel's history says about the tasks a page is about to show."""
    known = _known_targets(service_name)
    found = audit.targets_of_tasks(service_name, task_ids)
    known.update({task_id: found.get(task_id) for task_id in task_ids})


def remember_running(service_name: str, targets: dict[int, str]) -> None:
    """Tasks whose object is known from elsewhere (the domain showing the task's id)."""
    known = _known_targets(service_name)
    known.update({task_id: name for task_id, name in targets.items() if known.get(task_id) is None})


def _known_targets(service_name: str) -> dict[int, str | None]:
    if not has_request_context():
        return {}
    cache: dict[str, dict[int, str | None]] = g.setdefault("task_targets", {})
    return cache.setdefault(service_name, {})


def describe(task: Task, service_label: str | None = None) -> str:
    """What the task does, in the reader's language, or its raw function name as a last resort;
    ``service_label`` is the plan's own name ("Example shop") when the page knows it."""
    template = DESCRIPTIONS.get(task.function)
    if template is None:
        return task.function or gettext("Operation %(id)s", id=task.id)
    service = service_label or short_service_name(task.service_name)
    subject = subject_of(task)
    if subject is None:
        unnamed = UNNAMED_DOMAIN_DESCRIPTIONS.get(task.function)
        if unnamed is not None:
            return str(unnamed) % {"service": service}
        subject = gettext("an item")
    return str(template) % {"object": subject, "service": service}


STATUS_BADGES: dict[str, tuple[str, Any]] = {
    "todo": ("secondary", _l("Queued")),
    "init": ("secondary", _l("Queued")),
    "doing": ("primary", _l("In progress")),
    "done": ("success", _l("Done")),
    # How OVH ends a task that did not succeed (task.StatusEnum has no failure value).
    # Amber, not red: OVH stopped it or gave up, which is not always a fault.
    "cancelled": ("warning", _l("Not completed")),
    "error": ("danger", _l("Failed")),
    "ovhError": ("danger", _l("Failed")),
    "customerError": ("danger", _l("Failed")),
    "forgotten": ("info", _l("Finished")),
}


FILTER_LABELS: dict[str, Any] = {
    "running": _l("In progress"),
    "done": _l("Done"),
    "failed": _l("Not completed or failed"),
}


def status_badge(status: str) -> tuple[str, Any]:
    """Colour and words for a status; an unknown one is shown as it is, never as success."""
    return STATUS_BADGES.get(status, ("warning", status))
