"""Background refreshes of kept answers, spending only the budget people leave unused.

A page that finds a slow-changing answer (a DNS diagnosis, a domain's certificate) missing or
getting old asks for it here instead of calling OVH while the person waits. One thread per worker
works through the queue at background priority and waits, without calling, while the budget has
no room for background work. The same answer is never queued twice in one worker, and a claim in
the shared cache keeps two workers from asking OVH for it at the same time.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable

from app.services.budget import BACKGROUND, CallBudget, in_background
from app.services.errors import PanelError, RateLimited

log = logging.getLogger(__name__)

MAX_QUEUED = 1000
LONGEST_WAIT = 30.0


class Refresher:
    """A queue of refresh jobs keyed by what they refresh; ``start=False`` runs them only on
    :meth:`drain` (tests, and workers that must not start threads)."""

    def __init__(self, budget: CallBudget | None, start: bool = True) -> None:
        self._budget = budget
        self._jobs: OrderedDict[str, Callable[[], None]] = OrderedDict()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._start = start
        self._thread: threading.Thread | None = None

    def submit(self, key: str, job: Callable[[], None]) -> None:
        with self._lock:
            if key in self._jobs or len(self._jobs) >= MAX_QUEUED:
                return
            self._jobs[key] = job
            if self._start and (self._thread is None or not self._thread.is_alive()):
                self._thread = threading.Thread(target=self._run, name="ovh-refresh", daemon=True)
                self._thread.start()
        self._wake.set()

    def pending(self) -> list[str]:
        with self._lock:
            return list(self._jobs)

    def drain(self) -> int:
        """Run every queued job now, in this thread; returns how many ran."""
        done = 0
        while (job := self._next()) is not None and self._run_one(*job):
            done += 1
        return done

    def _next(self) -> tuple[str, Callable[[], None]] | None:
        with self._lock:
            if not self._jobs:
                return None
            return self._jobs.popitem(last=False)

    def _run(self) -> None:
        while True:
            wait = self._budget.wait_seconds(BACKGROUND) if self._budget is not None else 0.0
            if wait > 0:
                self._wake.clear()
                threading.Event().wait(min(LONGEST_WAIT, wait))
                continue
            job = self._next()
            if job is None:
                self._wake.clear()
                self._wake.wait(LONGEST_WAIT)
                continue
            if not self._run_one(*job):
                threading.Event().wait(1.0)  # never retried in a tight loop

    def _run_one(self, key: str, job: Callable[[], None]) -> bool:
        """Run one job; ``False`` when the budget had no room (it is queued again)."""
        try:
            with in_background():
                job()
        except RateLimited:
            # No room after all (another worker took it, or OVH said 429): later.
            with self._lock:
                self._jobs[key] = job
                self._jobs.move_to_end(key, last=False)
            return False
        except PanelError as error:
            log.info("Background refresh of %s failed: %s", key, error.detail or error.message)
        except Exception:
            log.exception("Background refresh of %s failed", key)
        return True
