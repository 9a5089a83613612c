"""OAuth2 service accounts: the client-credentials token endpoint and the bearer-token check.

python-ovh (``oauth2`` mode) asks ``https://www.ovh.com/auth/oauth2/token`` for a token with
``grant_type=client_credentials`` and ``scope=all``, the client id and secret in HTTP Basic auth
(requests-oauthlib's default) or in the form; then it sends ``Authorization: Bearer <token>`` on
every API call, with no ``X-Ovh-*`` signature. Here the same endpoint lives at
``/auth/oauth2/token`` beside ``/1.0``, tokens are kept in the sandbox database, and the service
account's IAM policy is the config's ``service_account_rules`` (method and path, like a consumer
key's rules). A call the policy does not allow gets OVH's IAM refusal: 403 ``Client::Forbidden``
without an ``errorCode``, naming the IAM action.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import re
import secrets
import sqlite3
from urllib.parse import unquote

from flask import Blueprint, Request, Response, jsonify, request

from ovh_sandbox import api, clock, db, signing
from ovh_sandbox.config import SandboxConfig
from ovh_sandbox.db import transaction
from ovh_sandbox.errors import ApiError

bp = Blueprint("oauth2", __name__)

SCOPE = "all"
POLICY_KIND = "iam_policy"
# POST routes of /hosting/web that are actions rather than creations (their IAM action has no
# ``/create``), from OVH's schema.
ACTIONS = frozenset(
    {"changePassword", "regenerate", "restart", "purgeCache", "restore", "import", "copyRestore"}
)


def _token_error(status: int, error: str, description: str) -> Response:
    """RFC 6749 §5.2 error answer, the shape oauthlib reads."""
    response = jsonify({"error": error, "error_description": description})
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def _client_credentials(req: Request) -> tuple[str, str]:
    header = req.headers.get("Authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:].strip()).decode()
        except (binascii.Error, UnicodeDecodeError):
            return "", ""
        client_id, _, client_secret = decoded.partition(":")
        # RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
        return unquote(client_id), unquote(client_secret)
    return req.form.get("client_id", ""), req.form.get("client_secret", "")


@bp.post("/auth/oauth2/token")
def token() -> Response:
    config = api.config()
    if request.form.get("grant_type") != "client_credentials":
        return _token_error(400, "unsupported_grant_type", "Only client_credentials is supported")
    client_id, client_secret = _client_credentials(request)
    if client_id != config.client_id or not hmac.compare_digest(
        client_secret.encode(), config.client_secret.encode()
    ):
        return _token_error(401, "invalid_client", "Invalid client credentials")
    # OVH's token endpoint refuses a request without ``scope=all`` (external-secrets#6931).
    if set((request.form.get("scope") or "").split()) != {SCOPE}:
        return _token_error(400, "invalid_scope", "The only scope is 'all'")
    access_token = secrets.token_urlsafe(32)
    conn = api.conn()
    with transaction(conn):
        conn.execute(
            "INSERT INTO oauth2_tokens (token, client_id, expires) VALUES (?, ?, ?)",
            (access_token, client_id, clock.now() + config.oauth2_token_seconds),
        )
    response = jsonify(
        {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": config.oauth2_token_seconds,
            "scope": SCOPE,
        }
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def bearer(req: Request) -> str | None:
    header = req.headers.get("Authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


def iam_action(method: str, rule: str | None, api_path: str) -> str:
    """The IAM action OVH names in a refusal, from the route template: ``GET
    /hosting/web/<serviceName>/attachedDomain/<domain>/digStatus`` is
    ``webHosting:apiovh:attachedDomain/digStatus/get``."""
    template = rule.removeprefix("/1.0") if rule else api_path
    if template == "/me" or template.startswith("/me/"):
        return "account:apiovh:me/get"
    segments = [s for s in template.split("/") if s and not re.fullmatch(r"<[^>]+>", s)]
    segments = segments[2:] if segments[:2] == ["hosting", "web"] else segments
    verbs = {"GET": "get", "POST": "create", "PUT": "edit", "DELETE": "delete"}
    # A POST on a named action (…/changePassword, …/ssl/regenerate) is the action itself.
    if method == "POST" and segments and segments[-1] in ACTIONS:
        return "webHosting:apiovh:" + "/".join(segments)
    return "webHosting:apiovh:" + "/".join([*segments, verbs.get(method, method.lower())])


def policy(conn: sqlite3.Connection, config: SandboxConfig) -> list[dict[str, str]]:
    """The service account's IAM policy as routes: set by the control route, else the config's."""
    stored = db.Store(conn).get(POLICY_KIND, "")
    if stored is not None:
        return list(stored["rules"])
    return [{"method": m, "path": p} for m, p in config.service_account_rules]


def set_policy(conn: sqlite3.Connection, rules: list[dict[str, str]]) -> None:
    with transaction(conn):
        db.Store(conn).put(POLICY_KIND, "", "", {"rules": rules})


def authenticate(
    conn: sqlite3.Connection, config: SandboxConfig, req: Request, api_path: str
) -> str:
    """The service account behind a bearer token, or OVH's refusal."""
    access_token = bearer(req) or ""
    row = conn.execute(
        "SELECT client_id, expires FROM oauth2_tokens WHERE token=?", (access_token,)
    ).fetchone()
    if row is None or row["expires"] <= clock.now() or row["client_id"] != config.client_id:
        raise ApiError(401, {"class": "Client::Unauthorized", "message": "Invalid token"})
    if api_path.startswith("/auth/"):
        return str(row["client_id"])  # who am I: always allowed, like for a consumer key
    if not signing.granted(policy(conn, config), req.method, api_path):
        rule = req.url_rule.rule if req.url_rule is not None else None
        raise ApiError(
            403,
            {
                "class": "Client::Forbidden",
                "message": "User not granted for this request",
                "details": {
                    "unauthorizedActionsByAuthentication": "",
                    "unauthorizedActionsByIAM": iam_action(req.method, rule, api_path),
                },
            },
        )
    return str(row["client_id"])
