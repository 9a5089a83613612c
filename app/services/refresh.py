"""Background refreshes of kept answers, spending only the budget people leave unused.

A page that finds a slow-changing answer (a DNS diagnosis, a domain's certificate) missing or
getting old asks for it here instead of calling OVH while the person waits. With the task queue
(``dispatch``, given by the app) each refresh becomes a job a queue worker runs at background
priority (``app/queue/jobs.py:refresh_answer``): it waits, without calling, while the budget has
no room for background work. The same answer is not queued twice by one process within
:data:`REQUEUE_AFTER` seconds, and a claim in the shared cache keeps two workers from asking OVH
for it at the same time. Without a queue (tests, tools) the jobs wait here until :meth:`drain`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from app.services.budget import CallBudget, in_background
from app.services.errors import PanelError, RateLimited

log = logging.getLogger(__name__)

MAX_QUEUED = 1000
REQUEUE_AFTER = 30.0

# (scope, target, older_than): what a queued refresh job needs, all plain values.
Spec = tuple[str, str, float | None]


class Refresher:
    """Refresh jobs keyed by what they refresh: handed to ``dispatch`` (the task queue) when the
    app gives one, else kept in this process and run only on :meth:`drain`."""

    def __init__(
        self, budget: CallBudget | None, dispatch: Callable[[Spec], None] | None = None
    ) -> None:
        self._budget = budget
        self._dispatch = dispatch
        self._jobs: OrderedDict[str, Callable[[], None]] = OrderedDict()
        self._sent: dict[str, float] = {}
        self._lock = threading.Lock()

    def submit(self, key: str, job: Callable[[], None], spec: Spec | None = None) -> None:
        if self._dispatch is not None and spec is not None:
            now = time.monotonic()
            with self._lock:
                if now - self._sent.get(key, -REQUEUE_AFTER) < REQUEUE_AFTER:
                    return
                if len(self._sent) >= MAX_QUEUED:
                    self._sent = {k: t for k, t in self._sent.items() if now - t < REQUEUE_AFTER}
                self._sent[key] = now
            try:
                self._dispatch(spec)
            except Exception:  # the queue is away: the page still shows what it knows
                log.exception("Could not queue the refresh of %s", key)
            return
        with self._lock:
            if key in self._jobs or len(self._jobs) >= MAX_QUEUED:
                return
            self._jobs[key] = job

    def pending(self) -> list[str]:
        with self._lock:
            return list(self._jobs)

    def drain(self) -> int:
        """Run every job kept here now, in this thread; returns how many ran."""
        done = 0
        while (job := self._next()) is not None and self._run_one(*job):
            done += 1
        return done

    def _next(self) -> tuple[str, Callable[[], None]] | None:
        with self._lock:
            if not self._jobs:
                return None
            return self._jobs.popitem(last=False)

    def _run_one(self, key: str, job: Callable[[], None]) -> bool:
        """Run one job; ``False`` when the budget had no room (it is kept again)."""
        try:
            with in_background():
                job()
        except RateLimited:
            with self._lock:
                self._jobs[key] = job
                self._jobs.move_to_end(key, last=False)
            return False
        except PanelError as error:
            log.info("Background refresh of %s failed: %s", key, error.detail or error.message)
        except Exception:
            log.exception("Background refresh of %s failed", key)
        return True
