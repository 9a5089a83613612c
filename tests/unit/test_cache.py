"""The OVH answer cache: per process, or shared through Redis, dropped per service."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from app.services.cache import ACCOUNT_SCOPE, CacheStore, MemoryStore, RedisStore, ResponseCache


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> Iterator[CacheStore]:
    if request.param == "memory":
        yield MemoryStore()
        return
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set: the Redis cache is tested in the PostgreSQL/Redis run")
    redis_store = RedisStore(url, prefix=f"panel-test-{uuid.uuid4().hex}:")
    yield redis_store
    redis_store.clear()


def test_an_answer_is_reused_until_it_expires(store: CacheStore) -> None:
    cache = ResponseCache(store, ttl=30)
    cache.set("svc", "GET /x", {"a": 1})
    assert cache.get("svc", "GET /x") == {"a": 1}
    assert cache.get("other", "GET /x") is None


def test_invalidating_a_service_drops_its_answers_and_the_account_lists(store: CacheStore) -> None:
    cache = ResponseCache(store, ttl=30)
    cache.set("svc", "GET /x", [1])
    cache.set("other", "GET /y", [2])
    cache.set(ACCOUNT_SCOPE, "LIST /hosting/web", [3])
    cache.invalidate("svc")
    assert cache.get("svc", "GET /x") is None
    assert cache.get(ACCOUNT_SCOPE, "LIST /hosting/web") is None
    assert cache.get("other", "GET /y") == [2]


def test_a_zero_lifetime_disables_the_cache(store: CacheStore) -> None:
    cache = ResponseCache(store, ttl=0)
    cache.set("svc", "GET /x", [1])
    assert cache.get("svc", "GET /x") is None


def test_the_memory_store_forgets_expired_answers() -> None:
    store = MemoryStore()
    store.set("k", 1, ttl=-1)
    assert store.get("k") is None
