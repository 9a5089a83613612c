"""The messages: short, in the reader's language, with a link to the page, never a secret (task
names, plan names and statuses only). Each kind is one function returning (subject, body), written
while the reader's language is in force (:func:`in_language_of`). A plan is named as people know
it (its display name), its technical name kept at the foot for support."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app, url_for
from flask_babel import force_locale, gettext, ngettext

from app.extensions import db, ovh_api
from app.models import User
from app.services import hosting
from app.services.budget import in_background
from app.services.errors import PanelError
from app.services.tasks import Task

Message = tuple[str, str]


@contextmanager
def in_language_of(user: User) -> Iterator[None]:
    """The reader's language, and links built on ``PANEL_URL`` (never on a request's Host)."""
    base = current_app.config["PANEL_URL"]
    locale = user.locale or current_app.config.get("BABEL_DEFAULT_LOCALE", "en")
    with current_app.test_request_context("/", base_url=base), force_locale(locale):
        yield


def link(endpoint: str, **values: Any) -> str:
    return url_for(endpoint, _external=True, **values)


def task_from(values: dict[str, Any]) -> Task:
    return Task(
        id=int(values["id"]),
        service_name=str(values["service_name"]),
        function=str(values["function"]),
        status=str(values["status"]),
        object_type=values.get("object_type"),
        object_id=values.get("object_id"),
        started=None,
        last_update=None,
        done=None,
    )


def task_values(task: Task) -> dict[str, Any]:
    """What a queued message needs of a task: plain values only."""
    return {
        "id": task.id,
        "service_name": task.service_name,
        "function": task.function,
        "status": task.status,
        "object_type": task.object_type,
        "object_id": task.object_id,
    }


def plan_name(service_name: str) -> str | None:
    """The plan's display name ("Example shop") as OVH has it now; None when it has none or OVH
    cannot be read just now (the message then names the plan by its technical name)."""
    try:
        with in_background():
            return hosting.get_service(ovh_api.gateway, service_name).display_name
    except PanelError:
        return None


def plan_footer(service_name: str, name: str | None) -> str:
    if name:
        return gettext(
            "Plan: %(name)s (technical name, for support: %(service_name)s)",
            name=name,
            service_name=service_name,
        )
    return gettext("Plan: %(service_name)s", service_name=service_name)


def task_ended(user: User, values: dict[str, Any]) -> Message:
    from app.tasks.following import describe

    task = task_from(values)
    name = values.get("plan")
    what = describe(task, name)
    if task.succeeded:
        subject = gettext("Done: %(what)s", what=what)
        said = gettext("This operation is finished.")
    else:
        subject = gettext("Not completed: %(what)s", what=what)
        said = gettext("OVH did not complete this operation. The page says what to do next.")
    page = link("tasks.show", service_name=task.service_name, task_id=task.id)
    return subject, f"{what}\n\n{said}\n\n{page}\n\n{plan_footer(task.service_name, name)}\n"


def digest(user: User, values: dict[str, Any]) -> Message:
    """The daily watch's findings on the plans the reader may see, one line each, by plan."""
    from app.watch.jobs import findings_for
    from app.watch.words import plan_label, sentence

    found = findings_for(user)
    lines = [f"- {plan_label(row)}: {sentence(row)}" for row in found]
    subject = ngettext(
        "Daily watch: %(num)d thing needs attention",
        "Daily watch: %(num)d things need attention",
        len(found),
    )
    return subject, "\n".join([*lines, "", link("hosting.index")]) + "\n"


def asked_lines(request: Any) -> str:
    """What the request asks, one "label: words" line per value, and the plan it is on."""
    from app.approvals.registry import details_of

    lines = [
        gettext("%(label)s:", label=label) + f" {words}" for label, words in details_of(request)
    ]
    name = plan_name(request.service_name)
    return "\n".join([*lines, plan_footer(request.service_name, name)])


def approval_asked(user: User, values: dict[str, Any]) -> Message:
    from app.approvals.models import ApprovalRequest
    from app.approvals.registry import title_of

    request = db.session.get(ApprovalRequest, int(values["id"]))
    what = title_of(request) if request else gettext("an action")
    subject = gettext("Approval asked: %(what)s", what=what)
    if request is None:
        return subject, link("approvals.index") + "\n"
    said = gettext("%(who)s asks an administrator to approve this.", who=request.requester_email)
    page = link("approvals.show", request_id=request.id)
    return subject, f"{said}\n\n{asked_lines(request)}\n\n{page}\n"


def approval_decided(user: User, values: dict[str, Any]) -> Message:
    from app.approvals.models import ApprovalRequest
    from app.approvals.registry import title_of

    request = db.session.get(ApprovalRequest, int(values["id"]))
    if request is None:
        return gettext("Your request"), link("approvals.index") + "\n"
    what = title_of(request)
    sentences = {
        "approved": gettext("Approved: %(what)s", what=what),
        "declined": gettext("Declined: %(what)s", what=what),
        "expired": gettext("Expired: %(what)s", what=what),
        "failed": gettext("Could not be done: %(what)s", what=what),
    }
    subject = sentences.get(request.state, what)
    detail = {
        "approved": gettext("An administrator approved it; you will hear when OVH has done it."),
        "declined": gettext(
            "The administrator's reason: %(reason)s", reason=request.decline_reason
        ),
        "expired": gettext("No administrator answered within 7 days. Ask again if still needed."),
        "failed": gettext("It no longer matched what OVH has: %(why)s", why=request.error),
    }.get(request.state, "")
    page = link("approvals.show", request_id=request.id)
    return subject, f"{detail}\n\n{asked_lines(request)}\n\n{page}\n"


KINDS: dict[str, Callable[[User, dict[str, Any]], Message]] = {
    "task": task_ended,
    "digest": digest,
    "approval_asked": approval_asked,
    "approval_decided": approval_decided,
}


def compose(user: User, kind: str, values: dict[str, Any]) -> Message:
    with in_language_of(user):
        return KINDS[kind](user, values)
