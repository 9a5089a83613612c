"""The panel's own connection to OVH: whose account it is, what it may do, until when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import ovh

from app.services.client import OvhGateway
from app.services.errors import translate
from app.services.units import parse_datetime

# The least the panel needs: hosting pages and actions, and reading who it is.
PANEL_ACCESS_RULES: tuple[tuple[str, str], ...] = (
    *((method, "/hosting/web") for method in ("GET", "POST", "PUT", "DELETE")),
    *((method, "/hosting/web/*") for method in ("GET", "POST", "PUT", "DELETE")),
    ("GET", "/auth/*"),
    ("GET", "/me"),
)


@dataclass(frozen=True)
class AccessRule:
    method: str
    path: str


@dataclass(frozen=True)
class ConnectionInfo:
    endpoint: str
    nichandle: str
    email: str | None
    status: str | None
    rules: tuple[AccessRule, ...]
    expiration: datetime | None
    last_use: datetime | None


@dataclass(frozen=True)
class CredentialRequest:
    validation_url: str
    consumer_key: str
    state: str


def connection_info(gateway: OvhGateway, endpoint: str) -> ConnectionInfo:
    me, credential = gateway.gather(
        lambda: gateway.get("/me", cache=False),
        lambda: gateway.get("/auth/currentCredential", cache=False),
    )
    return ConnectionInfo(
        endpoint=endpoint,
        nichandle=str(me.get("nichandle") or ""),
        email=me.get("email"),
        status=credential.get("status"),
        rules=tuple(
            AccessRule(method=str(rule.get("method")), path=str(rule.get("path")))
            for rule in credential.get("rules") or ()
        ),
        expiration=parse_datetime(credential.get("expiration")),
        last_use=parse_datetime(credential.get("lastUse")),
    )


def request_credential(client: ovh.Client, redirect_url: str | None = None) -> CredentialRequest:
    """Ask OVH for a new consumer key limited to :data:`PANEL_ACCESS_RULES`."""
    rules = [{"method": method, "path": rule_path} for method, rule_path in PANEL_ACCESS_RULES]
    try:
        answer: dict[str, Any] = client.request_consumerkey(rules, redirect_url)
    except Exception as error:
        raise translate(error) from error
    return CredentialRequest(
        validation_url=str(answer["validationUrl"]),
        consumer_key=str(answer["consumerKey"]),
        state=str(answer.get("state")),
    )
