"""Fault injection on ``/1.0`` calls: latency, dropped connections, 429, 5xx, non-JSON answers.

``rate_limit_per_min`` is the per-consumer-key rate limit (``SANDBOX_RATE_LIMIT_PER_MIN``): a
sliding 60-second window per consumer key, answered with a 429 like OVH's. Since OVH's exact
429 is unknown, two rates make some of them come as an HTML page or without ``Retry-After``, so
clients can be tested against both.

The current faults live in the database so every process serving the sandbox applies the same
ones; they start from the config's values at each reset. Rates are probabilities drawn from the
app's own ``random.Random``: 0.0 never and 1.0 always fire, which keeps tests deterministic.
"""

from __future__ import annotations

import math
import random
import socket
import sqlite3
import time
from typing import Any

from flask import Request, Response, jsonify

from ovh_sandbox import clock, stats
from ovh_sandbox.config import SandboxConfig
from ovh_sandbox.db import transaction
from ovh_sandbox.errors import bad_request, business_error

# write_drop_rate: a write (not GET) is carried out, then its connection closed before the answer:
# the caller cannot know whether it happened.
RATES = (
    "error_rate",
    "drop_rate",
    "invalid_json_rate",
    "rate_limit_html_rate",
    "rate_limit_bare_rate",
    "write_drop_rate",
)
COUNTS = ("latency_ms", "rate_limit_per_min")
NAMES = COUNTS + RATES
RATE_WINDOW_SECONDS = 60
SERVER_ERRORS: tuple[tuple[int, str, str], ...] = (
    (500, "Server::InternalServerError", "Internal server error"),
    (503, "Server::ServiceUnavailable", "The API is temporarily unavailable, please retry later"),
)
RATE_LIMITED_PAGE = (
    "<html><head><title>429 Too Many Requests</title></head>"
    "<body><h1>429 Too Many Requests</h1></body></html>"
)
INVALID_JSON_PAGE = (
    "<html><head><title>502 Bad Gateway</title></head>"
    "<body><h1>502 Bad Gateway</h1><p>The upstream server is not answering.</p></body></html>"
)


def starting_values(config: SandboxConfig) -> dict[str, float]:
    return {
        "latency_ms": config.latency_ms,
        "error_rate": config.error_rate,
        "rate_limit_per_min": config.rate_limit_per_min,
        "drop_rate": 0.0,
        "invalid_json_rate": 0.0,
        "rate_limit_html_rate": 0.0,
        "rate_limit_bare_rate": 0.0,
        "write_drop_rate": 0.0,
    }


def reset(conn: sqlite3.Connection, config: SandboxConfig) -> None:
    conn.execute("DELETE FROM faults")
    conn.execute("DELETE FROM hits")
    conn.executemany(
        "INSERT INTO faults (name, value) VALUES (?, ?)", starting_values(config).items()
    )


def current(conn: sqlite3.Connection) -> dict[str, Any]:
    values = {row["name"]: row["value"] for row in conn.execute("SELECT name, value FROM faults")}
    return {
        name: int(values.get(name, 0)) if name in COUNTS else float(values.get(name, 0.0))
        for name in NAMES
    }


def merge(conn: sqlite3.Connection, changes: dict[str, Any]) -> dict[str, Any]:
    """Set some faults, keep the others; answer 400 on an unknown name or a bad value."""
    for name, value in changes.items():
        if name not in NAMES:
            raise bad_request(f"Unknown fault {name}; known faults: {', '.join(NAMES)}")
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise bad_request(f"Invalid value for {name}: a number >= 0 is expected")
        if name in RATES and value > 1:
            raise bad_request(f"Invalid value for {name}: a rate is between 0 and 1")
    with transaction(conn):
        conn.executemany(
            "INSERT INTO faults (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            changes.items(),
        )
    return current(conn)


def drop_connection(request: Request) -> Response:
    """Close the client's connection without any HTTP answer.

    The server's later attempt to write the returned response fails on the closed socket and is
    ignored as a dropped connection. Without a socket (e.g. the test client) the closest thing a
    WSGI app can do is an empty 502.
    """
    sock = request.environ.get("werkzeug.socket") or request.environ.get("gunicorn.socket")
    if sock is None:
        return Response(status=502)
    sock.shutdown(socket.SHUT_RDWR)
    return Response(status=502)


def _check_rate(
    conn: sqlite3.Connection, client: str, limit: int, rng: random.Random, faults: dict[str, Any]
) -> Response | None:
    """``None`` when the call fits in the consumer's window, else the 429 answer."""
    now = clock.now()
    with transaction(conn):
        conn.execute("DELETE FROM hits WHERE at <= ?", (now - RATE_WINDOW_SECONDS,))
        window = conn.execute(
            "SELECT count(*) AS n, min(at) AS oldest FROM hits WHERE consumer=?", (client,)
        ).fetchone()
        if window["n"] < limit:
            conn.execute("INSERT INTO hits (consumer, at) VALUES (?, ?)", (client, now))
            return None
    stats.count(conn, stats.RATE_LIMITED)
    retry_after = max(1, math.ceil(window["oldest"] + RATE_WINDOW_SECONDS - now))
    headers = (
        {} if rng.random() < faults["rate_limit_bare_rate"] else {"Retry-After": str(retry_after)}
    )
    if rng.random() < faults["rate_limit_html_rate"]:
        # What a proxy or gateway in front of the API could answer instead of OVH's JSON.
        return Response(RATE_LIMITED_PAGE, 429, headers, content_type="text/html; charset=utf-8")
    response = jsonify(
        {
            "class": "Client::TooManyRequests",
            "message": f"Too many requests: at most {limit} per minute for this consumer key, "
            f"retry in {retry_after} seconds",
        }
    )
    response.status_code = 429
    response.headers.update(headers)
    return response


def before_call(
    conn: sqlite3.Connection, request: Request, rng: random.Random, faults: dict[str, Any]
) -> Response | None:
    """Apply the faults that act before the call is handled; a Response ends the request."""
    if faults["latency_ms"]:
        time.sleep(faults["latency_ms"] / 1000)
    if rng.random() < faults["drop_rate"]:
        return drop_connection(request)
    if faults["rate_limit_per_min"]:
        client = (
            request.headers.get("X-Ovh-Consumer")
            or request.headers.get("X-Ovh-Application")
            or request.remote_addr
            or "anonymous"
        )
        refused = _check_rate(conn, client, faults["rate_limit_per_min"], rng, faults)
        if refused is not None:
            return refused
    if rng.random() < faults["error_rate"]:
        status, error_class, message = rng.choice(SERVER_ERRORS)
        raise business_error(status, error_class, message)
    return None


def invalid_json_answer() -> Response:
    """What a broken proxy in front of the API answers: 200 with an HTML page."""
    return Response(INVALID_JSON_PAGE, 200, content_type="text/html; charset=utf-8")
