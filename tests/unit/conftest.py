"""Fixtures for the service layer: a gateway on the real ovh.Client against the sandbox."""

from __future__ import annotations

from typing import Any

import pytest

from app.services.cache import MemoryStore, ResponseCache
from app.services.client import OvhGateway
from app.services.gateway_setup import build_client
from ovh_sandbox.config import SandboxConfig

# Every call these tests make through the service layer is checked against OVH's schema.
from tests.support.conformance import schema_conformance  # noqa: F401


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def gateway(sandbox: Any, sandbox_config: SandboxConfig, sleeps: list[float]) -> OvhGateway:
    settings = {
        "endpoint": "sandbox",
        "application_key": sandbox_config.application_key,
        "application_secret": sandbox_config.application_secret,
        "consumer_key": sandbox_config.consumer_key,
    }
    client = build_client(settings, sandbox.api_url, timeout=(3, 10))
    gateway = OvhGateway(
        client, ResponseCache(MemoryStore(), ttl=30), max_workers=4, sleep=sleeps.append
    )
    assert client.time_delta is not None  # python-ovh syncs its clock once; keep it out of counts
    sandbox.clear_stats()
    return gateway
