"""Fixtures for the sandbox's own tests: a fresh sandbox per test, driven by the real ovh.Client."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import ovh
import pytest

from ovh_sandbox.config import SandboxConfig
from ovh_sandbox.testing import running_sandbox
from tests.support.sandbox_control import Control, MovableClock

# The sandbox's own tests drive every hosting route, not just the panel's: their demo key may call
# all of /hosting/web, read /me and /auth, create documents (imports), and nothing else.
HOSTING_RULES: tuple[tuple[str, str], ...] = (
    *(
        (method, path)
        for method in ("GET", "POST", "PUT", "DELETE")
        for path in ("/hosting/web", "/hosting/web/*")
    ),
    ("GET", "/auth/*"),
    ("GET", "/me"),
    ("POST", "/me/document"),
)


@pytest.fixture
def sandbox_settings(tmp_path: Path) -> SandboxConfig:
    return SandboxConfig(
        db_path=str(tmp_path / "sandbox.db"),
        task_seconds=0,
        demo_rules=HOSTING_RULES,
        service_account_rules=HOSTING_RULES,
    )


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
def control(api_url: str, sandbox_settings: SandboxConfig) -> Iterator[Control]:
    helper = Control(api_url, sandbox_settings.control_token)
    yield helper
    helper.close()


@pytest.fixture
def movable_clock(monkeypatch: pytest.MonkeyPatch) -> MovableClock:
    return MovableClock(monkeypatch)
