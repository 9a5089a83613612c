"""Each person's choices of what they hear about and how."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import utcnow


class NotificationSettings(db.Model):  # type: ignore[name-defined]
    """One row per person who changed the defaults (tasks they started, the daily watch, by
    email). The chat destination is an Apprise URL, which holds the service's token: it is kept
    encrypted with a key derived from ``SECRET_KEY`` and never shown again."""

    __tablename__ = "notification_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    my_tasks: Mapped[bool] = mapped_column(default=True)
    plan_tasks: Mapped[bool] = mapped_column(default=False)
    watch: Mapped[bool] = mapped_column(default=True)
    by_email: Mapped[bool] = mapped_column(default=True)
    chat_destination: Mapped[str | None] = mapped_column(Text, nullable=True)  # encrypted
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
