"""A request for an administrator's approval: who asked, for what, why, and the exact values."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import utcnow

WAITING, APPROVED, DECLINED, EXPIRED, FAILED = (
    "waiting",
    "approved",
    "declined",
    "expired",
    "failed",
)


class ApprovalRequest(db.Model):  # type: ignore[name-defined]
    __tablename__ = "approval_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(64))  # a key of app.approvals.registry.APPROVABLE
    service_name: Mapped[str] = mapped_column(String(255), index=True)
    target: Mapped[str] = mapped_column(String(255))
    # The exact values of the form (never a secret: no approvable action takes one).
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reason: Mapped[str] = mapped_column(Text, default="")
    requested_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    requester_email: Mapped[str] = mapped_column(String(254), default="")
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    state: Mapped[str] = mapped_column(String(10), default=WAITING, index=True)
    decided_by_email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    decline_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    task_id: Mapped[int | None] = mapped_column(nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
