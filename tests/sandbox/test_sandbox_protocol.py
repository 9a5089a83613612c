"""The OVH protocol layer as the official client meets it: signatures, keys, rules, query ids."""

from __future__ import annotations

from collections.abc import Callable

import ovh
import pytest
import requests
from ovh.exceptions import (
    APIError,
    BadParametersError,
    InvalidCredential,
    InvalidKey,
    NotCredential,
    NotGrantedCall,
)

from ovh_sandbox.signing import rule_matches
from tests.support.sandbox_control import EXAMPLE, Control, MovableClock


def test_signed_call_with_the_demo_credential_succeeds(client: ovh.Client) -> None:
    assert EXAMPLE in client.get("/hosting/web")


def test_auth_time_is_a_bare_integer_without_auth(api_url: str) -> None:
    response = requests.get(f"{api_url}/auth/time", timeout=5)
    assert response.status_code == 200
    assert isinstance(response.json(), int)


def test_wrong_secret_is_an_invalid_signature(make_client: Callable[..., ovh.Client]) -> None:
    with pytest.raises(BadParametersError) as caught:
        make_client(application_secret="not-the-secret").get("/hosting/web")
    assert caught.value.response.json() == {
        "errorCode": "INVALID_SIGNATURE",
        "httpCode": "400 Bad Request",
        "message": "Invalid signature",
    }


def test_unknown_application_key_is_invalid_key(make_client: Callable[..., ovh.Client]) -> None:
    with pytest.raises(InvalidKey) as caught:
        make_client(application_key="unknownkey").get("/hosting/web")
    assert caught.value.response.json() == {
        "errorCode": "INVALID_KEY",
        "httpCode": "403 Forbidden",
        "message": "Invalid application key",
    }


def test_unknown_consumer_key_is_not_credential(make_client: Callable[..., ovh.Client]) -> None:
    with pytest.raises(NotCredential, match="This credential does not exist"):
        make_client(consumer_key="nosuchconsumerkey").get("/hosting/web")


def test_unvalidated_consumer_key_is_invalid_credential(client: ovh.Client) -> None:
    client.request_consumerkey([{"method": "GET", "path": "/me"}])
    with pytest.raises(InvalidCredential, match="This credential is not valid"):
        client.get("/me")


def test_expired_consumer_key_is_invalid_credential(
    client: ovh.Client, control: Control, movable_clock: MovableClock
) -> None:
    control.grant(client, [{"method": "GET", "path": "/me"}], validity=86_400)
    assert client.get("/me")["nichandle"] == "xx11111-ovh"
    movable_clock.advance(2 * 86_400)
    client._time_delta = None
    with pytest.raises(InvalidCredential):
        client.get("/me")


def test_logout_expires_the_credential(client: ovh.Client, control: Control) -> None:
    control.grant(
        client, [{"method": "POST", "path": "/auth/logout"}, {"method": "GET", "path": "/auth/*"}]
    )
    assert client.post("/auth/logout") is None
    with pytest.raises(InvalidCredential):
        client.get("/auth/currentCredential")


def test_call_outside_the_rules_is_not_granted(client: ovh.Client) -> None:
    with pytest.raises(NotGrantedCall, match="This call has not been granted"):
        client.get("/me/bill")
    with pytest.raises(NotGrantedCall):
        client.post("/me")


def test_stale_timestamp_is_query_out_of_time(client: ovh.Client) -> None:
    client._time_delta = -3600
    with pytest.raises(BadParametersError) as caught:
        client.get("/hosting/web")
    assert caught.value.response.json()["errorCode"] == "QUERY_TIME_OUT"


def test_timestamp_within_the_window_is_accepted(client: ovh.Client) -> None:
    client._time_delta = -250
    assert client.get("/hosting/web")


def test_call_without_consumer_key_must_login(api_url: str) -> None:
    response = requests.get(
        f"{api_url}/hosting/web", timeout=5, headers={"X-Ovh-Application": "sandboxdemoappkey"}
    )
    assert response.status_code == 401


def test_credential_request_needs_an_application_key(api_url: str) -> None:
    response = requests.post(
        f"{api_url}/auth/credential",
        timeout=5,
        json={"accessRules": [{"method": "GET", "path": "/me"}]},
    )
    assert response.status_code == 401
    assert response.json() == {
        "message": "You must send your application key to request new credentials"
    }


def test_credential_request_rejects_an_unknown_method(client: ovh.Client) -> None:
    with pytest.raises(BadParametersError, match="accessRules"):
        client.request_consumerkey([{"method": "PATCHY", "path": "/me"}])


def test_signature_covers_the_query_string(client: ovh.Client) -> None:
    assert client.get(f"/hosting/web/{EXAMPLE}/attachedDomain", domain="blog", path="blog") == [
        "blog.example.com"
    ]


def test_every_answer_carries_a_query_id(api_url: str, client: ovh.Client) -> None:
    base = api_url.removesuffix("/1.0")
    answers = [
        requests.get(f"{api_url}/auth/time", timeout=5),
        requests.get(f"{api_url}/hosting/web", timeout=5),
        requests.get(f"{api_url}/no/such/route", timeout=5),
        requests.get(f"{base}/_sandbox/stats", timeout=5),
        requests.get(f"{base}/auth/?credentialToken=unknown", timeout=5),
        client.raw_call("GET", f"/hosting/web/{EXAMPLE}"),
        client.raw_call("GET", "/hosting/web/unknown.example.net"),
    ]
    for response in answers:
        assert response.headers["X-Ovh-QueryID"].startswith("EU.sandbox-1.")
    assert len({r.headers["X-Ovh-QueryID"] for r in answers}) == len(answers)


def test_unknown_route_is_an_ovh_not_found(client: ovh.Client) -> None:
    response = client.raw_call("GET", "/hosting/web/x/y/z/nothing")
    assert response.status_code == 404
    assert response.json()["class"] == "Client::NotFound"


def test_error_bodies_reach_the_client_as_api_errors(client: ovh.Client) -> None:
    with pytest.raises(APIError) as caught:
        client.get("/hosting/web/unknown.example.net")
    assert caught.value.response.json() == {
        "class": "Client::NotFound",
        "message": "This service does not exist",
    }
    assert caught.value.query_id.startswith("EU.sandbox-1.")


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("/hosting/web", "/hosting/web", True),
        ("/hosting/web", "/hosting/web/x", False),
        ("/hosting/web/*", "/hosting/web", False),
        ("/hosting/web/*", "/hosting/web/x/attachedDomain/y", True),
        ("/*", "/me", True),
        ("/auth/*", "/auth/currentCredential", True),
        ("/hosting/*/tasks", "/hosting/web/x/tasks", True),
    ],
)
def test_access_rule_wildcards(pattern: str, path: str, expected: bool) -> None:
    assert rule_matches(pattern, path) is expected


@pytest.mark.parametrize("offset", [305, -305])
def test_the_time_window_is_300_seconds_either_way(client: ovh.Client, offset: int) -> None:
    # Five seconds each side of the edge: the request's own travel time (whole seconds, on a
    # loaded machine) must not decide the answer.
    client._time_delta = offset
    with pytest.raises(BadParametersError):
        client.get("/hosting/web")
    client._time_delta = offset - 10 if offset > 0 else offset + 10
    assert client.get("/hosting/web")
