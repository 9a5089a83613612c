"""Typed settings: the only module that reads ``os.environ``.

Configuration flows one way: environment → :func:`load_settings` → ``app.config`` → service
constructors. Production secrets have no defaults. The demo on the built-in sandbox runs only when
asked for by name (``PANEL_DEMO=1``); without it, missing settings stop the panel with a sentence
naming each of them.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ovh.config import ConfigurationManager

DEFAULT_SANDBOX_PORT = 8081
DEFAULT_PORT = 8000
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
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


class ConfigError(RuntimeError):
    """The panel cannot start with these settings; the message says what to set."""


def demo_requested() -> bool:
    """``PANEL_DEMO=1``: the only way to run the panel on the built-in sandbox."""
    return _env_bool("PANEL_DEMO")


def instance_path() -> str | None:
    """Where the panel keeps its files (SQLite, the demo's key): ``PANEL_INSTANCE_PATH``, else
    Flask's ``instance/`` beside the code."""
    value = _env("PANEL_INSTANCE_PATH")
    return str(Path(value).resolve()) if value else None


def ovh_settings(demo: bool = False) -> dict[str, Any]:
    """The OVH connection, read the way python-ovh reads it (``OVH_*`` or ``ovh.conf``).

    ``endpoint`` is one of python-ovh's names (``ovh-eu``…), ``sandbox``, or a URL ending in
    ``/1.0``. The demo always runs on the sandbox; outside it the sandbox is refused.
    """
    manager = ConfigurationManager()
    endpoint = manager.get("default", "endpoint") or "ovh-eu"
    section = "ovh-eu" if endpoint == "sandbox" or "/" in endpoint else endpoint
    keys = {name: manager.get(section, name) for name in OVH_KEY_NAMES}
    _check_ovh_keys(keys)
    if demo:
        endpoint = "sandbox"
    return {"endpoint": endpoint, **keys}


def _check_ovh_keys(keys: dict[str, str | None]) -> None:
    """Refuse at start, in plain words, the mixes python-ovh would refuse on the first page."""
    if keys["client_id"] and keys["application_key"]:
        raise ConfigError(
            "Both OVH_APPLICATION_KEY and OVH_CLIENT_ID are set. Use an application key (with "
            "OVH_APPLICATION_SECRET and OVH_CONSUMER_KEY) or an OAuth2 service account "
            "(OVH_CLIENT_ID and OVH_CLIENT_SECRET), not both."
        )
    if bool(keys["client_id"]) != bool(keys["client_secret"]):
        raise ConfigError(
            "An OAuth2 service account needs both OVH_CLIENT_ID and OVH_CLIENT_SECRET."
        )
    if bool(keys["application_key"]) != bool(keys["application_secret"]):
        raise ConfigError(
            "An application key needs both OVH_APPLICATION_KEY and OVH_APPLICATION_SECRET."
        )


def missing_production_settings(ovh: dict[str, Any], secret_key: str | None) -> list[str]:
    """The settings a panel on the real OVH API still needs, by name."""
    missing = []
    if ovh["endpoint"] == "sandbox":
        missing.append("OVH_ENDPOINT (not 'sandbox': the sandbox is for PANEL_DEMO=1 only)")
    if not ovh["client_id"]:
        missing += [
            f"OVH_{name.upper()}"
            for name in ("application_key", "application_secret", "consumer_key")
            if not ovh[name]
        ]
    elif not ovh["client_secret"]:
        missing.append("OVH_CLIENT_SECRET")
    if secret_key is None:
        missing.append("SECRET_KEY")
    if _env("PANEL_URL") is None:
        missing.append("PANEL_URL")
    return missing


def demo_bind_problem(binds: list[str]) -> str | None:
    """Why the demo must not listen on ``binds`` (gunicorn's ``host:port`` list), or ``None``."""
    if not demo_requested() or _env_bool("PANEL_DEMO_PUBLIC"):
        return None
    public = [bind for bind in binds if _bind_host(bind) not in LOOPBACK_HOSTS]
    if not public:
        return None
    return (
        "The demo (PANEL_DEMO=1) signs anyone in with published passwords, so it listens on "
        f"loopback only, not on {', '.join(public)}. Bind to 127.0.0.1, or set "
        "PANEL_DEMO_PUBLIC=1 if you really mean to show it to your network."
    )


def _bind_host(bind: str) -> str:
    if bind.startswith("unix:"):
        return "localhost"
    if bind.startswith("["):
        return bind[1:].partition("]")[0]
    return bind.rpartition(":")[0] if ":" in bind else bind


def panel_url(demo: bool) -> str:
    """The panel's public address, for the links it hands out; never taken from a request."""
    url = _env("PANEL_URL")
    if url is None:
        url = f"http://127.0.0.1:{_env('PORT') or DEFAULT_PORT}" if demo else ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            "PANEL_URL must be an http or https address, like https://panel.example.com "
            f"(now {url!r})."
        )
    return url.rstrip("/")


def trusted_hosts(url: str, demo: bool) -> list[str]:
    """``TRUSTED_HOSTS`` (comma-separated), else the host of ``PANEL_URL`` (and loopback in the
    demo): requests for any other ``Host`` are refused."""
    listed = [host.strip() for host in (_env("TRUSTED_HOSTS") or "").split(",") if host.strip()]
    if listed:
        return listed
    hosts = [urlsplit(url).hostname or ""]
    return hosts + [host for host in LOOPBACK_HOSTS if host not in hosts] if demo else hosts


def notify_allowed_hosts() -> list[str]:
    """``NOTIFY_ALLOWED_HOSTS``: a network written wrongly stops the panel."""
    listed = [one.strip() for one in (_env("NOTIFY_ALLOWED_HOSTS") or "").split(",")]
    for entry in (one for one in listed if "/" in one):
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ConfigError(
                f"NOTIFY_ALLOWED_HOSTS: {entry!r} is not a network such as 10.0.0.0/8."
            ) from None
    return [one for one in listed if one]


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
    demo = demo_requested()
    ovh = ovh_settings(demo)
    on_sandbox = demo
    secret_key = _env("SECRET_KEY")
    if not demo:
        missing = missing_production_settings(ovh, secret_key)
        if missing:
            raise ConfigError(
                "The panel cannot start: set "
                + ", ".join(missing)
                + ". To try the panel on the built-in sandbox instead, set PANEL_DEMO=1 "
                "(make demo does)."
            )
    sandbox = None
    if on_sandbox:
        # Demo wiring: only a panel on the sandbox loads the sandbox's package, for its keys.
        from dataclasses import replace

        from app.services.access_rules import rule_pairs
        from ovh_sandbox.config import from_env

        # The demo key and service account carry exactly the panel's rules, as a real key would.
        sandbox = replace(
            from_env(instance_path), demo_rules=rule_pairs(), service_account_rules=rule_pairs()
        )
        if not ovh["application_key"] and not ovh["client_id"]:
            ovh.update(
                application_key=sandbox.application_key,
                application_secret=sandbox.application_secret,
                consumer_key=sandbox.consumer_key,
            )
    if secret_key is None:
        secret_key = _demo_secret_key(Path(instance_path))
    url = panel_url(demo)
    sandbox_port = int(_env("SANDBOX_PORT") or DEFAULT_SANDBOX_PORT)
    database_url = _env("DATABASE_URL") or "sqlite:///" + str(Path(instance_path) / "panel.db")
    return {
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "REDIS_URL": _env("REDIS_URL"),
        # Limits every worker shares: Redis when there is one, else the panel's database.
        "RATELIMIT_STORAGE_URI": _env("REDIS_URL") or "panel-db://",
        "RATELIMIT_STORAGE_OPTIONS": {} if _env("REDIS_URL") else {"url": database_url},
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
        # Refresh kept answers as queue jobs before they expire (off: only when a page asks).
        "OVH_BACKGROUND_REFRESH": _env_bool("OVH_BACKGROUND_REFRESH", True),
        # Notifications by email (Flask-Mail): without MAIL_SERVER they are written to the log.
        # The demo sends to its local catch-all server (scripts/demo.sh) and reads it back from
        # MAIL_CATCH_DIR on the administrators' Mail caught page.
        "MAIL_SERVER": _env("MAIL_SERVER"),
        "MAIL_PORT": int(_env_float("MAIL_PORT", 587)),
        "MAIL_USE_TLS": _env_bool("MAIL_USE_TLS", False),
        "MAIL_USE_SSL": _env_bool("MAIL_USE_SSL", False),
        "MAIL_USERNAME": _env("MAIL_USERNAME"),
        "MAIL_PASSWORD": _env("MAIL_PASSWORD"),
        "MAIL_DEFAULT_SENDER": _env("MAIL_DEFAULT_SENDER") or "OVH hosting panel <panel@localhost>",
        "MAIL_SUPPRESS_SEND": False,
        "MAIL_CATCH_DIR": _env("MAIL_CATCH_DIR") if demo else None,
        # Chat and webhook destinations go to public addresses only; these intranet hosts (names,
        # addresses or CIDR networks, comma-separated) are let through (app/notify/destinations).
        "NOTIFY_ALLOWED_HOSTS": notify_allowed_hosts(),
        # The task queue (Huey): on REDIS_URL when set, else a SQLite file in the instance folder.
        # Its name keeps two panels on one Redis apart; immediate runs jobs in the caller (tests).
        "QUEUE_NAME": _env("QUEUE_NAME") or "panel",
        "QUEUE_IMMEDIATE": _env_bool("QUEUE_IMMEDIATE"),
        # Up to this many plans the inventory is made while the person waits for the download;
        # above it, the queue prepares it and a page shows how far it has come.
        "INVENTORY_DIRECT_PLANS": int(_env_float("INVENTORY_DIRECT_PLANS", 5)),
        "SANDBOX": sandbox,
        "ON_SANDBOX": on_sandbox,
        "PANEL_URL": url,
        "TRUSTED_HOSTS": trusted_hosts(url, demo),
        # How many reverse proxies stand in front of the panel (their X-Forwarded-* are believed).
        "TRUSTED_PROXIES": int(_env_float("TRUSTED_PROXIES", 0)),
        # Lets the demo answer on a non-loopback address (it refuses to otherwise).
        "PANEL_DEMO_PUBLIC": _env_bool("PANEL_DEMO_PUBLIC"),
        "SESSION_COOKIE_SECURE": not on_sandbox and not _env_bool("FLASK_DEBUG"),
        # No form needs more; the SSL import (three PEM texts or files) asks for the most.
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        # How long removing the old certificate (a replacement) may take before its page says it
        # is taking unusually long; the queue waits for it, then imports the new one.
        "SSL_REPLACE_WAIT_SECONDS": _env_float("SSL_REPLACE_WAIT_SECONDS", 30.0),
        # The same for the safety backup made before a restore, an import that empties the
        # database, a copy over it or a delete (and for a copy), which the queue waits for.
        "SAFETY_BACKUP_WAIT_SECONDS": _env_float("SAFETY_BACKUP_WAIT_SECONDS", 45.0),
        # The largest SQL file the panel takes for an import, and how long its upload to OVH
        # may take.
        "IMPORT_MAX_MB": int(_env_float("IMPORT_MAX_MB", 50)),
        "IMPORT_UPLOAD_SECONDS": _env_float("IMPORT_UPLOAD_SECONDS", 600.0),
        # How many days of daily disk and database use are kept for the trends (OVH keeps none).
        "TREND_KEEP_DAYS": int(_env_float("TREND_KEEP_DAYS", 400)),
        # How long a launch keeps the passwords it has yet to send (sealed), and its drafts.
        "LAUNCH_SECRETS_HOURS": max(_env_float("LAUNCH_SECRETS_HOURS", 24.0), 0.1),
    }
