"""The check every signed ``/1.0`` call goes through, in the order OVH reports failures.

Application key, consumer key (exists, validated and unexpired, same application), timestamp
within ±``TIME_WINDOW_SECONDS`` of the sandbox clock, signature over the URL exactly as sent and
the raw body bytes, then the credential's ``allowedIPs`` (if any) and its access rules.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import sqlite3
from urllib.parse import quote

from flask import Request

from ovh_sandbox import clock, credentials
from ovh_sandbox.config import SandboxConfig
from ovh_sandbox.errors import ApiError, auth_error

TIME_WINDOW_SECONDS = 300


def signature(
    secret: str, consumer_key: str, method: str, url: str, body: bytes, timestamp: str
) -> str:
    """``$1$`` + sha1 of AS+CK+METHOD+URL+BODY+TS joined with ``+``."""
    head = "+".join([secret, consumer_key, method.upper(), url]).encode()
    return "$1$" + hashlib.sha1(head + b"+" + body + b"+" + timestamp.encode()).hexdigest()


def full_url(request: Request) -> str:
    """Scheme, host, path and query string as the client sent them."""
    raw_uri = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    if not raw_uri:
        raw_uri = quote(request.environ.get("SCRIPT_NAME", "") + request.environ["PATH_INFO"])
        query = request.environ.get("QUERY_STRING", "")
        raw_uri += f"?{query}" if query else ""
    return f"{request.scheme}://{request.host}{raw_uri}"


def rule_matches(pattern: str, path: str) -> bool:
    """``*`` matches anything, slashes included; ``/x/*`` does not match ``/x``."""
    regex = ".*".join(re.escape(part) for part in pattern.split("*"))
    return re.fullmatch(regex, path) is not None


def granted(rules: list[dict[str, str]], method: str, path: str) -> bool:
    return any(r["method"] == method and rule_matches(r["path"], path) for r in rules)


def invalid_key() -> ApiError:
    return auth_error(403, "INVALID_KEY", "Invalid application key")


def authenticate(
    conn: sqlite3.Connection, config: SandboxConfig, request: Request, api_path: str
) -> sqlite3.Row:
    """The credential behind a signed request, or the OVH error that refuses it."""
    headers = request.headers
    if headers.get("X-Ovh-Application") != config.application_key:
        raise invalid_key()
    consumer_key = headers.get("X-Ovh-Consumer", "")
    if not consumer_key:
        raise auth_error(401, "NOT_AUTHENTICATED", "You must login first")
    row = credentials.by_consumer_key(conn, consumer_key)
    if row is None:
        raise auth_error(403, "NOT_CREDENTIAL", "This credential does not exist")
    if credentials.status(row) != "validated" or row["application_key"] != config.application_key:
        raise auth_error(403, "INVALID_CREDENTIAL", "This credential is not valid")
    timestamp = headers.get("X-Ovh-Timestamp", "")
    if not timestamp.isdigit() or abs(clock.now() - int(timestamp)) > TIME_WINDOW_SECONDS:
        raise auth_error(400, "QUERY_TIME_OUT", "Query out of time")
    expected = signature(
        config.application_secret,
        consumer_key,
        request.method,
        full_url(request),
        request.get_data(cache=True),
        timestamp,
    )
    if not hmac.compare_digest(expected, headers.get("X-Ovh-Signature", "")):
        raise auth_error(400, "INVALID_SIGNATURE", "Invalid signature")
    if not credentials.ip_allowed(row, request.remote_addr):
        raise auth_error(403, "FORBIDDEN", "This IP is not allowed to use this credential")
    if not granted(credentials.rules_of(row), request.method, api_path):
        raise auth_error(403, "NOT_GRANTED_CALL", "This call has not been granted")
    credentials.touch(conn, row["id"])
    return row
