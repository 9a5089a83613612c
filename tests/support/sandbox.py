"""The sandbox on a loopback port for the panel's tests, with its control routes and clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from ovh_sandbox.config import SandboxConfig
from ovh_sandbox.control import TOKEN_HEADER
from ovh_sandbox.testing import running_sandbox

# Both test sandboxes take this control token (X-Sandbox-Token).
CONTROL_TOKEN = "panel-tests-control-token"


@pytest.fixture(scope="session")
def sandbox_config(tmp_path_factory: pytest.TempPathFactory) -> SandboxConfig:
    return SandboxConfig(
        db_path=str(tmp_path_factory.mktemp("sandbox") / "sandbox.db"),
        task_seconds=0,
        control_token=CONTROL_TOKEN,
    )


@pytest.fixture(scope="session")
def sandbox_url(sandbox_config: SandboxConfig) -> Iterator[str]:
    """The sandbox's API base URL (``http://127.0.0.1:<port>/1.0``), one server per test run."""
    with running_sandbox(sandbox_config) as url:
        yield url


# Seconds per task step on the sandbox of tests marked ``slow_tasks`` (long enough for a person,
# and a browser test, to see "creating" before "created"): tasks there go
# todo → doing → done in real time (or on a clock the test moves, see ``sandbox_clock``).
SLOW_TASK_SECONDS = 2.0


@pytest.fixture(scope="session")
def slow_sandbox_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    config = SandboxConfig(
        db_path=str(tmp_path_factory.mktemp("slow-sandbox") / "sandbox.db"),
        task_seconds=SLOW_TASK_SECONDS,
        control_token=CONTROL_TOKEN,
    )
    with running_sandbox(config) as url:
        yield url


class SandboxControl:
    """The sandbox's control routes: faults, stats and reset, for tests."""

    def __init__(self, api_url: str) -> None:
        self.api_url = api_url
        self.base = api_url.removesuffix("/1.0")
        self.headers = {TOKEN_HEADER: CONTROL_TOKEN}

    def reset(self, services: int = 3, domains: int = 0) -> None:
        """Reseed; ``domains`` > 5 gives the multi-certificate plan (example3) that many."""
        requests.post(
            f"{self.base}/_sandbox/reset",
            json={"services": services, "domains": domains},
            headers=self.headers,
            timeout=30,
        ).raise_for_status()

    def faults(self, **faults: float) -> dict[str, Any]:
        answer = requests.post(
            f"{self.base}/_sandbox/faults", json=faults, headers=self.headers, timeout=5
        )
        answer.raise_for_status()
        return dict(answer.json())

    def stats(self) -> dict[str, Any]:
        answer = requests.get(f"{self.base}/_sandbox/stats", headers=self.headers, timeout=5)
        answer.raise_for_status()
        return dict(answer.json())

    def clear_stats(self) -> None:
        requests.delete(
            f"{self.base}/_sandbox/stats", headers=self.headers, timeout=5
        ).raise_for_status()


@pytest.fixture
def sandbox(request: pytest.FixtureRequest, sandbox_url: str) -> SandboxControl:
    """A freshly seeded sandbox, with no faults and zeroed stats.

    Tasks end at once, except in tests marked ``slow_tasks``, which get a sandbox whose tasks
    take :data:`SLOW_TASK_SECONDS` per step.
    """
    slow = request.node.get_closest_marker("slow_tasks") is not None
    control = SandboxControl(request.getfixturevalue("slow_sandbox_url") if slow else sandbox_url)
    control.reset()
    return control


@pytest.fixture
def sandbox_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Moves the sandbox's clock (it runs in this process) forward by some seconds."""
    from ovh_sandbox import clock

    offset = [0.0]
    real_now = clock.now
    monkeypatch.setattr(clock, "now", lambda: real_now() + offset[0])

    def advance(seconds: float) -> None:
        offset[0] += seconds

    return advance
