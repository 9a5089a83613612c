"""Call counters per route template (``GET /hosting/web/{serviceName}``), for benchmarks."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

API_PREFIX = "/1.0"
RATE_LIMITED = "!429"  # not a route: how many calls the rate limit refused


def route_template(method: str, rule: str) -> str:
    """``/1.0/hosting/web/<serviceName>`` → ``GET /hosting/web/{serviceName}``."""
    path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule).removeprefix(API_PREFIX)
    return f"{method} {path.rstrip('/') or '/'}"


def count(conn: sqlite3.Connection, route: str) -> None:
    conn.execute(
        "INSERT INTO stats (route, count) VALUES (?, 1) "
        "ON CONFLICT (route) DO UPDATE SET count = count + 1",
        (route,),
    )


def summary(conn: sqlite3.Connection) -> dict[str, Any]:
    """Calls per route (refused ones included) and how many the rate limit answered 429."""
    by_route = {
        row["route"]: row["count"]
        for row in conn.execute("SELECT route, count FROM stats ORDER BY route")
    }
    rate_limited = by_route.pop(RATE_LIMITED, 0)
    return {"total": sum(by_route.values()), "by_route": by_route, "rate_limited": rate_limited}


def clear(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM stats")
