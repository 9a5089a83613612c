"""The OVH gateway against the sandbox: real ovh.Client, real HTTP, every injected fault."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from app.services import client as client_module
from app.services.client import OvhGateway, path
from app.services.errors import (
    Conflict,
    NotFound,
    RateLimited,
    UpstreamUnavailable,
)

SERVICE = "example.cluster01.hosting.ovh.net"
# Only breaks a barrier that could never fill; no timing is measured.
DEADLOCK_GUARD_SECONDS = 10


def test_a_list_route_costs_one_call_with_expanded_objects(
    gateway: OvhGateway, sandbox: Any
) -> None:
    services = gateway.get_objects("/hosting/web")
    assert {item["serviceName"] for item in services} >= {SERVICE}
    assert sandbox.stats()["total"] == 1


def test_a_list_answered_with_ids_falls_back_to_concurrent_details(
    gateway: OvhGateway, sandbox: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_module, "PAGINATION_MODE", "none")  # the API answers ids
    services = gateway.get_objects("/hosting/web")
    assert all(isinstance(item, dict) and item["serviceName"] for item in services)
    assert sandbox.stats()["total"] == 1 + len(services)


def test_answers_are_cached_until_the_panel_changes_the_service(
    gateway: OvhGateway, sandbox: Any
) -> None:
    first = gateway.get(path("/hosting/web", SERVICE), scope=SERVICE)
    again = gateway.get(path("/hosting/web", SERVICE), scope=SERVICE)
    assert first == again
    assert sandbox.stats()["total"] == 1
    gateway.put(path("/hosting/web", SERVICE), scope=SERVICE, displayName="Shop")
    renamed = gateway.get(path("/hosting/web", SERVICE), scope=SERVICE)
    assert renamed["displayName"] == "Shop"


def test_independent_calls_run_together_and_keep_their_order(gateway: OvhGateway) -> None:
    names = gateway.get("/hosting/web")
    assert 2 <= len(names) <= 4  # every call needs a thread of the pool (four) at once
    # No call passes the barrier until all have reached it: one by one, the first would wait
    # for the others forever (here: until the deadlock guard breaks the barrier).
    together = threading.Barrier(len(names), timeout=DEADLOCK_GUARD_SECONDS)

    def detail(name: str) -> Any:
        together.wait()
        return gateway.get(path("/hosting/web", name), scope=name)

    details = gateway.map(detail, names)
    assert [item["serviceName"] for item in details] == names


def test_the_sections_of_a_page_are_read_together(gateway: OvhGateway) -> None:
    together = threading.Barrier(3, timeout=DEADLOCK_GUARD_SECONDS)

    def section(target: str) -> Callable[[], Any]:
        def read() -> Any:
            together.wait()
            return gateway.get(target, scope=SERVICE)

        return read

    service, domains, tasks = gateway.gather(
        section(path("/hosting/web", SERVICE)),
        section(path("/hosting/web", SERVICE, "attachedDomain")),
        section(path("/hosting/web", SERVICE, "tasks")),
    )
    assert service["serviceName"] == SERVICE
    assert SERVICE in domains and isinstance(tasks, list)


def test_a_missing_service_is_not_found(gateway: OvhGateway) -> None:
    with pytest.raises(NotFound) as caught:
        gateway.get(path("/hosting/web", "nope.cluster99.hosting.ovh.net"))
    assert caught.value.query_id


def test_server_errors_are_retried_then_reported_as_unavailable(
    gateway: OvhGateway, sandbox: Any, sleeps: list[float]
) -> None:
    sandbox.faults(error_rate=1.0)
    with pytest.raises(UpstreamUnavailable) as caught:
        gateway.get(path("/hosting/web", SERVICE), scope=SERVICE)
    assert caught.value.query_id
    assert len(sleeps) == len(client_module.RETRY_DELAYS)


def test_a_dropped_connection_is_retried_then_unavailable(
    gateway: OvhGateway, sandbox: Any, sleeps: list[float]
) -> None:
    sandbox.faults(drop_rate=1.0)
    with pytest.raises(UpstreamUnavailable):
        gateway.get_objects("/hosting/web")
    assert len(sleeps) == len(client_module.RETRY_DELAYS)


def test_an_unreadable_answer_is_unavailable(gateway: OvhGateway, sandbox: Any) -> None:
    sandbox.faults(invalid_json_rate=1.0)
    with pytest.raises(UpstreamUnavailable):
        gateway.get(path("/hosting/web", SERVICE), scope=SERVICE)


def test_a_rate_limit_is_never_retried(
    gateway: OvhGateway, sandbox: Any, sleeps: list[float]
) -> None:
    sandbox.faults(rate_limit_per_min=1)
    gateway.get("/hosting/web", cache=False)
    with pytest.raises(RateLimited) as caught:
        gateway.get("/hosting/web", cache=False)
    assert caught.value.retry_after is not None
    assert sleeps == []


def test_writes_are_never_retried(gateway: OvhGateway, sandbox: Any, sleeps: list[float]) -> None:
    sandbox.faults(error_rate=1.0)
    with pytest.raises(UpstreamUnavailable):
        gateway.put(path("/hosting/web", SERVICE), scope=SERVICE, displayName="Shop")
    assert sleeps == []
    sandbox.faults(error_rate=0.0)
    sandbox.clear_stats()


def test_a_business_refusal_keeps_its_class(gateway: OvhGateway) -> None:
    target = path("/hosting/web", SERVICE, "attachedDomain")
    with pytest.raises(Conflict):
        gateway.post(target, scope=SERVICE, domain=SERVICE, path="www")


def test_answers_about_work_in_progress_are_never_cached() -> None:
    settled = {"domain": "a.example.com", "status": "created", "taskId": None}
    moving = {"domain": "b.example.com", "status": "creating", "taskId": 42}
    running = {"id": 1, "status": "doing"}
    assert not client_module.in_flux([settled])
    assert client_module.in_flux([settled, moving])
    assert client_module.in_flux(running)
    assert client_module.in_flux([{"id": 2, "status": "done"}, running])


@pytest.mark.slow_tasks
def test_a_list_showing_a_running_operation_is_read_again_next_time(
    gateway: OvhGateway, sandbox: Any
) -> None:
    target = path("/hosting/web", SERVICE, "tasks")
    gateway.get_objects(target, scope=SERVICE)
    gateway.get_objects(target, scope=SERVICE)
    assert sandbox.stats()["total"] == 1  # settled: cached
    gateway.post(
        path("/hosting/web", SERVICE, "attachedDomain"), scope=SERVICE, domain="x.example.org"
    )
    sandbox.clear_stats()
    gateway.get_objects(target, scope=SERVICE)
    gateway.get_objects(target, scope=SERVICE)
    assert sandbox.stats()["total"] == 2  # a task is running: read afresh each time


def test_calls_nested_in_concurrent_calls_cannot_exhaust_the_pool(gateway: OvhGateway) -> None:
    names = gateway.get("/hosting/web")

    def one_page() -> list[Any]:
        return gateway.gather(
            *(lambda name=name: gateway.get(path("/hosting/web", name)) for name in names)
        )

    # More outer calls than pool threads, each waiting on inner calls: must finish, not hang.
    pages = gateway.gather(*(one_page for _ in range(12)))
    assert all(len(page) == len(names) for page in pages)
