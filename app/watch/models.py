"""What the daily watch found, and its runs (one a day, claimed: two workers never both run it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import utcnow


class WatchRun(db.Model):  # type: ignore[name-defined]
    __tablename__ = "watch_runs"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)  # the day, or a forced run
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)


class WatchFinding(db.Model):  # type: ignore[name-defined]
    """One thing needing attention on a plan, as the latest watch of that plan found it."""

    __tablename__ = "watch_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_name: Mapped[str] = mapped_column(String(255), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(255), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    found_at: Mapped[datetime] = mapped_column(default=utcnow)
