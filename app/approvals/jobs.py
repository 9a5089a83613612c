"""Requests past their 7 days are marked expired every hour (the pages also do it when read), so
the person who asked hears of it even if nobody opens the Approvals page."""

from __future__ import annotations

from huey import crontab

from app.queue import huey, job


@huey.periodic_task(crontab(minute=17), name="approvals.expire")
def expire_hourly() -> None:
    expire_requests()


@job(retries=3, delay=60.0)
def expire_requests() -> None:
    from app.approvals.requests import expire_due

    expire_due()
