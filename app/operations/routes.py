"""An operation's page: what will happen, then every part live (2-second updates; each update
also moves the operation on), with a refresh link that works without JavaScript."""

from __future__ import annotations

from typing import Any

from flask import abort, render_template

from app.access import Action, requires
from app.extensions import db
from app.loaders import with_service
from app.operations import bp, runner, words
from app.operations.models import Operation


def _page(service_name: str, operation_id: int) -> dict[str, Any]:
    operation = db.session.get(Operation, operation_id)
    if operation is None or operation.service_name != service_name:
        abort(404)
    runner.advance(operation.id)  # the queue's job does the same while nobody watches
    return {"operation": operation, "words": words, "final": operation.state != runner.RUNNING}


@bp.get("/<int:operation_id>")
@requires(Action.VIEW)
def show(service_name: str, operation_id: int) -> str:
    page = _page(service_name, operation_id)
    service = with_service(service_name)[0]
    return render_template("operations/show.html", service=service, **page)


@bp.get("/<int:operation_id>/progress")
@requires(Action.VIEW)
def progress(service_name: str, operation_id: int) -> str:
    """The parts block alone, for the page's script."""
    return render_template("operations/_parts.html", **_page(service_name, operation_id))
