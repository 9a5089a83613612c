"""The sandbox's only clock, so tests can move time without sleeping.

Every timestamp the sandbox stores or compares (task progress, credential expiry, request
timestamps, rate-limit windows) comes from :func:`now`; tests monkeypatch it.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime


def now() -> float:
    """Seconds since the epoch, as the sandbox sees them."""
    return time.time()


def iso(timestamp: float) -> str:
    """An ISO-8601 date with its time zone, as OVH writes datetimes."""
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds")


def iso_or_none(timestamp: float | None) -> str | None:
    """Like :func:`iso`, keeping ``None`` for nullable dates."""
    return None if timestamp is None else iso(timestamp)


def parse(value: str) -> float:
    """Seconds since the epoch for an ISO-8601 date (a query's ``creationDate.from``…)."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
