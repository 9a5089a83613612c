"""The panel's own connection to OVH: whose account it is, what it may do, until when.

Two ways in: an application key with a consumer key (whose access is a list of rules, asked for
by ``flask ovh connect``), or an OAuth2 service account (whose access is an IAM policy set in
OVH's control panel). ``/auth/details`` answers in both; ``/auth/currentCredential`` only for a
consumer key, and gives its state and expiry.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import ovh

from app.services.access_rules import FeatureAccess, as_ovh_rules, feature_access
from app.services.client import OvhGateway
from app.services.errors import NotAuthorized, translate
from app.services.oauth2 import is_oauth2
from app.services.units import parse_datetime

OAUTH2_METHOD = "oauth2_client_credentials"
# Seconds between two looks at a consumer key waiting for approval.
POLL_INTERVAL = 3.0


@dataclass(frozen=True)
class AccessRule:
    method: str
    path: str


@dataclass(frozen=True)
class ConnectionInfo:
    endpoint: str
    oauth2: bool
    nichandle: str
    email: str | None
    method: str
    status: str | None
    # ``None`` when nothing limits the routes (a service account: its IAM policy decides).
    rules: tuple[AccessRule, ...] | None
    allowed_ips: tuple[str, ...]
    expiration: datetime | None
    last_use: datetime | None
    features: tuple[FeatureAccess, ...]


@dataclass(frozen=True)
class CredentialRequest:
    validation_url: str
    consumer_key: str
    state: str


def connection_info(gateway: OvhGateway, endpoint: str) -> ConnectionInfo:
    oauth2 = is_oauth2(gateway.client)
    calls: list[Callable[[], Any]] = [
        lambda: gateway.get("/auth/details", cache=False),
        lambda: _optional(lambda: gateway.get("/me", cache=False)),
    ]
    if not oauth2:
        calls.append(lambda: gateway.get("/auth/currentCredential", cache=False))
    details, me, *rest = gateway.gather(*calls)
    credential: dict[str, Any] = rest[0] if rest else {}
    routes = details.get("allowedRoutes")
    rules = (
        None
        if routes is None
        else tuple(AccessRule(str(r.get("method")), str(r.get("path"))) for r in routes)
    )
    return ConnectionInfo(
        endpoint=endpoint,
        oauth2=oauth2 or details.get("method") == OAUTH2_METHOD,
        nichandle=str(details.get("account") or (me or {}).get("nichandle") or ""),
        email=(me or {}).get("email"),
        method=str(details.get("method") or ""),
        status=credential.get("status") if credential else None,
        rules=rules,
        allowed_ips=tuple(str(ip) for ip in credential.get("allowedIPs") or ()),
        expiration=parse_datetime(credential.get("expiration")),
        last_use=parse_datetime(credential.get("lastUse")),
        features=feature_access(None if rules is None else [(r.method, r.path) for r in rules]),
    )


def _optional(call: Callable[[], Any]) -> Any:
    """``/me`` is nice to have: a service account's policy may leave it out."""
    try:
        return call()
    except NotAuthorized:
        return None


def request_credential(
    client: ovh.Client,
    redirect_url: str | None = None,
    allowed_ips: Sequence[str] = (),
) -> CredentialRequest:
    """Ask OVH for a new consumer key limited to the panel's rule table (and to ``allowed_ips``,
    OVH's ``allowedIPs``, when given)."""
    try:
        answer: dict[str, Any] = client.request_consumerkey(
            as_ovh_rules(), redirect_url, list(allowed_ips) or None
        )
    except Exception as error:
        raise translate(error) from error
    return CredentialRequest(
        validation_url=str(answer["validationUrl"]),
        consumer_key=str(answer["consumerKey"]),
        state=str(answer.get("state")),
    )


@dataclass(frozen=True)
class Validation:
    """How waiting for a person to approve a consumer key ended."""

    status: str  # validated, refused, expired, or pendingValidation when time ran out
    expiration: datetime | None = None


def wait_for_validation(
    client: ovh.Client,
    timeout: float,
    interval: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Validation:
    """Poll ``/auth/currentCredential`` with the new key until the person approves or refuses it.

    Until then OVH refuses the key (``INVALID_CREDENTIAL``) or, possibly, answers with the state
    ``pendingValidation``; both mean "keep waiting".
    """
    deadline = clock() + timeout
    while True:
        try:
            credential: dict[str, Any] = client.get("/auth/currentCredential")
        except Exception as error:
            panel_error = translate(error)
            if not isinstance(panel_error, NotAuthorized):
                raise panel_error from error
            status = "pendingValidation"
            credential = {}
        else:
            status = str(credential.get("status") or "pendingValidation")
        if status != "pendingValidation" or clock() >= deadline:
            return Validation(status, parse_datetime(credential.get("expiration")))
        sleep(POLL_INTERVAL if interval is None else interval)


def is_unlimited(validation: Validation) -> bool:
    return validation.status == "validated" and validation.expiration is None
