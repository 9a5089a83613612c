"""Driving the tests' immediate-mode queue: a job that asked to be looked at again later
(``NotYet``) waits in Huey's schedule; :func:`run_scheduled` runs what waits there, as a worker
would once its time comes."""

from __future__ import annotations

from datetime import datetime

from app import queue

FAR_FUTURE = datetime(2100, 1, 1)


def run_scheduled(rounds: int = 20) -> int:
    """Run every scheduled job, again and again while jobs reschedule themselves (at most
    ``rounds`` times); returns how many ran."""
    ran = 0
    for _ in range(rounds):
        due = queue.huey.read_schedule(FAR_FUTURE)
        if not due:
            break
        for task in due:
            queue.huey.execute(task, FAR_FUTURE)  # its time has come
            ran += 1
    return ran
