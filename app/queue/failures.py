"""Jobs that gave up, and the workers that are alive, for administrators and ``/healthz``."""

from __future__ import annotations

import os
import socket
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, func, select

from app.extensions import db
from app.models import utcnow
from app.queue.models import JobFailure, WorkerHeartbeat

ALIVE_WITHIN = timedelta(seconds=60)


def record_failure(job: str, args: tuple[Any, ...], error: Exception, trace: str) -> None:
    """Counted on the open row of the same job and arguments, else a new row. Arguments are the
    job's own (service names, task ids): jobs are never given a secret."""
    db.session.rollback()
    arguments = repr(args)[:500]
    message = f"{type(error).__name__}: {error}"[:2000]
    row = db.session.scalars(
        select(JobFailure).where(
            JobFailure.job == job, JobFailure.arguments == arguments, JobFailure.seen.is_(False)
        )
    ).first()
    if row is None:
        db.session.add(JobFailure(job=job, arguments=arguments, error=message, trace=trace))
    else:
        row.times += 1
        row.error, row.trace, row.last_at = message, trace, utcnow()
    db.session.commit()


def open_failures(limit: int = 50) -> list[JobFailure]:
    return list(
        db.session.scalars(
            select(JobFailure)
            .where(JobFailure.seen.is_(False))
            .order_by(JobFailure.last_at.desc())
            .limit(limit)
        )
    )


def mark_seen(failure_id: int) -> None:
    row = db.session.get(JobFailure, failure_id)
    if row is not None:
        row.seen = True
        db.session.commit()


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def beat(worker: str) -> None:
    row = db.session.get(WorkerHeartbeat, worker)
    if row is None:
        db.session.add(WorkerHeartbeat(worker=worker))
    else:
        row.seen_at = utcnow()
    # Rows of workers gone for a day are dropped (a crash leaves its row behind).
    db.session.execute(
        delete(WorkerHeartbeat).where(WorkerHeartbeat.seen_at < utcnow() - timedelta(days=1))
    )
    db.session.commit()


def stopped(worker: str) -> None:
    db.session.execute(delete(WorkerHeartbeat).where(WorkerHeartbeat.worker == worker))
    db.session.commit()


def alive_workers() -> int:
    count = db.session.scalar(
        select(func.count()).where(WorkerHeartbeat.seen_at >= utcnow() - ALIVE_WITHIN)
    )
    return int(count or 0)


def workers() -> list[WorkerHeartbeat]:
    return list(db.session.scalars(select(WorkerHeartbeat).order_by(WorkerHeartbeat.started_at)))
