"""OVH's fair use: the call budget (per process, or shared through Redis), its priorities, and
429s from OVH honoured whatever their body, over the real ovh.Client against the sandbox."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from email.utils import formatdate
from typing import Any

import pytest
from limits.storage import MemoryStorage

from app.services import budget as budget_module
from app.services import cache as cache_module
from app.services.budget import BACKGROUND, INTERACTIVE, CallBudget, in_background
from app.services.cache import MemoryStore, RedisStore
from app.services.client import OvhGateway, stale_ages
from app.services.errors import Busy, RateLimited
from app.services.gateway_setup import build_gateway
from ovh_sandbox.config import SandboxConfig

SERVICE = "example.cluster01.hosting.ovh.net"
GatewayFactory = Callable[..., OvhGateway]


@pytest.fixture
def make_gateway(sandbox: Any, sandbox_config: SandboxConfig) -> Iterator[GatewayFactory]:
    """Gateways as workers build them; the same ``prefix`` + Redis means the same budget."""
    made: list[OvhGateway] = []

    def make(
        calls_per_minute: int, redis_url: str | None = None, prefix: str | None = None
    ) -> OvhGateway:
        settings = {
            "endpoint": "sandbox",
            "application_key": sandbox_config.application_key,
            "application_secret": sandbox_config.application_secret,
            "consumer_key": sandbox_config.consumer_key,
        }
        gateway = build_gateway(
            settings,
            sandbox.api_url,
            timeout=(3, 10),
            cache_seconds=30,
            max_workers=2,
            redis_url=redis_url,
            cache_prefix=prefix or f"panel-test-{uuid.uuid4().hex}:",
            calls_per_minute=calls_per_minute,
        )
        made.append(gateway)
        return gateway

    yield make
    for gateway in made:
        if gateway.budget is not None:
            gateway.budget.clear()


def calls_seen(sandbox: Any) -> int:
    return int(sandbox.stats()["total"])


def spend_until_busy(gateway: OvhGateway, at_most: int = 20) -> int:
    for done in range(at_most):
        try:
            gateway.get("/hosting/web", cache=False)
        except Busy:
            return done
    raise AssertionError("the budget never ran out")


def test_the_budget_stops_calls_before_ovh_sees_more_than_the_limit(
    make_gateway: GatewayFactory, sandbox: Any
) -> None:
    gateway = make_gateway(calls_per_minute=4)
    sandbox.clear_stats()
    assert spend_until_busy(gateway) == 3  # python-ovh's clock sync took the fourth place
    assert calls_seen(sandbox) == 4
    with pytest.raises(Busy) as caught:
        gateway.get(f"/hosting/web/{SERVICE}", cache=False)
    assert caught.value.retry_after is not None and caught.value.retry_after >= 1
    assert calls_seen(sandbox) == 4


def test_without_redis_each_worker_has_its_own_budget(make_gateway: GatewayFactory) -> None:
    first, second = make_gateway(calls_per_minute=4), make_gateway(calls_per_minute=4)
    assert spend_until_busy(first) == 3
    assert spend_until_busy(second) == 3


def test_with_redis_every_worker_spends_one_budget(
    make_gateway: GatewayFactory, sandbox: Any
) -> None:
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set: the shared budget is tested in the PostgreSQL/Redis run")
    prefix = f"panel-test-{uuid.uuid4().hex}:"
    first = make_gateway(calls_per_minute=6, redis_url=url, prefix=prefix)
    second = make_gateway(calls_per_minute=6, redis_url=url, prefix=prefix)
    sandbox.clear_stats()
    first.get("/hosting/web", cache=False)  # plus each client's clock sync: 4 places spent
    second.get("/hosting/web", cache=False)
    assert spend_until_busy(first) + spend_until_busy(second) == 2
    assert calls_seen(sandbox) == 6
    second.budget.pause(30)  # type: ignore[union-attr]
    assert first.budget is not None and first.budget.paused_for() > 0


def test_people_come_before_background_work() -> None:
    budget = CallBudget(8, MemoryStorage(), MemoryStore(), "someone")
    assert budget.reserve == 2
    assert [budget.try_spend(BACKGROUND) for _ in range(7)] == [True] * 6 + [False]
    assert budget.wait_seconds(BACKGROUND) > 0 and budget.wait_seconds(INTERACTIVE) == 0
    assert [budget.try_spend(INTERACTIVE) for _ in range(3)] == [True, True, False]


def test_background_refreshes_stop_at_the_reserve_left_for_people(
    make_gateway: GatewayFactory, sandbox: Any
) -> None:
    from app.services.kept import refresh_later

    gateway = make_gateway(calls_per_minute=8)  # reserve 2; the clock sync takes one place
    gateway.get("/hosting/web", cache=False)
    targets = [f"/hosting/web/{SERVICE}/attachedDomain/{d}/digStatus" for d in DOMAINS]
    for target in targets:
        refresh_later(gateway, SERVICE, target)
    sandbox.clear_stats()
    assert gateway.refresher.drain() == 4  # 8 places - 2 spent - 2 kept for people
    assert calls_seen(sandbox) == 4
    assert len(gateway.refresher.pending()) == len(targets) - 4
    with in_background():
        assert gateway.budget is not None and not gateway.budget.try_spend(BACKGROUND)
    assert gateway.get(f"/hosting/web/{SERVICE}", cache=False)  # a person still gets through


DOMAINS = (
    "example.com",
    "www.example.com",
    "blog.example.com",
    "shop.example.com",
    "xn--caf-dma.example.com",
    SERVICE,
)


@pytest.mark.parametrize("html", [False, True], ids=["json", "not-json"])
def test_a_429_pauses_the_budget_for_everyone_and_is_never_retried(
    make_gateway: GatewayFactory, sandbox: Any, html: bool
) -> None:
    gateway = make_gateway(calls_per_minute=1000)
    gateway.get("/hosting/web", cache=False)
    sandbox.faults(
        rate_limit_per_min=1,
        rate_limit_html_rate=1.0 if html else 0.0,
        rate_limit_bare_rate=1.0 if html else 0.0,
    )
    sandbox.clear_stats()
    gateway.get("/hosting/web", cache=False)
    with pytest.raises(RateLimited) as caught:
        gateway.get("/hosting/web", cache=False)
    assert not isinstance(caught.value, Busy)
    assert calls_seen(sandbox) == 2 and sandbox.stats()["rate_limited"] == 1  # no retry
    paused = gateway.budget.paused_for()  # type: ignore[union-attr]
    if html:  # no Retry-After: the panel's own pause
        assert paused > budget_module.PAUSE_WITHOUT_RETRY_AFTER - 5
        assert paused <= budget_module.PAUSE_WITHOUT_RETRY_AFTER
    else:
        assert 0 < paused <= 60
    with pytest.raises(Busy):
        gateway.get(f"/hosting/web/{SERVICE}", cache=False)
    assert calls_seen(sandbox) == 2  # paused: nothing more reached OVH


def test_retry_after_is_read_as_seconds_or_a_date_and_bounded() -> None:
    assert budget_module.retry_after_seconds({"Retry-After": "12"}) == 12
    in_a_minute = formatdate(time.time() + 60, usegmt=True)
    assert 55 < budget_module.retry_after_seconds({"Retry-After": in_a_minute}) <= 60
    assert budget_module.retry_after_seconds({"Retry-After": "soon"}) == (
        budget_module.PAUSE_WITHOUT_RETRY_AFTER
    )
    budget = CallBudget(60, MemoryStorage(), MemoryStore(), "someone")
    budget.pause(10_000)
    assert budget.paused_for() <= budget_module.LONGEST_PAUSE


def test_a_spent_budget_shows_the_last_known_answer_with_its_age(
    make_gateway: GatewayFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    gateway = make_gateway(calls_per_minute=1000)
    known = gateway.get(f"/hosting/web/{SERVICE}")
    real_now = cache_module.now
    monkeypatch.setattr(cache_module, "now", lambda: real_now() + 95)  # no longer fresh
    gateway.budget.pause(30)  # type: ignore[union-attr]
    token = stale_ages.set([])
    try:
        assert gateway.get(f"/hosting/web/{SERVICE}") == known
        ages = stale_ages.get()
    finally:
        stale_ages.reset(token)
    assert ages is not None and 95 <= ages[0] < 100
    with pytest.raises(Busy):
        gateway.get("/hosting/web/never-seen.cluster01.hosting.ovh.net")


def test_the_redis_store_claims_once(make_gateway: GatewayFactory) -> None:
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set: the Redis cache is tested in the PostgreSQL/Redis run")
    store = RedisStore(url, prefix=f"panel-test-{uuid.uuid4().hex}:")
    try:
        assert store.add("claim", 1, 30) is True
        assert store.add("claim", 1, 30) is False
    finally:
        store.clear()


def test_a_service_account_spends_the_budget_too(
    sandbox: Any, sandbox_config: SandboxConfig
) -> None:
    """In OAuth2 mode python-ovh sends API calls through its own session: it is budgeted too
    (and the token request, which is no API call, is not)."""
    gateway = build_gateway(
        {
            "endpoint": "sandbox",
            "client_id": sandbox_config.client_id,
            "client_secret": sandbox_config.client_secret,
        },
        sandbox.api_url,
        timeout=(3, 10),
        cache_seconds=30,
        max_workers=2,
        redis_url=None,
        cache_prefix=f"panel-test-{uuid.uuid4().hex}:",
        calls_per_minute=3,
    )
    sandbox.clear_stats()
    assert spend_until_busy(gateway) == 3  # no clock sync in OAuth2 mode: all three for pages
    assert calls_seen(sandbox) == 3
