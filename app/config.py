"""Typed settings: the only module that reads ``os.environ``.

Configuration flows one way: environment → :func:`load_settings` → ``app.config`` → service
constructors. Production secrets have no defaults; with no OVH credentials at all the panel runs on
the built-in sandbox and says so on every page.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from ovh.config import ConfigurationManager

DEFAULT_SANDBOX_PORT = 8081
OVH_KEY_NAMES = (
    "application_key",
    "application_secret",
    "consumer_key",
    "client_id",
    "client_secret",
)


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _env_float(name: str, default: float) -> float:
    value = _env(name)
    return float(value) if value is not None else default


def _env_bool(name: str, default: bool = False) -> bool:
    value = _env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def instance_path() -> str | None:
    """Where the panel keeps its files (SQLite, the demo's key): ``PANEL_INSTANCE_PATH``, else
    Flask's ``instance/`` beside the code."""
    value = _env("PANEL_INSTANCE_PATH")
    return str(Path(value).resolve()) if value else None


def ovh_settings() -> dict[str, Any]:
    """The OVH connection, read the way python-ovh reads it (``OVH_*`` or ``ovh.conf``).

    ``endpoint`` is one of python-ovh's names (``ovh-eu``…), ``sandbox``, or a URL ending in
    ``/1.0``. With no credentials at all the endpoint is the sandbox.
    """
    manager = ConfigurationManager()
    endpoint = manager.get("default", "endpoint") or "ovh-eu"
    section = "ovh-eu" if endpoint == "sandbox" or "/" in endpoint else endpoint
    keys = {name: manager.get(section, name) for name in OVH_KEY_NAMES}
    has_credentials = bool(keys["application_key"] or keys["client_id"])
    if not has_credentials:
        endpoint = "sandbox"
    return {"endpoint": endpoint, **keys}


def _demo_secret_key(instance_path: Path) -> str:
    """A key kept in the instance folder, so every worker of the demo signs cookies alike."""
    key_file = instance_path / "demo-secret-key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def load_settings(instance_path: str) -> dict[str, Any]:
    """Every setting the panel reads, from the environment."""
    ovh = ovh_settings()
    on_sandbox = ovh["endpoint"] == "sandbox"
    sandbox = None
    if on_sandbox:
        # Demo wiring: only a panel on the sandbox loads the sandbox's package, for its keys.
        from ovh_sandbox.config import from_env

        sandbox = from_env(instance_path)
        if not ovh["application_key"]:
            ovh.update(
                application_key=sandbox.application_key,
                application_secret=sandbox.application_secret,
                consumer_key=sandbox.consumer_key,
            )
    secret_key = _env("SECRET_KEY")
    if secret_key is None:
        if not on_sandbox:
            raise RuntimeError(
                "SECRET_KEY is not set. Set it to a long random string before running the panel "
                "against the real OVH API."
            )
        secret_key = _demo_secret_key(Path(instance_path))
    sandbox_port = int(_env("SANDBOX_PORT") or DEFAULT_SANDBOX_PORT)
    return {
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": _env("DATABASE_URL")
        or "sqlite:///" + str(Path(instance_path) / "panel.db"),
        "REDIS_URL": _env("REDIS_URL"),
        "RATELIMIT_STORAGE_URI": _env("REDIS_URL") or "memory://",
        "OVH_CACHE_PREFIX": _env("OVH_CACHE_PREFIX") or "panel:ovh:",
        "OVH": ovh,
        "OVH_SANDBOX_URL": _env("OVH_SANDBOX_URL") or f"http://127.0.0.1:{sandbox_port}/1.0",
        "OVH_CONNECT_TIMEOUT": _env_float("OVH_CONNECT_TIMEOUT", 3.0),
        "OVH_READ_TIMEOUT": _env_float("OVH_READ_TIMEOUT", 20.0),
        "OVH_CACHE_SECONDS": _env_float("OVH_CACHE_SECONDS", 30.0),
        "OVH_MAX_WORKERS": int(_env_float("OVH_MAX_WORKERS", 8)),
        # OVH's fair use: calls a minute for the consumer key, shared by every worker (Redis).
        "OVH_CALLS_PER_MINUTE": int(_env_float("OVH_CALLS_PER_MINUTE", 60)),
        # How long slow-changing answers (DNS diagnosis, a domain's certificate) stay fresh.
        "OVH_SLOW_CACHE_SECONDS": _env_float("OVH_SLOW_CACHE_SECONDS", 600.0),
        # How long any answer is kept to be shown, with its age, when the budget is spent.
        "OVH_KEEP_SECONDS": _env_float("OVH_KEEP_SECONDS", 86400.0),
        # Refresh kept answers in a background thread of each worker (off: only when asked).
        "OVH_BACKGROUND_REFRESH": _env_bool("OVH_BACKGROUND_REFRESH", True),
        "SANDBOX": sandbox,
        "ON_SANDBOX": on_sandbox,
        "SESSION_COOKIE_SECURE": not on_sandbox and not _env_bool("FLASK_DEBUG"),
        # No form needs more; the SSL import (three PEM texts or files) asks for the most.
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        # How long replacing a certificate waits for OVH to remove the old one before importing.
        "SSL_REPLACE_WAIT_SECONDS": _env_float("SSL_REPLACE_WAIT_SECONDS", 30.0),
    }
