"""Let's Encrypt's weekly renewal limit, counted from the panel's own audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, utcnow
from app.services.ssl import REGENERATIONS_PER_WEEK

WINDOW = timedelta(days=7)
REGENERATE_ACTION = "ssl.regenerate"


@dataclass(frozen=True)
class RegenerationBudget:
    used: int
    limit: int
    next_possible: datetime | None  # when the oldest counted renewal leaves the window (UTC)

    @property
    def left(self) -> int:
        return max(0, self.limit - self.used)

    @property
    def exhausted(self) -> bool:
        return self.used >= self.limit

    @property
    def last_one(self) -> bool:
        return self.used == self.limit - 1


def regeneration_budget(service_name: str, target: str) -> RegenerationBudget:
    """Renewals of this certificate OVH accepted through the panel in the last 7 days."""
    since = utcnow() - WINDOW
    times = sorted(
        db.session.execute(
            select(AuditEntry.created_at).where(
                AuditEntry.action == REGENERATE_ACTION,
                AuditEntry.service_name == service_name,
                AuditEntry.target == target,
                AuditEntry.outcome == "accepted",
                AuditEntry.created_at > since,
            )
        ).scalars()
    )
    next_possible = None
    if len(times) >= REGENERATIONS_PER_WEEK:
        next_possible = times[len(times) - REGENERATIONS_PER_WEEK] + WINDOW
    return RegenerationBudget(len(times), REGENERATIONS_PER_WEEK, next_possible)
