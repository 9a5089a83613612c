"""Writing and reading the daily snapshots: one row per thing per day (the day's last reading
wins, so writing twice is harmless), and rows older than ``TREND_KEEP_DAYS`` pruned."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db
from app.services.databases import Database
from app.services.hosting import HostingService
from app.services.units import Usage
from app.trends.models import PLAN, UseSnapshot


def today() -> date:
    return datetime.now(UTC).date()


def _row(service_name: str, database: str, usage: Usage, day: date) -> dict[str, Any] | None:
    used = usage.used.bytes if usage.used else None
    if used is None:
        return None  # OVH has not measured it yet (a database being created)
    size = usage.size.bytes if usage.size else None
    return {
        "service_name": service_name,
        "database": database,
        "day": day,
        "used_bytes": round(used),
        "size_bytes": round(size) if size is not None else None,
    }


def upsert(rows: Iterable[dict[str, Any] | None]) -> int:
    """Write each row, replacing the same thing's row of the same day; returns how many."""
    values = [row for row in rows if row is not None]
    if not values:
        return 0
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(UseSnapshot).values(values)
    statement = statement.on_conflict_do_update(
        index_elements=["service_name", "database", "day"],
        set_={"used_bytes": statement.excluded.used_bytes,
              "size_bytes": statement.excluded.size_bytes},
    )  # fmt: skip
    db.session.execute(statement)
    db.session.commit()
    return len(values)


def record_plans(services: Iterable[HostingService], day: date | None = None) -> int:
    on = day or today()
    return upsert(_row(service.service_name, PLAN, service.disk, on) for service in services)


def record_databases(service_name: str, found: Iterable[Database], day: date | None = None) -> int:
    on = day or today()
    return upsert(_row(service_name, base.name, base.disk, on) for base in found)


def history(service_name: str, database: str, since: date) -> list[UseSnapshot]:
    """The thing's snapshots from ``since`` on, oldest first."""
    query = (
        select(UseSnapshot)
        .where(
            UseSnapshot.service_name == service_name,
            UseSnapshot.database == database,
            UseSnapshot.day >= since,
        )
        .order_by(UseSnapshot.day)
    )
    return list(db.session.scalars(query))


def prune(day: date | None = None) -> int:
    """Forget snapshots older than the kept time; returns how many rows went."""
    keep = int(current_app.config["TREND_KEEP_DAYS"])
    cutoff = (day or today()) - timedelta(days=keep)
    result = db.session.execute(delete(UseSnapshot).where(UseSnapshot.day < cutoff))
    db.session.commit()
    return int(getattr(result, "rowcount", 0) or 0)
