"""Starting an operation in parts from a form: it is kept, its first part is sent now, and the
queue moves it on from there; the person is taken to its page."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from app.actions import Started
from app.extensions import db
from app.launch.sealed import seal
from app.operations import parts, runner
from app.operations.jobs import advance_operation
from app.operations.models import Operation


def begin(
    service_name: str,
    kind: str,
    target: str,
    steps: list[dict[str, Any]],
    values: dict[str, Any],
    secrets: dict[str, str] | None = None,
    tab: str = "databases.index",
    notes: tuple[tuple[str, Any], ...] = (),
) -> Started:
    operation = Operation(
        service_name=service_name,
        user_id=current_user.id if current_user.is_authenticated else None,
        kind=kind,
        target=target,
        steps=steps,
        values=values,
        sealed=seal(secrets, parts.PURPOSE) if secrets else None,
    )
    db.session.add(operation)
    db.session.commit()
    runner.advance(operation.id)  # the first part now: its task is on the page at once
    db.session.refresh(operation)  # the runner saved the part's task by an update statement
    first = operation.steps[0].get("task")
    advance_operation(operation.id)  # then the queue, to the end, whoever watches
    return Started(service_name, first, tab, notes=notes, operation_id=operation.id)
