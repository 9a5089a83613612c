"""The conformance observer really sees the calls and would fail a test that strays."""

from __future__ import annotations

import json

from app.services import domains, ssl
from app.services.client import OvhGateway, path
from ovh_sandbox.protocol import ObservedCall
from tests.support.conformance import check_call

SERVICE = "example.cluster01.hosting.ovh.net"


def test_a_request_outside_the_schema_is_reported(
    gateway: OvhGateway, schema_conformance: list[str]
) -> None:
    gateway.client.raw_call("GET", path("/hosting/web", SERVICE, "tasks") + "?status=error")
    gateway.client.raw_call("GET", path("/hosting/web", SERVICE) + "?verbose=true")
    found = list(schema_conformance)
    schema_conformance.clear()  # reported on purpose here: the test itself must not fail
    assert any("query status" in problem for problem in found)
    assert any("verbose is not OVH's" in problem for problem in found)


def test_the_service_layers_own_calls_are_seen_and_pass(
    gateway: OvhGateway, schema_conformance: list[str]
) -> None:
    seen: list[str] = []
    from ovh_sandbox.protocol import OBSERVERS

    OBSERVERS.append(lambda call: seen.append(call.route))
    try:
        settings = domains.DomainSettings("www", True, False, False, None, None)
        domains.attach_domain(gateway, SERVICE, "seen.example.org", settings)
        ssl.order_lets_encrypt(gateway, "example2.cluster02.hosting.ovh.net")
    finally:
        OBSERVERS.pop()
    assert "POST /hosting/web/{serviceName}/attachedDomain" in seen
    assert "POST /hosting/web/{serviceName}/ssl" in seen
    assert schema_conformance == []


def test_an_answer_outside_its_model_is_reported() -> None:
    call = ObservedCall(
        route="GET /hosting/web/{serviceName}/tasks/{id}",
        query={},
        body=b"",
        headers={},
        status=200,
        answer=json.dumps({"id": 1, "status": "error", "function": "x"}).encode(),
    )
    assert any("answer" in problem for problem in check_call(call))


def test_no_body_where_ovh_requires_one_is_reported() -> None:
    call = ObservedCall("POST /hosting/web/{serviceName}/ssl", {}, b"", {}, 400, b"{}")
    assert check_call(call) == [
        "POST /hosting/web/{serviceName}/ssl: no body where OVH requires one"
    ]


def test_per_domain_ssl_answers_are_checked_against_the_current_schema() -> None:
    call = ObservedCall(
        "PUT /hosting/web/{serviceName}/attachedDomain/{domain}/ssl",
        {},
        b'{"regenerate":true}',
        {},
        200,
        b'{"status":"nonsense"}',
    )
    assert any("answer" in problem for problem in check_call(call))
