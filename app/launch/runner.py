"""Running a launch: :func:`advance` moves a plan on by what OVH says now.

It is a plain function of the plan's id, called by the queue job
:func:`app.launch.jobs.advance_launch` (queued when a launch starts, it looks again until the plan
ends, so a launch finishes with nobody watching) and by the progress page's updates every
2 seconds while someone watches. Each call
reads the running step's task, and when it has ended starts the next one. A step is claimed with
a conditional update before anything is sent, so two pages (or a page and a worker) advancing the
same plan never start a step twice.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import update

from app.extensions import db, ovh_api
from app.launch import plans
from app.launch.sealed import unseal
from app.models import AuditEntry, LaunchPlan, LaunchStep, utcnow
from app.services import databases, domains, modules
from app.services.databases import NewDatabase
from app.services.errors import PanelError
from app.services.tasks import get_task
from app.ssl import completion

RUNNING, DONE, FAILED, UNDOING, UNDONE = "running", "done", "failed", "undoing", "undone"
FINISHED_STEP = frozenset({"done", "skipped"})
UNDOABLE = frozenset({plans.ATTACH, plans.ATTACH_WWW, plans.DATABASE, plans.INSTALL})
# The HTTPS step's outcomes that leave nothing to wait for, and why HTTPS is not on yet.
HTTPS_LATER = frozenset({completion.DNS, completion.BUDGET, completion.IMPORTED})
# When the call budget left no room to check the DNS, the HTTPS step waits this long and asks
# again on a later update, rather than give up or spend the budget on every update.
UNCHECKED_PAUSE = timedelta(seconds=30)


def advance(plan_id: int) -> LaunchPlan | None:
    """Move the plan on as far as OVH allows now; returns it (None if it is gone)."""
    plan = db.session.get(LaunchPlan, plan_id)
    if plan is None:
        return None
    if plan.state == RUNNING:
        _forward(plan)
    elif plan.state == UNDOING:
        _backward(plan)
    return plan


def retry(plan: LaunchPlan) -> None:
    """The failed step starts again from the beginning on the next :func:`advance` (the caller
    queues it)."""
    for step in plan.steps:
        if step.state == FAILED:
            step.state, step.task_id, step.error, step.query_id = "waiting", None, None, None
            step.result = {}
    plan.state = RUNNING
    _record(plan)


def undo(plan: LaunchPlan) -> None:
    """Remove what the plan created, newest first: module, database, domains (from the next
    :func:`advance`, which the caller queues)."""
    for step in plan.steps:
        if step.kind in UNDOABLE and step.state == "done":
            step.state = "to_undo"
    plan.state = UNDOING
    _record(plan)


def _forward(plan: LaunchPlan) -> None:
    for step in plan.steps:
        if step.state in FINISHED_STEP:
            continue
        if step.state == RUNNING:
            _follow(plan, step)
            if step.state == RUNNING:
                return
        if step.state == "waiting" and _paused(step):
            return
        if step.state == "waiting" and _claim(step):
            _start(plan, step)
            if step.state in (RUNNING, "starting"):
                return
        if step.state == FAILED:
            plan.state = FAILED
            _record(plan)
            return
        if step.state not in FINISHED_STEP:
            return
    plan.state = DONE
    plan.sealed = None  # every password has been sent: nothing is kept
    _record(plan)


def _backward(plan: LaunchPlan) -> None:
    for step in reversed(plan.steps):
        if step.state == UNDOING:
            task = get_task(ovh_api.gateway, plan.service_name, int(step.undo_task_id or 0))
            if task.in_progress:
                return
            step.state = "undone" if not task.failed else FAILED
            step.ended_at = utcnow()
            if task.failed:
                step.error = "undo"
                plan.state = FAILED
                _record(plan)
                return
        if step.state == "to_undo":
            _start_undo(plan, step)
            _record(plan)
            return
    plan.state = UNDONE
    plan.sealed = None
    _record(plan)


def _paused(step: LaunchStep) -> bool:
    unchecked = step.result.get("decision") == completion.UNCHECKED
    return (
        unchecked and step.started_at is not None and (utcnow() - step.started_at < UNCHECKED_PAUSE)
    )


def _claim(step: LaunchStep) -> bool:
    claimed = db.session.execute(
        update(LaunchStep)
        .where(LaunchStep.id == step.id, LaunchStep.state == "waiting")
        .values(state="starting", started_at=utcnow())
    )
    db.session.commit()
    if not getattr(claimed, "rowcount", 0):
        db.session.refresh(step)
        return False
    db.session.refresh(step)
    return True


def _start(plan: LaunchPlan, step: LaunchStep) -> None:
    gateway, choices = ovh_api.gateway, plan.choices
    secrets = unseal(plan.sealed)
    try:
        if step.kind in (plans.ATTACH, plans.ATTACH_WWW):
            settings = domains.DomainSettings(
                plan.path, bool(choices.get("ssl")), False, False, None, None
            )
            task = domains.attach_domain(
                gateway, plan.service_name, step.target, settings, bool(choices.get("auto_dns"))
            )
            _running(step, task.id)
        elif step.kind == plans.DATABASE:
            if "database_password" not in secrets:
                raise _Gone()
            new = NewDatabase(choices["offer"], plans.DB_ENGINE, choices["database_user"],
                              secrets["database_password"], None, None)  # fmt: skip
            _running(step, databases.create_database(gateway, plan.service_name, new).id)
        elif step.kind == plans.NEW_PASSWORD:  # an existing database, before the install
            if "database_password" not in secrets:
                raise _Gone()
            task = databases.change_password(
                gateway, plan.service_name, step.target, secrets["database_password"]
            )
            _running(step, task.id)
        elif step.kind == plans.INSTALL:
            _install(plan, step, secrets)
        elif step.kind == plans.HTTPS:
            _https(plan, step)
    except PanelError as error:
        step.state, step.ended_at = FAILED, utcnow()
        step.error = str(error.detail or error.message)
        step.query_id = error.query_id
    except _Gone:
        step.state, step.ended_at, step.error = FAILED, utcnow(), "secrets"
    _record(plan)


class _Gone(Exception):
    """The passwords a step needs are no longer kept (erased after the time limit, or the
    panel's key changed): trying again asks for them (:func:`app.launch.keeping.renew`)."""


def _install(plan: LaunchPlan, step: LaunchStep, secrets: dict[str, str]) -> None:
    choices = plan.choices
    if "admin_password" not in secrets or "database_password" not in secrets:
        raise _Gone()
    install = modules.Install(
        module_id=int(choices["module_id"]),
        domain=plan.domain,
        path=plan.path,
        language=choices["language"],
        admin_name=choices["admin_name"],
        admin_password=secrets["admin_password"],
        database=choices["database"],
        database_user=choices["database_user"],
        database_password=secrets["database_password"],
        prefix=plans.TABLE_PREFIXES.get(choices.get("module_name", "")),
    )
    _running(step, modules.install_module(ovh_api.gateway, plan.service_name, install).id)


def _https(plan: LaunchPlan, step: LaunchStep) -> None:
    found: dict[str, Any] = {}
    after = next((s.task_id for s in plan.steps if s.kind == plans.ATTACH), None) or 0
    result = completion.decide_https(ovh_api.gateway, plan.service_name, plan.domain, after, found)
    step.result = {"decision": result, **{k: v for k, v in found.items() if k != "detail"}}
    if result in completion.FOLLOWED and found.get("task_id"):
        _running(step, int(found["task_id"]))
    elif result == completion.COVERED:
        step.state, step.ended_at = "done", utcnow()
    elif result in HTTPS_LATER:
        step.state, step.ended_at = "skipped", utcnow()
    elif result == completion.UNCHECKED:
        step.state = "waiting"  # asked again after UNCHECKED_PAUSE
    else:
        step.state, step.ended_at, step.error = FAILED, utcnow(), found.get("detail")


def _running(step: LaunchStep, task_id: int) -> None:
    step.state, step.task_id = RUNNING, task_id


def _follow(plan: LaunchPlan, step: LaunchStep) -> None:
    task = get_task(ovh_api.gateway, plan.service_name, int(step.task_id or 0))
    if task.in_progress:
        return
    step.ended_at = utcnow()
    if task.failed:
        step.state = FAILED
        step.error = task.comment or "task"
        step.result = {**step.result, "status": task.status}
    else:
        step.state = "done"
        if step.kind == plans.INSTALL:
            installed = modules.list_installed(ovh_api.gateway, plan.service_name)
            found = next((m for m in installed if m.path == plan.path), None)
            step.result = {**step.result, "install_id": found.id if found else None}
            if found is not None and found.target_url and found.admin_folder:
                # OVH's address of the module and its admin folder (relative to it).
                base = found.target_url.rstrip("/")
                step.result["sign_in"] = f"{base}/{found.admin_folder.strip('/')}/"
            plan.sealed = None  # the last step that needed a password has done its work
    _record(plan)


def _start_undo(plan: LaunchPlan, step: LaunchStep) -> None:
    gateway, name = ovh_api.gateway, plan.service_name
    try:
        if step.kind == plans.INSTALL and step.result.get("install_id"):
            task = modules.remove_module(gateway, name, int(step.result["install_id"]))
        elif step.kind == plans.DATABASE and not plan.choices.get("existing_database"):
            task = databases.delete_database(gateway, name, step.target)
        elif step.kind in (plans.ATTACH, plans.ATTACH_WWW):
            leave = not plan.choices.get("auto_dns")
            task = domains.detach_domain(gateway, name, step.target, leave)
        else:
            step.state = "undone"
            return
    except PanelError as error:
        step.state, step.error, step.query_id = (
            FAILED,
            str(error.detail or error.message),
            (error.query_id),
        )
        plan.state = FAILED
        return
    step.state, step.undo_task_id = UNDOING, task.id


def _record(plan: LaunchPlan) -> None:
    """Keep the plan's one audit entry in step with it: its state and each step's."""
    plan.updated_at = utcnow()
    entry = db.session.get(AuditEntry, plan.audit_entry_id) if plan.audit_entry_id else None
    if entry is not None:
        entry.parameters = {
            **(entry.parameters or {}),
            "steps": [
                {"kind": s.kind, "target": s.target, "state": s.state, "task": s.task_id,
                 "undo_task": s.undo_task_id}
                for s in plan.steps
            ],
        }  # fmt: skip
        entry.task_status = {DONE: "done", FAILED: "error", UNDONE: "undone"}.get(plan.state)
        failed = next((s for s in plan.steps if s.state == FAILED), None)
        entry.error = failed.error if failed is not None and plan.state == FAILED else None
        entry.query_id = failed.query_id if failed is not None else entry.query_id
    db.session.commit()
