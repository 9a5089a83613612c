"""What the panel says and does about the tasks it reads: what each does, in plain words (named
from the panel's own history where OVH gives only a number), loading them for the Tasks pages,
where a task's object lives, what a failure means, and recording its end in the audit trail."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import current_app, g, has_request_context, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app import audit
from app.extensions import ovh_api
from app.loaders import with_service
from app.services import domains, hosting, tasks
from app.services.client import OvhGateway
from app.services.tasks import Task
from app.ssl import completion
from app.tasks import failure

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
    "dump/create": _l("Saving a backup of the database %(object)s"),
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
    "user/create": _l("Creating the FTP login %(object)s on %(service)s"),
    "user/update": _l("Changing the FTP login %(object)s on %(service)s"),
    "user/changePassword": _l("Changing the password of the FTP login %(object)s"),
    "user/delete": _l("Deleting the FTP login %(object)s from %(service)s"),
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


FILTER_LABELS: dict[str, Any] = {
    "running": _l("In progress"),
    "done": _l("Done"),
    "failed": _l("Not completed or failed"),
}


# Where the object a task worked on is shown, by OVH's objectType (or the function's prefix).
OBJECT_PAGES = {
    "attacheddomain": "domains.index",
    "hostedssl": "ssl.index",
    "database": "databases.index",
    "sqlperso": "databases.index",
    "user": "ftp.index",
    "ovhconfig": "php.index",
    "cron": "cron.index",
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
    # A task the panel started may end while nobody has its page open: the tab is where the
    # panel then first sees it, and what follows its end starts here.
    ended = audit.unrecorded_ends(service_name, [task.id for task in page.tasks if task.final])
    for task in page.tasks:
        if task.id in ended:
            task_ended(ovh_api.gateway, task)
    remember_targets(service_name, [task.id for task in page.tasks])
    if any(task.in_progress and subject_of(task) is None for task in page.tasks):
        attached = domains.list_domains(ovh_api.gateway, service_name)
        running = {domain.task_id: domain.domain for domain in attached if domain.task_id}
        remember_running(service_name, running)
    return {"service": service, "page": page, "status": status}


def followed(service_name: str, task_ids: list[int], page: bool = False) -> dict[str, Any]:
    """The task page's data: the tasks, read fresh and together in the order asked (the first
    is the page's, the others related), with what follows their end (HTTPS completion) and,
    for a failure, what the panel can say about why. The whole ``page`` also reads the service
    (its own name in the title and tabs); the polled fragment does without."""
    gateway = ovh_api.gateway

    def read_tasks() -> list[Task]:
        return gateway.map(lambda one: tasks.get_task(gateway, service_name, one), task_ids)

    if page:
        service, found = gateway.gather(
            lambda: hosting.get_service(gateway, service_name), read_tasks
        )
    else:
        service, found = None, read_tasks()
    task, *related = found
    for one in found:
        task_ended(gateway, one)
    return {
        "service": service,
        "service_name": service_name,
        "task": task,
        "related": related,
        "https": {one.id: completion.follow_up(gateway, one) for one in found},
        "failures": {one.id: failure.explain(gateway, one) for one in found},
    }


def object_page(task: Task) -> str | None:
    """The page showing what the task changed, when the panel has one: a database's own page
    (its connection details) unless the task deleted it, else the tab the object lives on."""
    key = task.object_type or task.function.split("/", 1)[0]
    on_database = task.function.startswith("database/") or task.function == "dump/create"
    if on_database and task.function != "database/delete":
        name = task.object_id or ""
        # OVH names a database task's object by the database's name (shop.mysql.db); where it
        # names it otherwise (UNCONFIRMED), the Databases tab is the result page.
        if "." in name and "databases.show" in current_app.view_functions:
            return url_for("databases.show", service_name=task.service_name, name=name)
    endpoint = OBJECT_PAGES.get(key.lower())
    if endpoint is None or endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, service_name=task.service_name)


def failure_advice(task: Task) -> Any:
    if not task.failed:
        return None
    return FAILURE_ADVICE.get(task.status, OTHER_FAILURE)


def task_ended(gateway: OvhGateway, task: Task) -> None:
    """The hook for "a task the panel started has ended", called wherever the panel first sees
    a final status: the task queue's ``follow_task`` job, or a task page that saw it first.

    Its audit entry learns how it ended (:func:`record_end`); then a launch's step or an
    operation's part it belongs to moves on."""
    record_end(gateway, task)
    if task.final:
        from app.launch.jobs import task_ended as launch_step_ended
        from app.operations.jobs import task_ended as operation_part_ended

        launch_step_ended(task.service_name, task.id)
        operation_part_ended(task.service_name, task.id)


def record_end(gateway: OvhGateway, task: Task) -> None:
    """The audit entry learns how the task ended; the one caller that records the end (a claim,
    see :func:`app.audit.record_task_status`) does what follows it, so it happens once."""
    if task.final and audit.record_task_status(task.service_name, task.id, task.status):
        from app.notify.jobs import task_ended as announce

        announce(task)
        completion.complete_https(gateway, task)
