"""What the queue keeps in the panel's database: the workers' heartbeats (``/healthz`` and the
administrators' page read them) and the jobs that kept failing after their last try."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import utcnow


class WorkerHeartbeat(db.Model):  # type: ignore[name-defined]
    """One row per running worker process, touched every few seconds while it runs."""

    __tablename__ = "worker_heartbeats"

    worker: Mapped[str] = mapped_column(String(200), primary_key=True)  # host:pid
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class JobFailure(db.Model):  # type: ignore[name-defined]
    """A job that failed on its last try: one row per job and arguments, counted again when the
    same job gives up again, until an administrator marks it seen."""

    __tablename__ = "job_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(100), index=True)
    arguments: Mapped[str] = mapped_column(String(500))
    error: Mapped[str] = mapped_column(Text)
    trace: Mapped[str] = mapped_column(Text, default="")
    times: Mapped[int] = mapped_column(default=1)
    first_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    seen: Mapped[bool] = mapped_column(default=False)
