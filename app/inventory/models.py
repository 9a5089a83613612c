"""An inventory prepared by the queue for one person: its progress while the plans are read, then
its rows (OVH's values, per plan and sheet) until it is removed an hour later. The files are
written from the rows when downloaded, in the language of whoever downloads them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import utcnow

QUEUED, RUNNING, READY, FAILED = "queued", "running", "ready", "failed"


class PreparedInventory(db.Model):  # type: ignore[name-defined]
    __tablename__ = "prepared_inventories"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(10), default=QUEUED)
    plans_total: Mapped[int] = mapped_column(default=0)
    plans_done: Mapped[int] = mapped_column(default=0)
    # {service_name: {sheet key: [row, …]}}, filled as the plans are read; order: the plans'.
    rows: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    order: Mapped[list[str]] = mapped_column(JSON, default=list)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)
    expires_at: Mapped[datetime] = mapped_column(index=True)

    @property
    def final(self) -> bool:
        return self.state in (READY, FAILED)
