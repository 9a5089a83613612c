"""What a launch keeps of its passwords, and for how long.

* The application's admin password is shown once, on the progress page, to the person who
  started the launch (:func:`reveal_once`); a conditional update marks it shown before the page
  is built, so a reload, a second tab or another person never gets it.
* The sealed passwords never outlive ``LAUNCH_SECRETS_HOURS``: refused when read after that
  (:func:`app.launch.sealed.unseal`), erased by the hourly job (:func:`forget_expired`), which
  also deletes drafts that old.
* A failed launch whose passwords were erased can still try its step again (:func:`renew`): the
  person chooses the admin password again, the panel makes a new database password, and if the
  database already exists a step gives it that password at OVH before the install.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import update

from app.extensions import db
from app.launch import plans
from app.launch.sealed import keep_seconds, seal, unseal
from app.models import LaunchPlan, LaunchStep, utcnow

ENDED = frozenset({"done", "skipped"})
ADMIN, DATABASE = "admin_password", "database_password"


@dataclass(frozen=True)
class Reveal:
    """The application's administrator, for the one time its password is shown."""

    name: str
    password: str


def reveal_once(plan: LaunchPlan, user_id: int) -> Reveal | None:
    """The admin name and password if ``user_id`` started the plan and it was never shown; the
    plan is marked shown (committed) before anything is returned."""
    if plan.user_id != user_id or plan.password_shown_at is not None or plan.state == "draft":
        return None
    password = unseal(plan.sealed).get(ADMIN)
    if not password:
        return None
    marked = db.session.execute(
        update(LaunchPlan)
        .where(LaunchPlan.id == plan.id, LaunchPlan.password_shown_at.is_(None))
        .values(password_shown_at=utcnow())
    )
    db.session.commit()
    if not getattr(marked, "rowcount", 0):
        return None
    return Reveal(str(plan.choices.get("admin_name") or ""), password)


def needed(plan: LaunchPlan) -> set[str]:
    """The passwords the plan's steps still to do must send."""
    wanted: set[str] = set()
    for step in plan.steps:
        if step.state in ENDED:
            continue
        if step.kind in (plans.DATABASE, plans.NEW_PASSWORD):
            wanted.add(DATABASE)
        elif step.kind == plans.INSTALL:
            wanted.update((ADMIN, DATABASE))
    return wanted


def missing(plan: LaunchPlan) -> set[str]:
    """The passwords the plan still needs but no longer keeps (erased after the time limit)."""
    return needed(plan) - set(unseal(plan.sealed))


def renew(plan: LaunchPlan, admin_password: str | None) -> None:
    """Seal new passwords for the steps still to do, before trying again: a new database
    password (given to the database first, when it already exists) and the admin password the
    person chose again."""
    lacking = missing(plan)
    if not lacking:
        return
    secrets = unseal(plan.sealed)
    if ADMIN in lacking and admin_password:
        secrets[ADMIN] = admin_password
    if DATABASE in lacking:
        secrets[DATABASE] = plans.database_password()
        _reset_existing_database(plan)
    plan.sealed = seal(secrets)
    db.session.commit()
    db.session.expire(plan, ["steps"])


def _reset_existing_database(plan: LaunchPlan) -> None:
    """The new database password reaches OVH before the install: the step that gives it runs
    again when the launch has one (an existing database the panel gave a new password); one is
    added when the database exists already, created by this launch or chosen with the password
    the person knew (which the panel no longer keeps)."""
    install = next((s for s in plan.steps if s.kind == plans.INSTALL), None)
    if install is None:
        return
    existing = next((s for s in plan.steps if s.kind == plans.NEW_PASSWORD), None)
    if existing is not None:
        existing.state, existing.task_id, existing.error = "waiting", None, None
        existing.result = {}
        return
    created = next((s for s in plan.steps if s.kind == plans.DATABASE), None)
    if created is not None and created.state != "done":
        return  # the database step creates it with the new password
    target = created.target if created else str(plan.choices.get("database") or "")
    for step in sorted(plan.steps, key=lambda s: s.position, reverse=True):
        if step.position >= install.position:  # one by one: the positions stay unique
            step.position += 1
            db.session.flush()
    db.session.add(
        LaunchStep(plan_id=plan.id, position=install.position - 1, kind=plans.NEW_PASSWORD,
                   target=target, result={})
    )  # fmt: skip


def forget_expired() -> tuple[int, int]:
    """Erase the sealed passwords older than the time limit and delete the drafts that old;
    returns how many of each."""
    erased = 0
    for plan in db.session.scalars(db.select(LaunchPlan).where(LaunchPlan.sealed.is_not(None))):
        if not unseal(plan.sealed):
            plan.sealed = None
            erased += 1
    limit = utcnow() - timedelta(seconds=keep_seconds())
    drafts = db.session.scalars(
        db.select(LaunchPlan).where(LaunchPlan.state == "draft", LaunchPlan.created_at < limit)
    ).all()
    for draft in drafts:
        db.session.delete(draft)
    db.session.commit()
    return erased, len(drafts)
