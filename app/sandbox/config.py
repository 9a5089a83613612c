"""Settings of the built-in OVH API sandbox.

Built by ``app.config`` from the environment (the only reader of ``os.environ``), or by tests
directly. The demo keys are public on purpose: the sandbox guards nothing real.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    application_key: str = DEMO_APPLICATION_KEY
    application_secret: str = DEMO_APPLICATION_SECRET
    consumer_key: str = DEMO_CONSUMER_KEY
