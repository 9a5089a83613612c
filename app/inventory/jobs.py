"""A large account's inventory, prepared by the queue: :func:`prepare` records who asked and
queues :func:`prepare_inventory`, which reads the plans that person may see a few at a time,
writing after each few how many are read (the progress page shows it) and their rows. When the
call budget has no room left, it stops and the queue runs it again later (``NotYet``), going on
from the plans not read yet. The rows are removed :data:`KEEP` after they are ready, by
:func:`forget_inventory`, and by :func:`remove_expired` for any left behind."""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from huey import crontab
from sqlalchemy import delete

from app.access import visible_services
from app.extensions import db, ovh_api
from app.inventory.loaders import read_plans
from app.inventory.models import FAILED, QUEUED, READY, RUNNING, PreparedInventory
from app.inventory.sheets import SHEETS, Plan, build
from app.models import User, utcnow
from app.queue import NotYet, app_context, huey, job
from app.queue.jobs import budget_wait
from app.services import hosting
from app.services.budget import in_background
from app.services.errors import PanelError, RateLimited

log = logging.getLogger(__name__)

KEEP = timedelta(hours=1)  # how long a prepared inventory is kept once ready
PLANS_PER_STEP = 4  # plans read together between two progress updates


def direct_limit() -> int:
    """Up to this many plans, the inventory is made while the person waits for the download."""
    return int(current_app.config["INVENTORY_DIRECT_PLANS"])


def prepare(user: User) -> PreparedInventory:
    """Record the request and queue its preparation (in the tests' immediate queue it runs now)."""
    remove_expired()
    prepared = PreparedInventory(user_id=user.id, state=QUEUED, expires_at=utcnow() + KEEP)
    db.session.add(prepared)
    db.session.commit()
    prepare_inventory(prepared.id)
    db.session.expire_all()  # the job (run here in immediate mode) may have moved it on
    return prepared


@job(retries=3, delay=10.0, backoff=2.0)
def prepare_inventory(prepared_id: int) -> None:
    prepared = db.session.get(PreparedInventory, prepared_id)
    if prepared is None or prepared.final:
        return
    user = db.session.get(User, prepared.user_id)
    if user is None or not user.active:
        db.session.delete(prepared)
        db.session.commit()
        return
    gateway = ovh_api.gateway
    try:
        with in_background():
            services = visible_services(user, hosting.list_services(gateway))
            prepared.state, prepared.plans_total = RUNNING, len(services)
            prepared.order = [s.service_name for s in services]
            db.session.commit()
            todo = [s for s in services if s.service_name not in prepared.rows]
            for start in range(0, len(todo), PLANS_PER_STEP):
                plans = read_plans(todo[start : start + PLANS_PER_STEP])
                _keep_rows(prepared, plans)
    except RateLimited:
        db.session.commit()
        raise NotYet(budget_wait()) from None
    except PanelError as error:
        log.info("Inventory %s not prepared: %s", prepared_id, error.detail or error.message)
        prepared.state, prepared.error = FAILED, str(error.message)
        prepared.finished_at = utcnow()
        db.session.commit()
        return
    prepared.state, prepared.finished_at = READY, utcnow()
    prepared.expires_at = utcnow() + KEEP
    db.session.commit()
    forget_inventory.schedule((prepared_id,), delay=KEEP.total_seconds())


def _keep_rows(prepared: PreparedInventory, plans: list[Plan]) -> None:
    rows = dict(prepared.rows)
    for plan in plans:
        sheets = build(SHEETS, [plan])
        rows[plan.service.service_name] = {s.key: [list(row) for row in s.rows] for s in sheets}
    prepared.rows = rows  # a new value, so the JSON column is written
    prepared.plans_done = len(rows)
    prepared.expires_at = utcnow() + KEEP
    db.session.commit()


@job(retries=2, delay=60.0)
def forget_inventory(prepared_id: int) -> None:
    db.session.execute(delete(PreparedInventory).where(PreparedInventory.id == prepared_id))
    db.session.commit()


@huey.periodic_task(crontab(minute="*/15"), name="inventory.remove_expired")
def remove_expired_regularly() -> None:
    with app_context():
        remove_expired()


def remove_expired() -> int:
    """Remove every prepared inventory past its time (ready ones an hour after, any left)."""
    result = db.session.execute(
        delete(PreparedInventory).where(PreparedInventory.expires_at < utcnow())
    )
    db.session.commit()
    return int(getattr(result, "rowcount", 0) or 0)
