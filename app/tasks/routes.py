"""The Tasks tab, each task's page, and the fragment that page polls while the task runs."""

from __future__ import annotations

from flask import render_template, request

from app import audit
from app.access import Action, requires
from app.extensions import ovh_api
from app.services import domains, hosting, tasks
from app.ssl import completion
from app.tasks import bp, failure
from app.tasks.following import task_ended
from app.tasks.names import remember_running, remember_targets, subject_of

MAX_FOLLOWED = 5


@bp.get("/")
@requires(Action.VIEW)
def index(service_name: str) -> str:
    status = request.args.get("status") or None
    if status not in tasks.FILTERS:
        status = None
    page_number = request.args.get("page", 1, type=int)
    gateway = ovh_api.gateway
    service, page = gateway.gather(
        lambda: hosting.get_service(gateway, service_name),
        lambda: tasks.list_tasks(gateway, service_name, status=status, page=page_number),
    )
    # OVH names an attached domain's task by number only: the panel's own history of the change
    # names it; a running one started elsewhere is named by the domain showing its taskId, which
    # costs one more read, made only when such a task is on the page.
    # A task the panel started may end while nobody has its page open: the tab is where the
    # panel then first sees it, and what follows its end starts here.
    ended = audit.unrecorded_ends(service_name, [task.id for task in page.tasks if task.final])
    for task in page.tasks:
        if task.id in ended:
            task_ended(gateway, task)
    remember_targets(service_name, [task.id for task in page.tasks])
    if any(task.in_progress and subject_of(task) is None for task in page.tasks):
        attached = domains.list_domains(gateway, service_name)
        remember_running(
            service_name, {domain.task_id: domain.domain for domain in attached if domain.task_id}
        )
    return render_template("tasks/index.html", service=service, page=page, status=status)


@bp.get("/<int:task_id>")
@requires(Action.VIEW)
def show(service_name: str, task_id: int) -> str:
    """One task; ``?also=<id>`` follows related tasks on the same page (a domain and its www)."""
    gateway = ovh_api.gateway
    ids = [task_id, *request.args.getlist("also", type=int)[: MAX_FOLLOWED - 1]]
    service, followed = gateway.gather(
        lambda: hosting.get_service(gateway, service_name),
        lambda: gateway.map(lambda one: tasks.get_task(gateway, service_name, one), ids),
    )
    for task in followed:
        task_ended(gateway, task)
    return render_template(
        "tasks/show.html",
        service=service,
        service_name=service_name,
        task=followed[0],
        related=followed[1:],
        https={task.id: completion.follow_up(gateway, task) for task in followed},
        failures={task.id: failure.explain(gateway, task) for task in followed},
    )


@bp.get("/<int:task_id>/status")
@requires(Action.VIEW)
def status(service_name: str, task_id: int) -> str:
    """The part of the task page that changes, for the page's script to swap in."""
    gateway = ovh_api.gateway
    task = tasks.get_task(gateway, service_name, task_id)
    task_ended(gateway, task)
    return render_template(
        "tasks/_status.html",
        service_name=service_name,
        task=task,
        https={task.id: completion.follow_up(gateway, task)},
        failures={task.id: failure.explain(gateway, task)},
    )
