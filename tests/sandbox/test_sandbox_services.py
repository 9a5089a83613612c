"""Service routes, the task list, and the CachedObjectList-Pages pagination mode."""

from __future__ import annotations

from typing import Any

import ovh
import pytest
from ovh.exceptions import BadParametersError, ResourceNotFoundError

from tests.support.sandbox_control import EXAMPLE, EXAMPLE2, EXAMPLE3

PAGES = {"X-Pagination-Mode": "CachedObjectList-Pages"}


def test_service_list_is_the_three_demo_services(client: ovh.Client) -> None:
    assert client.get("/hosting/web") == [EXAMPLE, EXAMPLE2, EXAMPLE3]


def test_service_shows_hosting_details(client: ovh.Client) -> None:
    service = client.get(f"/hosting/web/{EXAMPLE}")
    assert service["serviceName"] == EXAMPLE
    assert service["primaryLogin"] == "example"
    assert service["home"] == "/homez.123/example"
    assert service["defaultAttachedDomain"] == EXAMPLE
    assert service["multipleSSL"] is False
    assert service["hasHostedSsl"] is True
    assert service["quotaSize"] == {"unit": "GB", "value": 250.0}
    assert service["iam"]["urn"].endswith(EXAMPLE)
    assert client.get(f"/hosting/web/{EXAMPLE3}")["multipleSSL"] is True


def test_unknown_service_is_not_found(client: ovh.Client) -> None:
    with pytest.raises(ResourceNotFoundError, match="This service does not exist"):
        client.get("/hosting/web/nope.cluster01.hosting.ovh.net/attachedDomain")


def test_rename_answers_null_and_changes_display_name(client: ovh.Client) -> None:
    assert client.put(f"/hosting/web/{EXAMPLE2}", displayName="Association site") is None
    assert client.get(f"/hosting/web/{EXAMPLE2}")["displayName"] == "Association site"


def test_rename_refuses_more_than_50_characters(client: ovh.Client) -> None:
    with pytest.raises(BadParametersError, match="50"):
        client.put(f"/hosting/web/{EXAMPLE2}", displayName="x" * 51)


def test_rename_refuses_a_wrong_type(client: ovh.Client) -> None:
    with pytest.raises(BadParametersError, match="displayName"):
        client.put(f"/hosting/web/{EXAMPLE2}", displayName=12)


def test_task_list_filters_by_function_and_status(client: ovh.Client) -> None:
    all_ids = client.get(f"/hosting/web/{EXAMPLE}/tasks")
    assert len(all_ids) == 10
    cancelled = client.get(f"/hosting/web/{EXAMPLE}/tasks", status="cancelled")
    assert len(cancelled) == 1
    assert client.get(f"/hosting/web/{EXAMPLE}/tasks/{cancelled[0]}")["status"] == "cancelled"
    databases = client.get(f"/hosting/web/{EXAMPLE}/tasks", function="database/")
    assert len(databases) == 3


def test_task_list_rejects_an_unknown_status(client: ovh.Client) -> None:
    with pytest.raises(BadParametersError, match="status"):
        client.get(f"/hosting/web/{EXAMPLE}/tasks", status="finished")


def test_unknown_task_is_not_found(client: ovh.Client) -> None:
    with pytest.raises(ResourceNotFoundError):
        client.get(f"/hosting/web/{EXAMPLE}/tasks/1")
    other_service_task = client.get(f"/hosting/web/{EXAMPLE2}/tasks")[0]
    with pytest.raises(ResourceNotFoundError):
        client.get(f"/hosting/web/{EXAMPLE}/tasks/{other_service_task}")


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/hosting/web", "serviceName"),
        (f"/hosting/web/{EXAMPLE}/attachedDomain", "domain"),
        (f"/hosting/web/{EXAMPLE}/database", "name"),
        (f"/hosting/web/{EXAMPLE}/tasks", "id"),
    ],
)
def test_pagination_mode_answers_full_objects(client: ovh.Client, path: str, key: str) -> None:
    ids = client.get(path)
    response = client.raw_call("GET", path, headers=PAGES)
    assert [item[key] for item in response.json()] == ids
    # As on OVH: Elements is the item count, Total the page count (one page of 5000 here).
    assert response.headers["X-Pagination-Elements"] == str(len(ids))
    assert response.headers["X-Pagination-Total"] == "1"
    assert "X-Pagination-Cursor-Next" not in response.headers


def test_pagination_pages_split_the_list(client: ovh.Client) -> None:
    ids = client.get(f"/hosting/web/{EXAMPLE}/tasks")
    page = client.raw_call(
        "GET",
        f"/hosting/web/{EXAMPLE}/tasks",
        headers={**PAGES, "X-Pagination-Size": "4", "X-Pagination-Number": "3"},
    )
    assert [task["id"] for task in page.json()] == ids[8:12]
    assert page.headers["X-Pagination-Elements"] == "10"
    assert page.headers["X-Pagination-Total"] == "3"
    assert "X-Pagination-Cursor-Next" not in page.headers


def test_a_longer_list_continues_with_the_next_cursor(client: ovh.Client) -> None:
    ids = client.get(f"/hosting/web/{EXAMPLE}/tasks")
    seen: list[int] = []
    headers = {**PAGES, "X-Pagination-Size": "4"}
    for _ in range(5):
        page = client.raw_call("GET", f"/hosting/web/{EXAMPLE}/tasks", headers=headers)
        seen += [task["id"] for task in page.json()]
        cursor = page.headers.get("X-Pagination-Cursor-Next")
        if cursor is None:
            break
        headers = {**PAGES, "X-Pagination-Cursor": cursor}
    assert seen == ids


def test_a_cursor_that_is_not_one_is_refused(client: ovh.Client) -> None:
    response = client.raw_call(
        "GET", f"/hosting/web/{EXAMPLE}/tasks", headers={**PAGES, "X-Pagination-Cursor": "nope"}
    )
    assert response.status_code == 400 and response.json()["message"] == "invalid cursor"


def test_a_list_is_kept_a_few_seconds_unless_asked_fresh(
    client: ovh.Client, sandbox_clock: Any
) -> None:
    domains = f"/hosting/web/{EXAMPLE}/attachedDomain"
    before = client.get(domains)
    client.post(domains, domain="kept.example.com", path="www")
    assert client.get(domains) == before  # OVH's list cache: the change is not seen yet
    fresh = client.raw_call("GET", domains, headers={"Pragma": "no-cache"}).json()
    assert "kept.example.com" in fresh
    sandbox_clock(6)  # past list_cache_seconds (5 s)
    assert "kept.example.com" in client.get(domains)
