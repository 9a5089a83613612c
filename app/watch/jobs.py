"""The daily watch as queue jobs: at 06:00 UTC (and when an administrator asks), every plan is
checked at background priority, its findings replace the previous ones, and each person who chose
the watch gets one digest of what needs attention on the plans they may see.

Idempotent: a run is claimed by its key (the day) so two workers never both run it, and released
when it fails so its retry runs it again; findings are replaced per plan.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, date, datetime

from huey import crontab
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from app.access import Action, can
from app.extensions import db, ovh_api
from app.models import User, utcnow
from app.notify.jobs import send_to
from app.notify.settings import choices_of
from app.queue import huey, job
from app.services import hosting
from app.services.budget import BACKGROUND, in_background
from app.services.client import OvhGateway
from app.services.errors import PanelError, RateLimited
from app.watch.checks import Finding, check_plan
from app.watch.models import WatchFinding, WatchRun

log = logging.getLogger(__name__)

WATCH_HOUR = 6  # UTC
BUDGET_WAITS = 5  # how many times one plan waits for room in the budget before it is skipped


@huey.periodic_task(crontab(hour=WATCH_HOUR, minute=0), name="watch.daily")
def daily_watch() -> None:
    run_watch(datetime.now(UTC).date().isoformat())


def daily_watch_now() -> None:
    """An administrator's "Run the daily watch now"."""
    run_watch(f"asked-{datetime.now(UTC):%Y-%m-%dT%H:%M:%S.%f}")


@job(retries=3, delay=300.0, backoff=2.0)
def run_watch(key: str) -> None:
    if not _claim(key):
        return
    try:
        gateway = ovh_api.gateway
        with in_background():
            services = hosting.list_services(gateway)
        today = datetime.now(UTC).date()
        for service in services:
            findings = _check_with_budget(gateway, service, today)
            if findings is None:
                continue  # kept as last found
            db.session.execute(
                delete(WatchFinding).where(WatchFinding.service_name == service.service_name)
            )
            for finding in findings:
                row = WatchFinding(
                    service_name=service.service_name,
                    kind=finding.kind,
                    subject=finding.subject[:255],
                    detail={**finding.detail, "plan": service.name},
                )
                db.session.add(row)
            db.session.commit()
        _send_digests(key)
        run = db.session.get(WatchRun, key)
        if run is not None:
            run.finished_at = utcnow()
            db.session.commit()
    except Exception:
        db.session.rollback()
        db.session.execute(delete(WatchRun).where(WatchRun.key == key))  # the retry runs it again
        db.session.commit()
        raise


def _claim(key: str) -> bool:
    db.session.add(WatchRun(key=key))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def _check_with_budget(
    gateway: OvhGateway, service: hosting.HostingService, today: date
) -> list[Finding] | None:
    for _ in range(BUDGET_WAITS):
        try:
            with in_background():
                return check_plan(gateway, service, today)
        except RateLimited:
            budget = gateway.budget
            time.sleep(min(60.0, max(1.0, budget.wait_seconds(BACKGROUND) if budget else 1.0)))
        except PanelError as error:
            log.warning("Watch of %s failed: %s", service.service_name, error.message)
            return None
    log.warning("Watch of %s skipped: no room in the call budget", service.service_name)
    return None


def findings_for(user: User) -> list[WatchFinding]:
    """What the latest watch found on the plans this person may see."""
    rows = db.session.scalars(
        select(WatchFinding).order_by(WatchFinding.service_name, WatchFinding.kind)
    )
    return [row for row in rows if can(user, row.service_name, Action.VIEW)]


def _send_digests(key: str) -> None:
    for user in db.session.scalars(select(User).where(User.active.is_(True))):
        if choices_of(user.id).watch and findings_for(user):
            send_to(user.id, "digest", {"key": key})
