"""The gateway built from the panel's settings: python-ovh's client (application key or OAuth2,
OVH or the sandbox, through the call budget) and the cache store that suits the deployment."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ovh

from app.services.budget import BudgetedAdapter, CallBudget, build_budget
from app.services.cache import (
    CacheStore,
    MemoryStore,
    RedisStore,
    ResponseCache,
    SharedVersionStore,
)
from app.services.client import OvhGateway
from app.services.oauth2 import (
    allow_plain_http_on_loopback,
    oauth2_token_url,
    renew_refused_tokens,
)
from app.services.refresh import Refresher, Spec


def build_client(
    ovh_settings: Mapping[str, Any],
    sandbox_url: str,
    timeout: tuple[float, float],
    budget: CallBudget | None = None,
) -> ovh.Client:
    """The ``ovh.Client`` for these settings: python-ovh's own names, plus ``sandbox`` or a URL.

    Application key mode signs each call; OAuth2 mode (``client_id``/``client_secret``, a
    service account) gets a token from the token endpoint first. python-ovh only knows OVH's own
    regions and token URLs; for the sandbox or a URL, both are pointed there instead.
    """
    endpoint = ovh_settings["endpoint"]
    url = sandbox_url if endpoint == "sandbox" else endpoint if "/" in endpoint else None
    keys = {
        name: ovh_settings[name]
        for name in (
            "application_key",
            "application_secret",
            "consumer_key",
            "client_id",
            "client_secret",
        )
        if ovh_settings.get(name)
    }
    client = ovh.Client(endpoint="ovh-eu" if url else endpoint, timeout=timeout, **keys)
    if url:
        client._endpoint = url.rstrip("/")
        if client._oauth2 is not None:
            client._oauth2.token_url = oauth2_token_url(url)
            allow_plain_http_on_loopback(url)
    adapter = BudgetedAdapter(budget) if budget is not None else None
    if adapter is not None:
        client._session.mount("https://", adapter)
        client._session.mount("http://", adapter)
    # In OAuth2 mode python-ovh sends API calls through its own OAuth2 session: it gets the
    # budget's transport too.
    renew_refused_tokens(client, adapter)
    return client


def build_gateway(
    ovh_settings: Mapping[str, Any],
    sandbox_url: str,
    timeout: tuple[float, float],
    cache_seconds: float,
    max_workers: int,
    redis_url: str | None,
    cache_prefix: str = "panel:ovh:",
    calls_per_minute: int = 60,
    slow_seconds: float = 600.0,
    keep_seconds: float = 86400.0,
    refresh_dispatch: Callable[[Spec], None] | None = None,
    database_url: str | None = None,
) -> OvhGateway:
    store: CacheStore
    if redis_url:
        store = RedisStore(redis_url, cache_prefix)
    elif database_url and cache_seconds > 0:
        # Without Redis: answers per worker, versions in the database every worker reads.
        store = SharedVersionStore(MemoryStore(), database_url)
    else:
        store = MemoryStore()
    cache = ResponseCache(store, ttl=cache_seconds, keep=keep_seconds)
    budget = build_budget(calls_per_minute, ovh_settings, store, redis_url, cache_prefix)
    client = build_client(ovh_settings, sandbox_url, timeout, budget)
    return OvhGateway(
        client,
        cache,
        max_workers=max_workers,
        budget=budget,
        refresher=Refresher(budget, refresh_dispatch),
        slow_seconds=slow_seconds,
    )
