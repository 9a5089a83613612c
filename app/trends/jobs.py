"""The daily snapshot of disk and database use, as a queue job at 05:30 UTC.

Few calls, at background priority: one list of the account's plans (each with its disk use),
then one list of databases per plan (each with its size), read a few plans at once as the pages
do; kept answers serve where they are fresh. An answer served from the last known ones (the
budget spent) is not today's use and is not written. Idempotent: a second run the same day
rewrites the same rows. Snapshots past ``TREND_KEEP_DAYS`` are pruned at the end.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from huey import crontab

from app.extensions import ovh_api
from app.queue import huey, job
from app.services import databases, hosting
from app.services.budget import BACKGROUND, in_background
from app.services.client import OvhGateway, stale_ages
from app.services.errors import PanelError, RateLimited
from app.trends import store

log = logging.getLogger(__name__)

SNAPSHOT_HOUR, SNAPSHOT_MINUTE = 5, 30  # UTC: before the daily watch, away from its calls
BUDGET_WAITS = 5  # how many times one read waits for room in the budget before it is skipped
T = TypeVar("T")


@huey.periodic_task(crontab(hour=SNAPSHOT_HOUR, minute=SNAPSHOT_MINUTE), name="trends.daily")
def daily_snapshot() -> None:
    take_snapshots()


@job(retries=3, delay=300.0, backoff=2.0)
def take_snapshots() -> None:
    gateway = ovh_api.gateway
    day = store.today()
    with in_background():
        services = _fresh(gateway, lambda: hosting.list_services(gateway), "the plans")
        if services is None:
            return
        store.record_plans(services, day)
        names = [service.service_name for service in services]
        found = gateway.map(lambda name: _databases_of(gateway, name), names)
    for name, bases in zip(names, found, strict=True):
        if bases is not None:
            store.record_databases(name, bases, day)
    removed = store.prune(day)
    log.info("Use snapshots of %d plans taken for %s; %d old ones pruned", len(names), day, removed)


def _databases_of(gateway: OvhGateway, name: str) -> list[databases.Database] | None:
    return _fresh(gateway, lambda: databases.list_databases(gateway, name), name)


def _fresh(gateway: OvhGateway, read: Callable[[], T], what: str) -> T | None:
    """``read``'s answer when OVH gave it now (waiting a little for room in the call budget);
    ``None`` when it failed or came from the last known answers."""
    ages: list[float] = []
    token = stale_ages.set(ages)
    try:
        answer = _patiently(gateway, read, what)
    finally:
        stale_ages.reset(token)
    return None if ages else answer


def _patiently(gateway: OvhGateway, read: Callable[[], T], what: str) -> T | None:
    for _ in range(BUDGET_WAITS):
        try:
            return read()
        except RateLimited:
            budget = gateway.budget
            time.sleep(min(60.0, max(1.0, budget.wait_seconds(BACKGROUND) if budget else 1.0)))
        except PanelError as error:
            log.warning("Use snapshot of %s failed: %s", what, error.message)
            return None
    log.warning("Use snapshot of %s skipped: no room in the call budget", what)
    return None
