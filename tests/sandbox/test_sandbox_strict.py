"""The sandbox refuses what OVH refuses: values outside the schema's enums, in the query string
and in the body, whatever the route (the checks come from the schema, not from each route)."""

from __future__ import annotations

import ovh
import pytest

from tests.support.sandbox_control import EXAMPLE

TASKS = f"/hosting/web/{EXAMPLE}/tasks"


def test_task_status_filter_outside_the_enum_is_refused(client: ovh.Client) -> None:
    response = client.raw_call("GET", TASKS + "?status=error")
    assert response.status_code == 400
    assert response.json()["class"] == "Client::BadRequest"
    assert "cancelled, doing, done, init, todo" in response.json()["message"]


@pytest.mark.parametrize("status", ["cancelled", "doing", "done", "init", "todo"])
def test_every_task_status_of_the_enum_is_a_filter(client: ovh.Client, status: str) -> None:
    assert isinstance(client.get(TASKS, status=status), list)


@pytest.mark.parametrize(
    ("target", "query"),
    [
        (f"/hosting/web/{EXAMPLE}/database", "?type=oracle"),
        (f"/hosting/web/{EXAMPLE}/database", "?mode=fast"),
        (f"/hosting/web/{EXAMPLE}/databaseAvailableVersion", "?type=sqlite"),
        (f"/hosting/web/{EXAMPLE}/attachedDomain/www.example.com", "?bypassDNSConfiguration=1"),
    ],
)
def test_any_query_value_outside_its_type_is_refused(
    client: ovh.Client, target: str, query: str
) -> None:
    method = "DELETE" if "bypass" in query else "GET"
    assert client.raw_call(method, target + query).status_code == 400


def test_a_required_query_parameter_left_out_is_refused(client: ovh.Client) -> None:
    response = client.raw_call("GET", f"/hosting/web/{EXAMPLE}/databaseAvailableVersion")
    assert response.status_code == 400


def test_no_task_ever_shows_a_status_outside_the_enum(client: ovh.Client) -> None:
    for name in ("fail-x.example.com", "cancel-y.example.com", "z.example.com"):
        client.post(f"/hosting/web/{EXAMPLE}/attachedDomain", domain=name, path="www")
    statuses = {client.get(f"{TASKS}/{task_id}")["status"] for task_id in client.get(TASKS)}
    assert statuses <= {"cancelled", "doing", "done", "init", "todo"}


def test_an_enum_body_field_set_to_null_is_refused(client: ovh.Client) -> None:
    response = client.raw_call(
        "PUT",
        f"/hosting/web/{EXAMPLE}/attachedDomain/www.example.com",
        data={"path": "www", "ipLocation": None},
    )
    assert response.status_code == 400
    assert "ipLocation" in response.json()["message"]


def test_an_enum_body_field_outside_its_values_is_refused(client: ovh.Client) -> None:
    response = client.raw_call(
        "POST",
        f"/hosting/web/{EXAMPLE}/attachedDomain",
        data={"domain": "a.example.com", "cdn": "on"},
    )
    assert response.status_code == 400
    assert "cdn" in response.json()["message"]
