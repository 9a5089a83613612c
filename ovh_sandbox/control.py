"""Control routes outside ``/1.0`` (no signature, no faults): faults, stats and reset.

Each request carries the sandbox's control token in ``X-Sandbox-Token`` and, when a browser sends
it, an ``Origin`` that is the sandbox's own: a page on another site cannot reset or break it.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from flask import Blueprint, Request, Response, request

from ovh_sandbox import api, faults, seed, stats
from ovh_sandbox.errors import ApiError, bad_request
from ovh_sandbox.validation import parse_json_object

bp = Blueprint("control", __name__, url_prefix="/_sandbox")
TOKEN_HEADER = "X-Sandbox-Token"


def same_origin(incoming: Request) -> bool:
    """No ``Origin`` (a script, curl) or this server's own; a cross-site browser fetch is not."""
    origin = incoming.headers.get("Origin")
    if origin is None:
        return incoming.headers.get("Sec-Fetch-Site") in (None, "same-origin", "none")
    parts = urlsplit(incoming.host_url)
    return origin.rstrip("/") == f"{parts.scheme}://{parts.netloc}"


@bp.before_request
def require_token() -> None:
    token = request.headers.get(TOKEN_HEADER, "")
    if not same_origin(request) or not hmac.compare_digest(
        token.encode(), api.config().control_token.encode()
    ):
        raise ApiError(
            403,
            {
                "class": "Client::Forbidden",
                "message": f"Control routes need the sandbox's {TOKEN_HEADER} and its own origin",
            },
        )


@bp.get("/faults")
def read_faults() -> Response:
    return api.answer(faults.current(api.conn()))


@bp.post("/faults")
def set_faults() -> Response:
    return api.answer(faults.merge(api.conn(), parse_json_object(request.get_data())))


@bp.get("/stats")
def read_stats() -> Response:
    return api.answer(stats.summary(api.conn()))


@bp.delete("/stats")
def clear_stats() -> Response:
    stats.clear(api.conn())
    return api.answer(stats.summary(api.conn()))


@bp.post("/reset")
def reset() -> Response:
    asked = parse_json_object(request.get_data())
    services, domains = asked.get("services", 3), asked.get("domains", 0)
    for name, value in (("services", services), ("domains", domains)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise bad_request(f"{name} must be an integer >= 0")
    seed.reset(api.config(), services, domains)
    return api.answer({"services": services})
