"""``/healthz``: 200 when the panel's database answers, for load balancers and containers, with
how many task-queue workers said they were alive in the last minute (none: jobs wait)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app import queue
from app.extensions import db
from app.queue.failures import alive_workers

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> tuple[dict[str, Any], int]:
    try:
        db.session.execute(text("SELECT 1"))
        workers = alive_workers()
    except SQLAlchemyError:
        db.session.rollback()
        return {"status": "database unreachable"}, 503
    immediate = queue.backend() == "immediate"
    return {
        "status": "ok",
        "queue": queue.backend(),
        "workers": workers,
        # Whether queued jobs will run: a worker is alive (or jobs run in the web process).
        "workers_alive": immediate or workers > 0,
    }, 200
