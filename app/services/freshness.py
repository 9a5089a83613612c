"""What may be kept of OVH's answers, and what a page built from them must know: an answer
showing work in progress is never kept fresh, the reads a page could not take from the cache
(``live_reads``) keep the page itself from being kept, and the ages of the last known answers shown
in place of calls the budget did not allow (``stale_ages``) are told to the person."""

from __future__ import annotations

import contextvars
import logging
from typing import Any

from app.services.cache import Entry
from app.services.errors import NotFound, RateLimited

log = logging.getLogger(__name__)

RUNNING_TASK_STATUSES = frozenset({"todo", "init", "doing"})


def in_flux(answer: Any) -> bool:
    """Whether an answer shows something OVH is still working on (a running task, or an object
    with a ``taskId``): such answers are never cached, so the next page shows the settled state."""
    items = answer if isinstance(answer, list) else [answer]
    return any(
        isinstance(item, dict)
        and (item.get("taskId") is not None or item.get("status") in RUNNING_TASK_STATUSES)
        for item in items
    )


# The reads of one page that could not be cached (work in progress, or asked fresh): a page built
# from any of them must not be kept either. Set per request by whoever builds pages.
live_reads: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "live_reads", default=None
)


def note_live_read(key: str) -> None:
    reads = live_reads.get()
    if reads is not None:
        reads.append(key)


# The ages (seconds) of the last known answers a page shows because the budget was spent: the
# page says "as of N seconds ago". Set per request by whoever builds pages.
stale_ages: contextvars.ContextVar[list[float] | None] = contextvars.ContextVar(
    "stale_ages", default=None
)
NOT_FOUND = {"__ovh_answered__": 404}  # how a kept "nothing there" is stored


def answer_of(kept: Any) -> Any:
    """A kept answer as OVH gave it: a kept 404 is raised again."""
    if kept == NOT_FOUND:
        raise NotFound()
    return kept


def last_known(entry: Entry | None, key: str, error: RateLimited) -> Any:
    """The last known answer in place of a call the budget (or OVH's 429) did not allow."""
    if entry is None:
        raise error
    log.info("OVH call budget short: showing %s as of %.0f s ago", key, entry.age)
    note_live_read(key)
    ages = stale_ages.get()
    if ages is not None:
        ages.append(entry.age)
    return entry.value
