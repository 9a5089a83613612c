"""Fault injection as the official client experiences it, and the fault controls."""

from __future__ import annotations

import time
from pathlib import Path

import ovh
import pytest
from ovh.exceptions import APIError, HTTPError, InvalidResponse

from ovh_sandbox.config import SandboxConfig
from ovh_sandbox.testing import running_sandbox
from tests.support.sandbox_control import EXAMPLE, Control


def test_faults_start_from_the_config(tmp_path: Path) -> None:
    config = SandboxConfig(
        db_path=str(tmp_path / "s.db"), latency_ms=5, error_rate=0.25, rate_limit_per_min=60
    )
    with running_sandbox(config) as url:
        control = Control(url, config.control_token)
        assert control.http.get(f"{control.base}/_sandbox/faults", timeout=5).json() == {
            "latency_ms": 5,
            "rate_limit_per_min": 60,
            "error_rate": 0.25,
            "drop_rate": 0.0,
            "invalid_json_rate": 0.0,
            "rate_limit_html_rate": 0.0,
            "rate_limit_bare_rate": 0.0,
            "write_drop_rate": 0.0,
        }
        control.close()


def test_fault_changes_are_merged(control: Control) -> None:
    control.faults(latency_ms=10)
    assert control.faults(error_rate=0.5) == {
        "latency_ms": 10,
        "rate_limit_per_min": 0,
        "error_rate": 0.5,
        "drop_rate": 0.0,
        "invalid_json_rate": 0.0,
        "rate_limit_html_rate": 0.0,
        "rate_limit_bare_rate": 0.0,
        "write_drop_rate": 0.0,
    }


@pytest.mark.parametrize(
    "body", [{"nonsense": 1}, {"error_rate": 2}, {"latency_ms": -1}, {"drop_rate": "often"}]
)
def test_bad_fault_values_are_refused(control: Control, body: dict[str, object]) -> None:
    response = control.http.post(f"{control.base}/_sandbox/faults", json=body, timeout=5)
    assert response.status_code == 400


def test_latency_delays_api_answers(client: ovh.Client, control: Control) -> None:
    client.get("/hosting/web")
    control.faults(latency_ms=60)
    started = time.monotonic()
    client.get("/hosting/web")
    assert time.monotonic() - started >= 0.05


def test_dropped_connection_is_an_http_error(client: ovh.Client, control: Control) -> None:
    client.get("/hosting/web")
    control.faults(drop_rate=1.0)
    with pytest.raises(HTTPError):
        client.get("/hosting/web")
    control.faults(drop_rate=0.0)
    assert client.get("/hosting/web")


def test_invalid_json_is_an_invalid_response(client: ovh.Client, control: Control) -> None:
    client.get("/hosting/web")
    control.faults(invalid_json_rate=1.0)
    with pytest.raises(InvalidResponse):
        client.get(f"/hosting/web/{EXAMPLE}")


def test_server_errors_are_api_errors(client: ovh.Client, control: Control) -> None:
    client.get("/hosting/web")
    control.faults(error_rate=1.0)
    with pytest.raises(APIError) as caught:
        client.get("/hosting/web")
    assert caught.value.response.status_code in (500, 503)
    assert caught.value.response.json()["class"].startswith("Server::")
    assert caught.value.query_id


def test_rate_limit_answers_429_with_retry_after(client: ovh.Client, control: Control) -> None:
    client.get("/hosting/web")
    control.faults(rate_limit_per_min=3)
    for _ in range(3):
        client.get("/hosting/web")
    with pytest.raises(APIError) as caught:
        client.get("/hosting/web")
    response = caught.value.response
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert response.json()["class"] == "Client::TooManyRequests"
    assert response.headers["X-Ovh-QueryID"]
    assert control.stats()["rate_limited"] == 1


def test_a_429_may_come_as_a_page_or_without_retry_after(
    client: ovh.Client, control: Control
) -> None:
    """OVH's exact 429 is unknown: clients are tested against both shapes (sandbox README)."""
    client.get("/hosting/web")
    control.faults(rate_limit_per_min=1, rate_limit_html_rate=1.0, rate_limit_bare_rate=1.0)
    client.get("/hosting/web")
    with pytest.raises(InvalidResponse):
        client.get("/hosting/web")  # python-ovh cannot read the page
    answer = client.raw_call("GET", "/hosting/web")
    assert answer.status_code == 429
    assert "Retry-After" not in answer.headers
    assert answer.headers["Content-Type"].startswith("text/html")


def test_rate_limit_is_per_consumer_key(client: ovh.Client, control: Control) -> None:
    client.get("/hosting/web")
    control.faults(rate_limit_per_min=1)
    client.get("/hosting/web")
    with pytest.raises(APIError):
        client.get("/hosting/web")
    control.grant(client, [{"method": "GET", "path": "/hosting/web"}])
    assert client.get("/hosting/web")


def test_control_routes_never_get_faults(control: Control) -> None:
    control.faults(error_rate=1.0, drop_rate=1.0, latency_ms=0, invalid_json_rate=1.0)
    assert control.stats()["total"] == 0  # answered, and control calls are not API calls
    assert control.http.get(f"{control.base}/_sandbox/faults", timeout=5).status_code == 200
