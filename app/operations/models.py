"""An operation in parts, kept while the queue moves it on (``app.operations.runner``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import utcnow


class Operation(db.Model):  # type: ignore[name-defined]
    """Its parts (``steps``: kind, target, task, state, error) run in order, each once the one
    before it has ended well; ``position`` and ``step_state`` say where it stands, and a part is
    claimed with a conditional update on them before anything is sent."""

    __tablename__ = "operations"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_name: Mapped[str] = mapped_column(String(255), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    kind: Mapped[str] = mapped_column(String(24))  # restore, import, copy, delete, ssl_replace
    target: Mapped[str] = mapped_column(String(255))
    state: Mapped[str] = mapped_column(String(16), default="running", index=True)  # done, failed
    position: Mapped[int] = mapped_column(default=0)
    step_state: Mapped[str] = mapped_column(String(16), default="waiting")  # starting, running
    task_id: Mapped[int | None] = mapped_column(nullable=True, index=True)  # the running part's
    steps: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # what the parts send
    # What a part still has to send and must not be kept in clear (a certificate's private key):
    # sealed with a key derived from SECRET_KEY, valid a short time, erased once used or failed.
    sealed: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    step_started_at: Mapped[datetime | None] = mapped_column(nullable=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
