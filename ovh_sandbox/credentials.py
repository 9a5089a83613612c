"""Consumer keys: the demo one from the config, and those made by ``POST /auth/credential``.

A requested credential is ``pendingValidation`` until someone approves or refuses it on the
validation page; an approved one carries an optional expiry. ``POST /auth/logout`` expires it.
"""

from __future__ import annotations

import ipaddress
import json
import secrets
import sqlite3
from typing import Any

from ovh_sandbox import clock
from ovh_sandbox.config import SandboxConfig

APPLICATION_ID = 1
NICHANDLE = "xx11111-ovh"


def as_rules(pairs: tuple[tuple[str, str], ...]) -> list[dict[str, str]]:
    return [{"method": method, "path": path} for method, path in pairs]


VALIDITY_CHOICES: dict[int, str] = {86_400: "1 day", 2_592_000: "30 days", 0: "Unlimited"}


def _insert(
    conn: sqlite3.Connection,
    config: SandboxConfig,
    consumer_key: str,
    status: str,
    rules: list[dict[str, str]],
    redirection: str | None,
    allowed_ips: list[str] | None = None,
) -> str:
    token = secrets.token_urlsafe(24)
    conn.execute(
        "INSERT INTO credentials (consumer_key, token, application_key, status, rules, "
        "redirection, creation, allowed_ips) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            consumer_key,
            token,
            config.application_key,
            status,
            json.dumps(rules),
            redirection,
            clock.now(),
            json.dumps(allowed_ips) if allowed_ips else None,
        ),
    )
    return token


def add_demo(conn: sqlite3.Connection, config: SandboxConfig) -> None:
    """The ready-to-use consumer key of the config, with the config's ``demo_rules``."""
    _insert(conn, config, config.consumer_key, "validated", as_rules(config.demo_rules), None)


def request_new(
    conn: sqlite3.Connection,
    config: SandboxConfig,
    rules: list[dict[str, str]],
    redirection: str | None,
    allowed_ips: list[str] | None = None,
) -> tuple[str, str]:
    """A pending credential; returns its consumer key and its validation token."""
    consumer_key = secrets.token_hex(16)
    return consumer_key, _insert(
        conn, config, consumer_key, "pendingValidation", rules, redirection, allowed_ips
    )


def by_consumer_key(conn: sqlite3.Connection, consumer_key: str) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT * FROM credentials WHERE consumer_key=?", (consumer_key,)
    ).fetchone()


def by_token(conn: sqlite3.Connection, token: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM credentials WHERE token=?", (token,)).fetchone()


def decide(conn: sqlite3.Connection, token: str, *, approve: bool, validity: int) -> None:
    """Approve (for ``validity`` seconds, 0 = unlimited) or refuse a pending credential."""
    expiration = clock.now() + validity if approve and validity > 0 else None
    conn.execute(
        "UPDATE credentials SET status=?, expiration=? "
        "WHERE token=? AND status='pendingValidation'",
        ("validated" if approve else "refused", expiration, token),
    )


def status(row: sqlite3.Row) -> str:
    """The stored state, except that a validated credential past its expiry is ``expired``."""
    expiration = row["expiration"]
    if row["status"] == "validated" and expiration is not None and expiration <= clock.now():
        return "expired"
    return str(row["status"])


def touch(conn: sqlite3.Connection, credential_id: int) -> None:
    conn.execute("UPDATE credentials SET last_use=? WHERE id=?", (clock.now(), credential_id))


def expire(conn: sqlite3.Connection, credential_id: int) -> None:
    conn.execute(
        "UPDATE credentials SET status='expired', expiration=? WHERE id=?",
        (clock.now(), credential_id),
    )


def rules_of(row: sqlite3.Row) -> list[dict[str, str]]:
    rules: list[dict[str, str]] = json.loads(row["rules"])
    return rules


def allowed_ips_of(row: sqlite3.Row) -> list[str] | None:
    raw = row["allowed_ips"]
    return list(json.loads(raw)) if raw else None


def ip_allowed(row: sqlite3.Row, address: str | None) -> bool:
    """Whether ``address`` is inside one of the credential's ``allowedIPs`` blocks (if any)."""
    blocks = allowed_ips_of(row)
    if not blocks:
        return True
    if address is None:
        return False
    ip = ipaddress.ip_address(address)
    return any(ip in ipaddress.ip_network(block, strict=False) for block in blocks)


def as_api_credential(row: sqlite3.Row) -> dict[str, Any]:
    """``auth.ApiCredential``."""
    return {
        "allowedIPs": allowed_ips_of(row),
        "applicationId": APPLICATION_ID,
        "creation": clock.iso(row["creation"]),
        "credentialId": row["id"],
        "expiration": clock.iso_or_none(row["expiration"]),
        "lastUse": clock.iso_or_none(row["last_use"]),
        "ovhSupport": False,
        "rules": rules_of(row),
        "status": status(row),
    }
