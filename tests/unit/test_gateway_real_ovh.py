"""The gateway against what real OVH does and the sandbox now does too: Iceberg pages and
cursors, the list cache and Pragma: no-cache, and signatures refused for a drifted clock."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from app.services import domains, tasks
from app.services.cache import MemoryStore, ResponseCache, SharedVersionStore, versions
from app.services.client import OvhGateway, path
from app.services.engines import engine_for
from app.services.errors import PanelError

SERVICE = "example.cluster01.hosting.ovh.net"
TASKS = path("/hosting/web", SERVICE, "tasks")
DOMAINS = path("/hosting/web", SERVICE, "attachedDomain")


def small_pages(gateway: OvhGateway, size: int) -> OvhGateway:
    return OvhGateway(gateway.client, ResponseCache(MemoryStore(), ttl=0), page_size=size)


def test_every_page_of_a_long_list_is_read(gateway: OvhGateway, sandbox: Any) -> None:
    ids = gateway.client.get(TASKS)
    sandbox.clear_stats()
    tasks = small_pages(gateway, 3).get_objects(TASKS, scope=SERVICE)
    assert [task["id"] for task in tasks] == ids  # 10 tasks, 4 pages: none left out
    assert sandbox.stats()["total"] == 4


class PagedClient:
    """An ``ovh.Client`` stand-in answering a 7-item list in pages of 3 with the headers given."""

    def __init__(self, headers_for: Any) -> None:
        self.items = [{"id": n} for n in range(1, 8)]
        self.headers_for = headers_for
        self.calls: list[dict[str, str]] = []

    def raw_call(self, method: str, url: str, headers: dict[str, str]) -> requests.Response:
        self.calls.append(headers)
        number = int(headers.get("X-Pagination-Number", "1"))
        response = requests.Response()
        response.status_code = 200
        response._content = (
            repr(self.items[(number - 1) * 3 : number * 3]).replace("'", '"').encode()
        )
        response.headers.update(self.headers_for(number))
        return response


def test_a_total_that_counts_items_instead_of_pages_still_reads_each_item_once() -> None:
    """The other possibility (UNCONFIRMED table): X-Pagination-Total as the item count."""
    client = PagedClient(lambda number: {"X-Pagination-Total": "7"})
    gateway = OvhGateway(client, ResponseCache(MemoryStore(), ttl=0), page_size=3)
    assert [item["id"] for item in gateway.get_objects("/x")] == list(range(1, 8))
    assert len(client.calls) == 4  # three pages, then an empty one ends it


def test_real_semantics_stop_at_the_last_page() -> None:
    client = PagedClient(lambda number: {"X-Pagination-Total": "3", "X-Pagination-Elements": "7"})
    gateway = OvhGateway(client, ResponseCache(MemoryStore(), ttl=0), page_size=3)
    assert [item["id"] for item in gateway.get_objects("/x")] == list(range(1, 8))
    assert len(client.calls) == 3


def test_a_list_read_after_a_write_sees_the_change(gateway: OvhGateway) -> None:
    """OVH keeps list answers a while; after a write the panel asks with Pragma: no-cache."""
    before = {item["domain"] for item in gateway.get_objects(DOMAINS, scope=SERVICE)}
    settings = domains.DomainSettings("www", True, False, False, None, None)
    domains.attach_domain(gateway, SERVICE, "seen.example.org", settings)
    after = {item["domain"] for item in gateway.get_objects(DOMAINS, scope=SERVICE)}
    assert after == before | {"seen.example.org"}


def test_lists_are_not_asked_fresh_without_a_write(gateway: OvhGateway) -> None:
    seen: list[dict[str, str]] = []
    real = gateway.client.raw_call

    def spy(method: str, url: str, **kwargs: Any) -> Any:
        seen.append(kwargs.get("headers") or {})
        return real(method, url, **kwargs)

    gateway.client.raw_call = spy
    gateway.get_objects(DOMAINS, scope=SERVICE)
    assert seen and "Pragma" not in seen[0]


def test_a_signature_refused_for_time_is_measured_again_and_sent_once_more(
    gateway: OvhGateway, sandbox: Any
) -> None:
    """python-ovh measures the clock offset once; a worker living for weeks drifts."""
    gateway.client._time_delta = -3600
    assert gateway.get(path("/hosting/web", SERVICE), cache=False)["serviceName"] == SERVICE
    assert abs(gateway.client._time_delta) < 60
    gateway.client._time_delta = 3600
    assert gateway.get_objects(DOMAINS, scope=SERVICE)
    gateway.client._time_delta = -3600
    # A write the panel makes (its rule table has no PUT on the service itself).
    blog = path("/hosting/web", SERVICE, "attachedDomain", "blog.example.com")
    gateway.put(blog, scope=SERVICE, ownLog="blog.example.com")
    assert gateway.client.get(blog)["ownLog"] == "blog.example.com"


def test_a_clock_still_refused_after_measuring_again_is_an_error(gateway: OvhGateway) -> None:
    calls: list[str] = []
    real_get = gateway.client.get

    def refusing_get(target: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(target)
        if target == "/auth/time":
            return real_get(target, *args, **kwargs) - 3600  # a server clock that stays off
        return real_get(target, *args, **kwargs)

    gateway.client.get = refusing_get
    gateway.client._time_delta = -3600
    with pytest.raises(PanelError):
        gateway.get(path("/hosting/web", SERVICE), cache=False)
    assert calls.count("/auth/time") == 1  # measured again once, never in a loop


def test_a_task_seen_ending_asks_for_fresh_lists_too(gateway: OvhGateway) -> None:
    """Another worker made the change: this one learns of it from the task, then asks fresh."""
    other_worker = OvhGateway(gateway.client, ResponseCache(MemoryStore(), ttl=0))
    assert "late.example.org" not in {d["domain"] for d in other_worker.get_objects(DOMAINS)}
    settings = domains.DomainSettings("www", True, False, False, None, None)
    task = domains.attach_domain(gateway, SERVICE, "late.example.org", settings)
    stale = {d["domain"] for d in other_worker.get_objects(DOMAINS, scope=SERVICE)}
    assert "late.example.org" not in stale  # OVH's list cache, as on the real API
    assert tasks.get_task(other_worker, SERVICE, task.id).succeeded
    fresh = {d["domain"] for d in other_worker.get_objects(DOMAINS, scope=SERVICE)}
    assert "late.example.org" in fresh


def _answer(status: int, body: str) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = body.encode()
    return response


def test_every_known_wording_of_a_time_refusal_is_recognised() -> None:
    """OVH's own code for it is QUERY_TIME_OUT; other wordings seen for OVH are honoured too."""
    from app.services.ovh_answers import time_refusal_body

    assert time_refusal_body(_answer(400, '{"errorCode":"QUERY_TIME_OUT","message":"x"}'))
    assert time_refusal_body(_answer(400, '{"errorCode":"INVALID_TIMESTAMP","message":"x"}'))
    assert time_refusal_body(_answer(400, '{"message":"Invalid timestamp"}'))
    assert not time_refusal_body(_answer(400, '{"errorCode":"INVALID_SIGNATURE"}'))
    assert not time_refusal_body(_answer(400, "<html>"))


def test_a_list_read_by_another_worker_after_a_write_sees_the_change(
    gateway: OvhGateway, tmp_path: Any
) -> None:
    """Two workers without Redis (the demo's gunicorn runs two): the one that did not make the
    change must also ask OVH for a fresh list, or it keeps OVH's old answer for its whole ttl."""
    url = f"sqlite:///{tmp_path}/generations.db"
    versions.metadata.create_all(engine_for(url))
    writer, reader = (
        OvhGateway(gateway.client, ResponseCache(SharedVersionStore(MemoryStore(), url), ttl=30))
        for _ in range(2)
    )
    before = {item["domain"] for item in reader.get_objects(DOMAINS, scope=SERVICE)}
    settings = domains.DomainSettings("www", True, False, False, None, None)
    domains.attach_domain(writer, SERVICE, "other-worker.example.org", settings)
    after = {item["domain"] for item in reader.get_objects(DOMAINS, scope=SERVICE)}
    assert after == before | {"other-worker.example.org"}
