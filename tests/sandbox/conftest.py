"""Fixtures for the sandbox's own tests: a fresh sandbox per test, driven by the real ovh.Client."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import ovh
import pytest
import requests

from app.sandbox import clock
from app.sandbox.config import SandboxConfig
from app.sandbox.testing import running_sandbox

EXAMPLE = "example.cluster01.hosting.ovh.net"
EXAMPLE2 = "example2.cluster02.hosting.ovh.net"
EXAMPLE3 = "example3.cluster03.hosting.ovh.net"


class Control:
    """The unsigned control routes of one running sandbox, plus its validation page."""

    def __init__(self, api_url: str):
        self.api_url = api_url
        self.base = api_url.removesuffix("/1.0")
        self.http = requests.Session()

    def faults(self, **changes: float) -> dict[str, Any]:
        response = self.http.post(f"{self.base}/_sandbox/faults", json=changes, timeout=5)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def stats(self) -> dict[str, Any]:
        result: dict[str, Any] = self.http.get(f"{self.base}/_sandbox/stats", timeout=5).json()
        return result

    def approve(self, validation_url: str, validity: int = 0) -> requests.Response:
        """Press Approve on the validation page (validity in seconds, 0 = unlimited)."""
        return self.http.post(
            validation_url,
            data={"action": "approve", "validity": str(validity)},
            timeout=5,
            allow_redirects=False,
        )

    def grant(self, client: ovh.Client, rules: list[dict[str, str]], validity: int = 0) -> str:
        """Run the consumer-key flow for ``client``; returns the new, validated consumer key."""
        validation = client.request_consumerkey(rules)
        self.approve(validation["validationUrl"], validity)
        consumer_key: str = validation["consumerKey"]
        return consumer_key

    def close(self) -> None:
        self.http.close()


class MovableClock:
    """The sandbox clock, moved by hand instead of by sleeping."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.offset = 0.0
        real_now = clock.now
        monkeypatch.setattr(clock, "now", lambda: real_now() + self.offset)

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@pytest.fixture
def sandbox_settings(tmp_path: Path) -> SandboxConfig:
    return SandboxConfig(db_path=str(tmp_path / "sandbox.db"), task_seconds=0)


@pytest.fixture
def api_url(sandbox_settings: SandboxConfig) -> Iterator[str]:
    with running_sandbox(sandbox_settings) as url:
        yield url


@pytest.fixture
def make_client(
    api_url: str, sandbox_settings: SandboxConfig
) -> Iterator[Callable[..., ovh.Client]]:
    """Build python-ovh clients on the sandbox; keyword arguments override the demo keys."""
    made: list[ovh.Client] = []

    def make(**overrides: Any) -> ovh.Client:
        keys = {
            "application_key": sandbox_settings.application_key,
            "application_secret": sandbox_settings.application_secret,
            "consumer_key": sandbox_settings.consumer_key,
            **overrides,
        }
        client = ovh.Client(endpoint="ovh-eu", **keys)
        client._endpoint = api_url
        made.append(client)
        return client

    yield make
    for client in made:
        client._session.close()


@pytest.fixture
def client(make_client: Callable[..., ovh.Client]) -> ovh.Client:
    return make_client()


@pytest.fixture
def control(api_url: str) -> Iterator[Control]:
    helper = Control(api_url)
    yield helper
    helper.close()


@pytest.fixture
def movable_clock(monkeypatch: pytest.MonkeyPatch) -> MovableClock:
    return MovableClock(monkeypatch)
