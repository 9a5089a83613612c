"""The one shape of a change (``docs/architecture.md``): :func:`respond` runs a view's action once
its form is valid; each OVH change of an action goes through :func:`change` (audited), and the
:class:`Started` it returns is followed to the task's page by :func:`follow`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from app.audit import audited
from app.extensions import ovh_api
from app.forms import PanelForm
from app.services.tasks import Task


@dataclass(frozen=True)
class Started:
    service_name: str
    task_id: int | None
    tab: str  # where to go when OVH names no task to follow
    also: tuple[int, ...] = ()  # related tasks followed on the same page
    notes: tuple[tuple[str, Any], ...] = ()  # (flash category, sentence)
    operation_id: int | None = None  # an operation in parts (``app.operations``): its page


def change(
    tab: str,
    action: str,
    target: str | None,
    function: Callable[..., Task | int | None],
    service_name: str,
    *args: Any,
    parameters: Mapping[str, Any] | None = None,
    notes: tuple[tuple[str, Any], ...] = (),
    untracked: tuple[str, Any] | None = None,
) -> Started:
    """``function(gateway, service_name, *args)``, audited as ``action`` on ``target``: what it
    started, with ``untracked`` said when OVH names no task to follow."""
    target = target or service_name
    with audited(action, service_name=service_name, target=target, parameters=parameters) as entry:
        answer = function(ovh_api.gateway, service_name, *args)
        task_id = answer.id if isinstance(answer, Task) else answer
        entry.accepted(task_id=task_id)
    if task_id is None and untracked:
        notes = (*notes, untracked)
    return Started(service_name, task_id, tab, notes=notes)


def follow(started: Started) -> Response:
    """To the page of the operation or task ``started``; when OVH named none, back to the tab."""
    for category, sentence in started.notes:
        flash(str(sentence), category)
    if started.operation_id is not None:
        return redirect(
            url_for(
                "operations.show",
                service_name=started.service_name,
                operation_id=started.operation_id,
            )
        )
    if started.task_id is None:
        return redirect(url_for(started.tab, service_name=started.service_name))
    also = list(started.also) or None
    return redirect(
        url_for("tasks.show", service_name=started.service_name, task_id=started.task_id, also=also)
    )


def respond(
    form: PanelForm,
    action: Callable[[], Started],
    template: str,
    page: Mapping[str, Any] | Callable[[], Mapping[str, Any]],
    allowed: bool = True,
) -> Response | str:
    """Validate, one call to ``action``, then the task's page, or ``template`` with the refusal.
    A ``page`` given as a loader is only read when the page is shown."""
    started = form.attempt(action, allowed)
    if started:
        return follow(started)
    return render_template(template, form=form, **(page() if callable(page) else page))
