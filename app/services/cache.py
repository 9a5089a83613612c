"""A cache for OVH GET answers, dropped per hosting service when the panel changes it.

Shared across workers and hosts through Redis when ``REDIS_URL`` is set. Without Redis each
worker keeps its own answers, but the generation numbers live in the panel's database
(:class:`SharedVersionStore`), which every worker reads. Each service has a generation number
that is part of every key: invalidating a service bumps it, so every answer cached for that
service is unreachable at once, in every worker.

An answer is *fresh* for a while (``ttl``, or longer for answers that change slowly) and then
kept as the *last known* answer (``keep``), with the time it was read, for pages to show with its
age when the call budget is spent.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from app.services.engines import engine_for

ACCOUNT_SCOPE = "*account*"


def now() -> float:
    """Wall-clock seconds, comparable across workers and hosts (kept answers carry them)."""
    return time.time()


class CacheStore(Protocol):
    def get(self, key: str) -> Any | None: ...

    def set(self, key: str, value: Any, ttl: float) -> None: ...

    def incr(self, key: str) -> int: ...

    def add(self, key: str, value: Any, ttl: float) -> bool: ...

    def clear(self) -> None: ...


class MemoryStore:
    """A thread-safe dict with expiry, for one worker process."""

    def __init__(self, max_entries: int = 5000) -> None:
        self._data: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        self._max_entries = max_entries

    def get(self, key: str) -> Any | None:
        with self._lock:
            item = self._data.get(key)
            if item is None:
                return None
            expires, value = item
            if expires < time.monotonic():
                del self._data[key]
                return None
            return value

    def set(self, key: str, value: Any, ttl: float) -> None:
        with self._lock:
            if len(self._data) >= self._max_entries:
                moment = time.monotonic()
                self._data = {k: v for k, v in self._data.items() if v[0] >= moment}
                if len(self._data) >= self._max_entries:
                    self._data.clear()
            self._data[key] = (time.monotonic() + ttl, value)

    def incr(self, key: str) -> int:
        with self._lock:
            _, current = self._data.get(key, (0.0, 0))
            self._data[key] = (float("inf"), int(current) + 1)
            return int(current) + 1

    def add(self, key: str, value: Any, ttl: float) -> bool:
        """Set ``key`` only when it is absent (or expired): a claim that one worker wins."""
        with self._lock:
            item = self._data.get(key)
            if item is not None and item[0] >= time.monotonic():
                return False
            self._data[key] = (time.monotonic() + ttl, value)
            return True

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


class RedisStore:
    """The same, in Redis, so every worker sees one cache and one invalidation."""

    def __init__(self, url: str, prefix: str = "panel:ovh:") -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        self._prefix = prefix

    def get(self, key: str) -> Any | None:
        raw = self._redis.get(self._prefix + key)
        return json.loads(raw) if raw is not None else None

    def set(self, key: str, value: Any, ttl: float) -> None:
        self._redis.set(self._prefix + key, json.dumps(value), px=max(1, int(ttl * 1000)))

    def incr(self, key: str) -> int:
        return int(self._redis.incr(self._prefix + key))

    def add(self, key: str, value: Any, ttl: float) -> bool:
        ms = max(1, int(ttl * 1000))
        return bool(self._redis.set(self._prefix + key, json.dumps(value), px=ms, nx=True))

    def clear(self) -> None:
        for key in self._redis.scan_iter(self._prefix + "*"):
            self._redis.delete(key)


versions = sa.Table(
    "cache_generations",
    sa.MetaData(),
    sa.Column("scope", sa.String(255), primary_key=True),
    sa.Column("generation", sa.Integer, nullable=False),
)
GENERATION_PREFIX = "gen:"
WRITTEN_PREFIX = "written:"
# "Written until" moments are kept in the generations' integer column, as seconds after this
# moment (an INTEGER holds them for 68 years from it; plain epoch seconds overflow in 2038).
WRITTEN_EPOCH = 1_700_000_000


class SharedVersionStore:
    """Answers in this worker's memory, generation numbers in the database every worker reads:
    a change made through one worker drops what every other worker kept, at once.

    The "just written" marks live there too: a list read by another worker right after a change
    must also ask OVH for a fresh answer (``Pragma: no-cache``), or it gets OVH's kept list
    without the new item and keeps it for the cache's lifetime (a database just created missing
    from the list for up to 15 s, one try in two with two workers)."""

    def __init__(self, local: CacheStore, database_url: str) -> None:
        self._local = local
        self._engine = engine_for(database_url)
        self._insert = (
            postgresql.insert if self._engine.dialect.name == "postgresql" else sqlite.insert
        )

    def get(self, key: str) -> Any | None:
        if not key.startswith((GENERATION_PREFIX, WRITTEN_PREFIX)):
            return self._local.get(key)
        with self._engine.connect() as connection:
            found = connection.execute(
                sa.select(versions.c.generation).where(versions.c.scope == key[:255])
            ).scalar_one_or_none()
        if key.startswith(WRITTEN_PREFIX):
            return 1 if found is not None and found + WRITTEN_EPOCH > now() else None
        return found

    def set(self, key: str, value: Any, ttl: float) -> None:
        if not key.startswith(WRITTEN_PREFIX):
            self._local.set(key, value, ttl)
            return
        until = int(now() + ttl) + 1 - WRITTEN_EPOCH
        statement = (
            self._insert(versions)
            .values(scope=key[:255], generation=until)
            .on_conflict_do_update(index_elements=[versions.c.scope], set_={"generation": until})
        )
        with self._engine.begin() as connection:
            connection.execute(statement)

    def add(self, key: str, value: Any, ttl: float) -> bool:
        return self._local.add(key, value, ttl)

    def incr(self, key: str) -> int:
        if not key.startswith(GENERATION_PREFIX):
            return self._local.incr(key)
        statement = (
            self._insert(versions)
            .values(scope=key[:255], generation=1)
            .on_conflict_do_update(
                index_elements=[versions.c.scope],
                set_={"generation": versions.c.generation + 1},
            )
            .returning(versions.c.generation)
        )
        with self._engine.begin() as connection:
            return int(connection.execute(statement).scalar_one())

    def clear(self) -> None:
        self._local.clear()


@dataclass(frozen=True)
class Entry:
    """A kept answer: its value, when it was read, and until when it counts as fresh."""

    value: Any
    read_at: float
    fresh_until: float

    @property
    def age(self) -> float:
        return max(0.0, now() - self.read_at)

    @property
    def fresh(self) -> bool:
        return now() < self.fresh_until


class ResponseCache:
    """GET answers keyed by (service, path): fresh for ``ttl`` seconds, kept for ``keep``."""

    def __init__(self, store: CacheStore, ttl: float, keep: float | None = None) -> None:
        self._store = store
        self._ttl = ttl
        self._keep = max(ttl, keep or 0.0)

    @property
    def enabled(self) -> bool:
        return self._ttl > 0

    @property
    def store(self) -> CacheStore:
        return self._store

    def get(self, scope: str, key: str) -> Any | None:
        """The answer while it is fresh, else ``None``."""
        entry = self.entry(scope, key)
        return entry.value if entry is not None and entry.fresh else None

    def entry(self, scope: str, key: str) -> Entry | None:
        """The last known answer, fresh or not."""
        if not self.enabled:
            return None
        raw = self._store.get(self._key(scope, key))
        if not isinstance(raw, dict) or "at" not in raw:
            return None
        return Entry(raw.get("v"), float(raw["at"]), float(raw["until"]))

    def set(self, scope: str, key: str, value: Any, fresh_for: float | None = None) -> None:
        """Keep an answer; ``fresh_for=0`` keeps it only as the last known one."""
        if not self.enabled:
            return
        fresh_for = self._ttl if fresh_for is None else fresh_for
        read_at = now()
        kept = {"v": value, "at": read_at, "until": read_at + fresh_for}
        self._store.set(self._key(scope, key), kept, max(self._keep, fresh_for, 1.0))

    def claim(self, scope: str, key: str, seconds: float) -> bool:
        """Whether this worker is the one to ask OVH for ``key`` now (others use what is kept)."""
        if not self.enabled:
            return True
        return self._store.add("claim:" + self._key(scope, key), 1, seconds)

    def release(self, scope: str, key: str) -> None:
        """Give a claim up (OVH was not asked after all), so the next try may take it."""
        if self.enabled:
            self._store.set("claim:" + self._key(scope, key), 0, 0.001)

    def invalidate(self, scope: str) -> None:
        """Drop everything cached for one hosting service (and the account-wide lists)."""
        self._store.incr(f"gen:{scope}")
        if scope != ACCOUNT_SCOPE:
            self._store.incr(f"gen:{ACCOUNT_SCOPE}")

    def clear(self) -> None:
        self._store.clear()

    def mark_written(self, scope: str, seconds: float) -> None:
        """Note that the panel just changed ``scope``: its list reads must ask OVH for fresh
        answers for ``seconds`` (kept even when answers themselves are not cached)."""
        self._store.set(f"written:{scope}", 1, seconds)

    def recently_written(self, scope: str) -> bool:
        return self._store.get(f"written:{scope}") is not None

    def generation(self, scope: str) -> int:
        """Changes whenever the panel changes this service (or, for the account, any)."""
        return int(self._store.get(f"gen:{scope}") or 0)

    def _key(self, scope: str, key: str) -> str:
        return f"{scope}:{self.generation(scope)}:{key}"
