"""Demo only (``flask demo prepare``, on the built-in sandbox): 120 days of made-up daily use
before today for the sandbox's plans and databases, ending at what the sandbox says today, so
the trend charts have something to show. Never called on real credentials: the command refuses
to run off the sandbox, and this reads the sandbox's own file."""

from __future__ import annotations

import random
from contextlib import closing
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.services.units import Quantity
from app.trends import store
from app.trends.models import PLAN, UseSnapshot

DEMO_DAYS = 120


def seed_history(sandbox_config: Any, days: int = DEMO_DAYS) -> int:
    """Rows for each plan and database that has no history yet; returns how many were written."""
    from ovh_sandbox import db as sandbox_db

    today = store.today()
    rows: list[dict[str, Any]] = []
    with closing(sandbox_db.connect(sandbox_config.db_path)) as conn:
        docs = sandbox_db.Store(conn)
        for service_name in docs.services():
            plan = docs.get("service", service_name) or {}
            rows += _history(service_name, PLAN, plan, today, days)
            for base in docs.all("database", service_name):
                rows += _history(service_name, str(base["name"]), base, today, days)
    return store.upsert(rows)


def _history(
    service_name: str, name: str, doc: dict[str, Any], today: date, days: int
) -> list[dict[str, Any]]:
    used, size = _bytes(doc.get("quotaUsed")), _bytes(doc.get("quotaSize"))
    known = select(UseSnapshot.day).where(
        UseSnapshot.service_name == service_name, UseSnapshot.database == name
    )
    if used is None or db.session.scalars(known.limit(1)).first() is not None:
        return []
    rng = random.Random(f"{service_name}/{name}")  # the same history on every demo
    draw = rng.random()
    if size and used >= 0.9 * size:
        draw = 1.0  # near its quota: it got there by growing (the page says when it is full)
    if draw < 0.15:
        start, noise = used * 1.3, 0.002  # cleaned up: shrinking
    elif draw < 0.3:
        start, noise = used, 0.0  # untouched: no change
    else:
        start, noise = used * rng.uniform(0.55, 0.8), 0.002  # growing
    rows = []
    for back in range(days, 0, -1):
        share = (days - back) / days
        value = start + (used - start) * share + rng.gauss(0, noise * used)
        value = max(0.0, min(value, size or value))
        rows.append(
            {
                "service_name": service_name,
                "database": name,
                "day": today - timedelta(days=back),
                "used_bytes": round(value),
                "size_bytes": round(size) if size else None,
            }
        )
    return rows


def _bytes(raw: Any) -> float | None:
    quantity = Quantity.from_ovh(raw)
    return quantity.bytes if quantity else None
