"""One row per plan (``database`` empty) or database, per day: the last use seen that day."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

PLAN = ""  # the ``database`` of a plan's own disk use


class UseSnapshot(db.Model):  # type: ignore[name-defined]
    __tablename__ = "use_snapshots"

    service_name: Mapped[str] = mapped_column(String(255), primary_key=True)
    database: Mapped[str] = mapped_column(String(255), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True, index=True)
    used_bytes: Mapped[int] = mapped_column(BigInteger)
    size_bytes: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
