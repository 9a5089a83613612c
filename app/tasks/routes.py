"""The Tasks tab, each task's page, and the fragment that page polls while the task runs."""

from __future__ import annotations

from flask import render_template, request

from app.access import Action, requires
from app.services import tasks
from app.tasks import bp, following

MAX_FOLLOWED = 5


@bp.get("/")
@requires(Action.VIEW)
def index(service_name: str) -> str:
    status = request.args.get("status") or None
    page = following.index_page(
        service_name,
        status=status if status in tasks.FILTERS else None,
        page_number=request.args.get("page", 1, type=int),
    )
    return render_template("tasks/index.html", **page)


@bp.get("/<int:task_id>")
@requires(Action.VIEW)
def show(service_name: str, task_id: int) -> str:
    """One task; ``?also=<id>`` follows related tasks on the same page (a domain and its www)."""
    ids = [task_id, *request.args.getlist("also", type=int)[: MAX_FOLLOWED - 1]]
    return render_template("tasks/show.html", **following.followed(service_name, ids, page=True))


@bp.get("/<int:task_id>/status")
@requires(Action.VIEW)
def status(service_name: str, task_id: int) -> str:
    """The part of the task page that changes, for the page's script to swap in."""
    return render_template("tasks/_status.html", **following.followed(service_name, [task_id]))
