"""Launch changes: prepare a plan (nothing sent yet), start it (one audit entry for the whole
flow), retry its failed step (asking again for passwords erased since), undo what it created, or
discard a plan never started."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from app.audit import scrub
from app.extensions import db
from app.launch import keeping, plans, runner
from app.launch.forms import LaunchForm
from app.launch.jobs import advance_launch
from app.launch.sealed import seal
from app.models import AuditEntry, LaunchPlan, LaunchStep
from app.services.databases import CreationOffer, Database, database_name
from app.services.hosting import HostingService

ACTION = "site.launch"


def prepare(
    service: HostingService,
    form: LaunchForm,
    offers: list[CreationOffer],
    existing: list[Database],
) -> LaunchPlan:
    """The plan the form describes, as a draft: its steps are listed for review, nothing is
    sent to OVH until :func:`start`."""
    domain = form.parsed.ascii
    content = form.content.data
    choices: dict[str, Any] = {
        "www": bool(form.with_www.data),
        "ssl": bool(form.ssl.data),
        "auto_dns": bool(form.auto_dns.data),
        "content": content,
    }
    secrets: dict[str, str] = {}
    chosen = form.into_existing
    if chosen is not None:  # an existing empty database: nothing is created, nor undone
        known = form.password_way.data == plans.KNOWN_PASSWORD
        choices.update(
            existing_database=True,
            database=chosen.name,
            database_user=chosen.user,
            password_way=plans.KNOWN_PASSWORD if known else plans.RESET_PASSWORD,
        )
        secrets["database_password"] = (
            form.database_password.data if known else plans.database_password()
        ) or ""
    elif content in (plans.APPLICATION, plans.DATABASE_ONLY):
        offer = plans.database_offer(offers)
        taken = [d.name for d in existing] + [d.user for d in existing]
        user = plans.database_user(service.primary_login, domain, taken)
        choices.update(
            offer=offer.offer if offer else None,
            database_user=user,
            database=database_name(user, plans.DB_ENGINE),
        )
        secrets["database_password"] = plans.database_password()
    module = form.chosen_module
    if content == plans.APPLICATION and module is not None:
        choices.update(
            module_id=module.id,
            module_name=module.name,
            module_title=f"{module.title} {module.version}",
            language=form.language.data,
            admin_name=form.admin_name.data,
        )
        secrets["admin_password"] = form.admin_password.data or ""
    plan = LaunchPlan(
        service_name=service.service_name,
        user_id=current_user.id,
        domain=domain,
        path=form.path.data,
        choices=choices,
        sealed=seal(secrets) if secrets else None,
    )
    plan.steps = [
        LaunchStep(position=index, kind=step.kind, target=step.target, result={})
        for index, step in enumerate(plans.planned_steps(choices, domain))
    ]
    db.session.add(plan)
    db.session.commit()
    return plan


def start(plan: LaunchPlan) -> None:
    """From the summary: one audit entry for the whole flow, then its first step."""
    if plan.state != "draft":
        return
    entry = AuditEntry(
        user_id=current_user.id,
        user_email=current_user.email,
        service_name=plan.service_name,
        action=ACTION,
        target=plan.domain,
        parameters=scrub({"plan": plan.id, "path": plan.path, **plan.choices}),
        outcome="accepted",
    )
    db.session.add(entry)
    db.session.flush()
    plan.audit_entry_id = entry.id
    plan.state = runner.RUNNING
    db.session.commit()
    advance_launch(plan.id)  # the queue runs its steps to the end, whoever watches


def discard(plan: LaunchPlan) -> None:
    if plan.state == "draft":
        db.session.delete(plan)
        db.session.commit()


def retry(plan: LaunchPlan, admin_password: str | None = None) -> None:
    """Try the failed step again; passwords erased since are made again (the admin password is
    the one the person chose again on the retry form)."""
    if plan.state == runner.FAILED:
        keeping.renew(plan, admin_password)
        runner.retry(plan)
        advance_launch(plan.id)


def undo(plan: LaunchPlan) -> None:
    if plan.state == runner.FAILED:
        runner.undo(plan)
        advance_launch(plan.id)
