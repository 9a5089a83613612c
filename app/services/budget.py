"""OVH's fair use: one budget of calls per minute for the consumer key, shared by every worker.

OVH asks API consumers to stay near 60 requests a minute per consumer key. Every HTTP call the
panel makes to OVH first takes a place in a moving one-minute window (Redis when ``REDIS_URL`` is
set, so all workers and hosts count together; else per process). A person waiting for a page may
use the whole window; background work (refreshing kept answers) only the part above a reserve, so
it never takes the places a page needs. A 429 from OVH pauses the budget for everyone, for as long
as its ``Retry-After`` says (bounded), whatever its body: the answer is never parsed or retried.
"""

from __future__ import annotations

import contextlib
import contextvars
import email.utils
import hashlib
import time
from collections.abc import Iterator, Mapping
from typing import Any

import requests
from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage, RedisStorage, Storage
from limits.strategies import MovingWindowRateLimiter
from requests.adapters import HTTPAdapter

from app.services.cache import CacheStore
from app.services.errors import Busy, RateLimited

INTERACTIVE = "interactive"  # a person is waiting for the answer
BACKGROUND = "background"  # refreshing or prefetching: nobody is waiting
# The panel's window is a little longer than OVH's minute, so calls that reach OVH a few
# milliseconds apart from when they were counted still fit in any minute OVH looks at.
WINDOW_SECONDS = 62
PAUSE_WITHOUT_RETRY_AFTER = 30.0  # OVH's 429 may come without Retry-After (UNCONFIRMED)
LONGEST_PAUSE = 300.0  # a Retry-After beyond this is read as this
SHORTEST_PAUSE = 1.0

priority: contextvars.ContextVar[str] = contextvars.ContextVar("ovh_priority", default=INTERACTIVE)


@contextlib.contextmanager
def in_background() -> Iterator[None]:
    """Calls made inside spend the budget as background work."""
    token = priority.set(BACKGROUND)
    try:
        yield
    finally:
        priority.reset(token)


class CallBudget:
    """``per_minute`` calls in any window, per consumer key, with a reserve for people."""

    def __init__(
        self, per_minute: int, storage: Storage, pauses: CacheStore, identity: str
    ) -> None:
        self.per_minute = max(1, per_minute)
        self._item = RateLimitItemPerSecond(self.per_minute, WINDOW_SECONDS)
        self._limiter = MovingWindowRateLimiter(storage)
        self._pauses = pauses
        self._identity = identity
        # Background work stops while this many places or fewer are left in the window: what
        # people need for a page's own reads while the window frees up again.
        self.reserve = max(1, self.per_minute // 4)

    def try_spend(self, kind: str = INTERACTIVE) -> bool:
        """Take one place for a call now, or say there is none for this kind of call."""
        if self.paused_for() > 0:
            return False
        if kind == BACKGROUND and self.left() <= self.reserve:
            return False
        return bool(self._limiter.hit(self._item, self._identity))

    def left(self) -> int:
        return int(self._limiter.get_window_stats(self._item, self._identity).remaining)

    def wait_seconds(self, kind: str = INTERACTIVE) -> float:
        """How long until a call of this kind may go out, as far as one can tell now."""
        paused = self.paused_for()
        if paused > 0:
            return paused
        stats = self._limiter.get_window_stats(self._item, self._identity)
        needed = self.reserve + 1 if kind == BACKGROUND else 1
        if stats.remaining >= needed:
            return 0.0
        return max(SHORTEST_PAUSE, float(stats.reset_time) - time.time())

    def pause(self, seconds: float) -> None:
        """Send nothing, from any worker, for ``seconds`` (bounded)."""
        seconds = min(LONGEST_PAUSE, max(SHORTEST_PAUSE, seconds))
        until = time.time() + seconds
        if until > time.time() + self.paused_for():
            self._pauses.set(self._pause_key, until, seconds)

    def paused_for(self) -> float:
        until = self._pauses.get(self._pause_key)
        return max(0.0, float(until) - time.time()) if until is not None else 0.0

    def clear(self) -> None:
        self._limiter.clear(self._item, self._identity)
        self._pauses.set(self._pause_key, 0, SHORTEST_PAUSE)

    @property
    def _pause_key(self) -> str:
        return f"budget-pause:{self._identity}"


def retry_after_seconds(headers: Mapping[str, str]) -> float:
    """``Retry-After`` in seconds (a number or an HTTP date); a default when absent or bad."""
    value = headers.get("Retry-After")
    if value is None:
        return PAUSE_WITHOUT_RETRY_AFTER
    try:
        return float(value)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).timestamp() - time.time()
    except (TypeError, ValueError):
        return PAUSE_WITHOUT_RETRY_AFTER


class BudgetedAdapter(HTTPAdapter):
    """The transport under python-ovh: every request spends the budget first; a 429 pauses it.

    Sitting below python-ovh means every call is counted, whoever makes it (reads, writes, list
    pages, the clock sync), and a 429 is recognised before python-ovh tries to read its body.
    """

    def __init__(self, budget: CallBudget) -> None:
        super().__init__(pool_connections=4, pool_maxsize=32)
        self.budget = budget

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        kind = priority.get()
        if not self.budget.try_spend(kind):
            raise Busy(retry_after=max(1.0, self.budget.wait_seconds(kind)))
        response = super().send(request, *args, **kwargs)
        if response.status_code == 429:
            pause = retry_after_seconds(response.headers)
            self.budget.pause(pause)
            query_id = response.headers.get("X-Ovh-QueryID")
            response.close()
            raise RateLimited(
                query_id=query_id,
                detail="OVH answered 429 Too Many Requests",
                retry_after=min(LONGEST_PAUSE, max(SHORTEST_PAUSE, pause)),
            )
        return response


def identity_of(ovh_settings: Mapping[str, Any]) -> str:
    """Who the budget belongs to: the consumer key (or OAuth2 client), never stored as such."""
    who = ovh_settings.get("consumer_key") or ovh_settings.get("client_id") or "anonymous"
    return hashlib.sha256(str(who).encode()).hexdigest()[:16]


def build_budget(
    per_minute: int,
    ovh_settings: Mapping[str, Any],
    pauses: CacheStore,
    redis_url: str | None,
    prefix: str,
) -> CallBudget:
    storage: Storage = (
        RedisStorage(redis_url, key_prefix=prefix + "budget") if redis_url else MemoryStorage()
    )
    return CallBudget(per_minute, storage, pauses, identity_of(ovh_settings))
