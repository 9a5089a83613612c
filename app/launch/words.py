"""A launch's steps in plain words, for its pages (registered as template globals)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app.launch import plans
from app.models import LaunchPlan, LaunchStep
from app.services.domain_names import display_name

STATES: dict[str, Any] = {
    "waiting": _l("Waiting for its turn"),
    "starting": _l("Starting"),
    "running": _l("OVH is working on it"),
    "done": _l("Done"),
    "skipped": _l("Not done yet"),
    "failed": _l("Did not work"),
    "to_undo": _l("To be removed"),
    "undoing": _l("Being removed"),
    "undone": _l("Removed"),
}
STATE_BADGES = {
    "waiting": "secondary", "starting": "info", "running": "info", "done": "success",
    "skipped": "warning", "failed": "danger", "to_undo": "secondary", "undoing": "info",
    "undone": "secondary",
}  # fmt: skip
PLAN_STATES: dict[str, Any] = {
    "running": _l("Launching"),
    "done": _l("Online"),
    "failed": _l("Stopped: a step did not work"),
    "undoing": _l("Removing what was created"),
    "undone": _l("Undone: nothing of it is left"),
}
HTTPS_LATER: dict[str, Any] = {
    "dns": _l(
        "The domain's DNS does not point to this hosting yet, so no certificate can include it. "
        "Create the records shown when you started, then renew the certificate from the SSL "
        "tab."
    ),
    "budget": _l(
        "The certificate was renewed too often this week; the SSL tab says when it can be."
    ),
    "imported": _l("This plan uses a certificate you imported: add the address to it yourself."),
}


def step_title(step: LaunchStep) -> str:
    return str(plans.TITLES[step.kind] % {"target": display_name(step.target)})


def step_what(step: LaunchStep, plan: LaunchPlan) -> str:
    words = plans.WHAT[step.kind]
    if step.kind == plans.INSTALL and plan.choices.get("existing_database"):
        words = plans.INSTALL_EXISTING
    return str(
        words
        % {
            "target": display_name(step.target),
            "path": plan.path,
            "database": plan.choices.get("database", ""),
        }
    )


def step_usually(step: LaunchStep) -> str:
    return str(plans.USUALLY[step.kind])


def step_state(step: LaunchStep) -> str:
    return str(STATES.get(step.state, step.state))


def step_problem(step: LaunchStep) -> str | None:
    """Why a step did not work, or why HTTPS is not on yet, in plain words."""
    if step.state == "waiting" and step.result.get("decision") == "unchecked":
        return str(_l("The panel could not check the DNS just now; it asks again in a moment."))
    if step.state == "skipped":
        return str(HTTPS_LATER.get(step.result.get("decision", ""), "")) or None
    if step.state != "failed":
        return None
    if step.error == "task" and step.kind == plans.INSTALL and _typed_password(step):
        return str(_l("OVH could not install it. If the password you typed for the database "
                      "%(database)s was wrong, undo, then launch again choosing “Give it a new "
                      "password”.", database=step.plan.choices.get("database", "")))  # fmt: skip
    if step.error == "task":
        return str(_l("OVH ended the operation without doing it (it ended “%(status)s”).",
                      status=step.result.get("status", "cancelled")))  # fmt: skip
    if step.error == "secrets":
        return str(_l("The passwords this step needs are no longer kept."))
    if step.error == "undo":
        return str(_l("OVH did not remove it; look at the Tasks tab, or ask an administrator."))
    return str(_l("OVH refused: “%(detail)s”", detail=step.error or ""))


def _typed_password(step: LaunchStep) -> bool:
    return step.plan.choices.get("password_way") == plans.KNOWN_PASSWORD


def init_app(app: Any) -> None:
    app.jinja_env.globals.update(
        step_title=step_title,
        step_what=step_what,
        step_usually=step_usually,
        step_state=step_state,
        step_problem=step_problem,
        step_badges=STATE_BADGES,
        plan_states=PLAN_STATES,
    )
