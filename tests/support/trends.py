"""Days of disk or database use before today, as the daily job would have left them."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask

from app.trends import store

MB = 1024**2


def history(
    app: Flask, service_name: str, database: str, used_mb: list[float], size_mb: float
) -> None:
    """One snapshot a day up to yesterday, the last of ``used_mb`` yesterday's."""
    with app.app_context():
        today = store.today()
        store.upsert(
            {
                "service_name": service_name,
                "database": database,
                "day": today - timedelta(days=len(used_mb) - index),
                "used_bytes": round(mb * MB),
                "size_bytes": round(size_mb * MB),
            }
            for index, mb in enumerate(used_mb)
        )
