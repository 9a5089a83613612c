"""Writes as OVH tasks: ``todo`` → ``doing`` → final, computed lazily from timestamps.

A task stores its start time, its step length (``SandboxConfig.task_seconds`` when it was made)
and the outcome it will reach (``done``, or ``cancelled`` for trigger inputs). Its status
is derived from the clock on every read, so no background thread is needed. :func:`settle` runs
inside the request's write transaction and applies the side effects of each task that reached its
outcome exactly once (``settled`` flips 0 → 1 under SQLite's write lock, safe across processes).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any

from ovh_sandbox import clock, effects
from ovh_sandbox.db import Store

RUNNING = ("todo", "doing")


def attached_domain_id(service: str, domain: str) -> int:
    """The attached domain's own number, stable for a service and domain (OVH's control panel
    mocks show ``objectId: '30533272'`` for ``attachedDomain/create``)."""
    digest = hashlib.sha1(f"{service}/{domain}".encode()).hexdigest()
    return 10_000_000 + int(digest[:7], 16) % 90_000_000


def object_id_for(service: str, object_type: str, key: str) -> str:
    """``objectId`` as OVH shows it: numeric text for an attached domain, else the object's name."""
    if object_type == "AttachedDomain":
        return str(attached_domain_id(service, key))
    return key


def status_at(row: sqlite3.Row, at: float) -> str:
    step = row["step"]
    elapsed = at - row["start"]
    if step <= 0 or elapsed >= 2 * step:
        return str(row["outcome"])
    return "todo" if elapsed < step else "doing"


def render(row: sqlite3.Row, at: float) -> dict[str, Any]:
    """The task as ``hosting.web.PublicTask`` / ``hosting.web.task`` (same fields)."""
    status = status_at(row, at)
    start, step = row["start"], row["step"]
    finished = status not in RUNNING
    last_update = {"todo": start, "doing": start + step}.get(status, start + 2 * step)
    return {
        "doneDate": clock.iso(start + 2 * step) if finished else None,
        "function": row["function"],
        "id": row["id"],
        "lastUpdate": clock.iso(last_update),
        "objectId": row["object_id"],
        "objectType": row["object_type"],
        "startDate": clock.iso(start),
        "status": status,
    }


def create(
    conn: sqlite3.Connection,
    service: str,
    *,
    function: str,
    object_type: str,
    object_id: str,
    step: float,
    outcome: str = "done",
    payload: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Start a task now and return it as the API shows it."""
    now = clock.now()
    cursor = conn.execute(
        "INSERT INTO tasks (service, function, object_type, object_id, start, step, outcome, "
        "payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            service,
            function,
            object_type,
            object_id_for(service, object_type, object_id),
            now,
            step,
            outcome,
            json.dumps(payload or {}),
        ),
    )
    row = conn.execute("SELECT * FROM tasks WHERE id=?", (cursor.lastrowid,)).fetchone()
    return render(row, now)


def settle(conn: sqlite3.Connection, service: str) -> None:
    """Apply the side effects of every task of ``service`` that has reached its outcome."""
    now = clock.now()
    store = Store(conn)
    rows = conn.execute(
        "SELECT * FROM tasks WHERE service=? AND settled=0 ORDER BY id", (service,)
    ).fetchall()
    for row in rows:
        status = status_at(row, now)
        if status in RUNNING:
            continue
        claimed = conn.execute("UPDATE tasks SET settled=1 WHERE id=? AND settled=0", (row["id"],))
        if claimed.rowcount == 1:
            effects.apply(
                store,
                service,
                row["function"],
                json.loads(row["payload"]),
                succeeded=status == "done",
            )


def find(conn: sqlite3.Connection, service: str, task_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT * FROM tasks WHERE service=? AND id=?", (service, task_id)
    ).fetchone()
    return None if row is None else render(row, clock.now())


def listing(
    conn: sqlite3.Connection, service: str, function_like: str | None, status: str | None
) -> list[dict[str, Any]]:
    """The service's tasks, oldest first, filtered like ``GET …/tasks``."""
    now = clock.now()
    rows = conn.execute("SELECT * FROM tasks WHERE service=? ORDER BY id", (service,))
    found = [render(row, now) for row in rows]
    if function_like:
        found = [t for t in found if function_like.lower() in t["function"].lower()]
    if status:
        found = [t for t in found if t["status"] == status]
    return found


# hosting.web.task.StatusEnum has no failure value: a task OVH gives up on ends ``cancelled``
# (README, UNCONFIRMED table), so both trigger inputs end there.
FAILED = "cancelled"


def outcome_for_domain(domain: str) -> str:
    """Trigger inputs: a first label ``cancel-…`` or ``fail-…`` ends ``cancelled``."""
    first_label = domain.split(".", 1)[0]
    if first_label.startswith(("cancel-", "fail-")):
        return FAILED
    return "done"


def outcome_for_database_user(user: str) -> str:
    """Trigger inputs: a database user ending in ``cancel`` or ``fail``."""
    if user.endswith(("cancel", "fail")):
        return FAILED
    return "done"
