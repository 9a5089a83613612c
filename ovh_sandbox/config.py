"""Settings of the OVH API sandbox.

Read from the environment (``SANDBOX_*``) by :func:`from_env`, the sandbox's only reader of
``os.environ``, or built by tests directly. The demo keys are public on purpose: the sandbox
guards nothing real.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

DEMO_APPLICATION_KEY = "sandboxdemoappkey"
DEMO_APPLICATION_SECRET = "sandboxdemoappsecret0000000000000"
DEMO_CONSUMER_KEY = "sandboxdemoconsumerkey000000000000"


@dataclass(frozen=True)
class SandboxConfig:
    db_path: str
    task_seconds: float = 2.0
    latency_ms: int = 0
    error_rate: float = 0.0
    rate_limit_per_min: int = 0
    # OVH keeps list answers for a while on its side; Pragma: no-cache asks for a fresh one.
    list_cache_seconds: float = 5.0
    application_key: str = DEMO_APPLICATION_KEY
    application_secret: str = DEMO_APPLICATION_SECRET
    consumer_key: str = DEMO_CONSUMER_KEY
    # Asked of every control request (header X-Sandbox-Token) and, as a keyed hash, of the
    # approval form: a web page the person visits cannot drive the sandbox.
    control_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))


def from_env(instance_path: str) -> SandboxConfig:
    """The settings from ``SANDBOX_*``; the database defaults to ``<instance_path>/sandbox.db``."""

    def env(name: str) -> str | None:
        value = os.environ.get(name)
        return value if value else None

    def number(name: str, default: float) -> float:
        value = env(name)
        return float(value) if value is not None else default

    defaults = SandboxConfig(db_path="")
    return SandboxConfig(
        db_path=env("SANDBOX_DB") or str(Path(instance_path) / "sandbox.db"),
        task_seconds=number("SANDBOX_TASK_SECONDS", defaults.task_seconds),
        latency_ms=int(number("SANDBOX_LATENCY_MS", defaults.latency_ms)),
        error_rate=number("SANDBOX_ERROR_RATE", defaults.error_rate),
        rate_limit_per_min=int(number("SANDBOX_RATE_LIMIT_PER_MIN", defaults.rate_limit_per_min)),
        list_cache_seconds=number("SANDBOX_LIST_CACHE_SECONDS", defaults.list_cache_seconds),
        application_key=env("SANDBOX_APPLICATION_KEY") or defaults.application_key,
        application_secret=env("SANDBOX_APPLICATION_SECRET") or defaults.application_secret,
        consumer_key=env("SANDBOX_CONSUMER_KEY") or defaults.consumer_key,
        control_token=env("SANDBOX_CONTROL_TOKEN") or _kept_token(Path(instance_path)),
    )


def _kept_token(instance_path: Path) -> str:
    """The control token kept in the instance folder, so ``make demo``'s processes and whoever
    can read that folder share it (``instance/sandbox-control-token``)."""
    token_file = instance_path / "sandbox-control-token"
    if not token_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        token_file.write_text(secrets.token_urlsafe(24))
        token_file.chmod(0o600)
    return token_file.read_text().strip()
