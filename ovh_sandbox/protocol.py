"""The OVH protocol around every ``/1.0`` route: stats, faults, signature, transaction, query id.

Before a call to a known route: count it under its route template and apply the faults. Then, for
every call, known route or not: authenticate it (except the two public auth routes), open the
write transaction and settle the service's finished tasks. After it: commit (or roll back an error
answer), maybe swap the body for a non-JSON page, and put an ``X-Ovh-QueryID`` on every answer of
the app, errors included.
"""

from __future__ import annotations

import itertools
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, current_app, g, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from ovh_sandbox import api, faults, signing, stats, tasks, validation
from ovh_sandbox.errors import ApiError, business_error

PUBLIC_ENDPOINTS = frozenset({"auth_api.time", "auth_api.credential"})


@dataclass(frozen=True)
class ObservedCall:
    """A ``/1.0`` call to a known route and the answer it got, as observers see it."""

    route: str  # "GET /hosting/web/{serviceName}"
    query: dict[str, str]
    body: bytes
    headers: dict[str, str]
    status: int
    answer: bytes


# Called with every observed call, in the thread that served it. Tests use it to check each
# request the panel makes, and each answer, against OVH's schema.
OBSERVERS: list[Callable[[ObservedCall], None]] = []
_QUERY_COUNTER = itertools.count(1)
_PROCESS_TAG = f"{int(time.time()) & 0xFFFFFFFF:08x}"


def query_id() -> str:
    """Like OVH's ``EU.ext-3.697ab11c.1671394.dcb480cc3ec007be555e013e04a4a228``."""
    return f"EU.sandbox-1.{_PROCESS_TAG}.{next(_QUERY_COUNTER)}.{secrets.token_hex(16)}"


def is_api_call() -> bool:
    return request.path == stats.API_PREFIX or request.path.startswith(stats.API_PREFIX + "/")


def _before_call() -> Response | None:
    if not is_api_call():
        return None
    conn = api.conn()
    if request.url_rule is not None:
        stats.count(conn, stats.route_template(request.method, request.url_rule.rule))
        rng: random.Random = current_app.extensions["sandbox_random"]
        current = faults.current(conn)
        g.invalid_json = rng.random() < current["invalid_json_rate"]
        g.drop_after = request.method != "GET" and rng.random() < current["write_drop_rate"]
        interrupted = faults.before_call(conn, request, rng, current)
        if interrupted is not None:
            return interrupted
    if request.endpoint not in PUBLIC_ENDPOINTS:
        # Unknown routes are authenticated too, so a call outside the rules is NOT_GRANTED_CALL.
        g.credential = signing.authenticate(
            conn, api.config(), request, request.path.removeprefix(stats.API_PREFIX)
        )
    if request.url_rule is not None:
        # Every operation's query string and body, checked against OVH's schema.
        validation.check_request(
            stats.route_template(request.method, request.url_rule.rule),
            request.args.to_dict(),
            request.get_data(cache=True),
        )
    conn.execute("BEGIN IMMEDIATE")
    g.in_transaction = True
    service = (request.view_args or {}).get("serviceName")
    if service:
        tasks.settle(conn, service)
    return None


def _after_call(response: Response) -> Response:
    if g.pop("in_transaction", False):
        api.conn().execute("COMMIT" if response.status_code < 400 else "ROLLBACK")
    if g.pop("drop_after", False):
        return faults.drop_connection(request)
    if g.pop("invalid_json", False):
        response = faults.invalid_json_answer()
    if OBSERVERS and is_api_call() and request.url_rule is not None:
        call = ObservedCall(
            route=stats.route_template(request.method, request.url_rule.rule),
            query=request.args.to_dict(),
            body=request.get_data(cache=True),
            headers=dict(request.headers),
            status=response.status_code,
            answer=response.get_data(),
        )
        for observe in list(OBSERVERS):
            observe(call)
    response.headers["X-Ovh-QueryID"] = query_id()
    return response


def _end_call(_error: BaseException | None) -> None:
    if g.pop("in_transaction", False):
        api.conn().execute("ROLLBACK")


def _close_connection(_error: BaseException | None) -> None:
    connection = g.pop("sandbox_conn", None)
    if connection is not None:
        connection.close()


def _api_error(error: ApiError) -> Response:
    response = api.answer(error.body, error.status)
    response.headers.update(error.headers)
    return response


def _http_error(error: HTTPException) -> Any:
    if not is_api_call():
        return error
    if isinstance(error, MethodNotAllowed):
        return _api_error(
            business_error(
                405,
                "Client::MethodNotAllowed",
                f"Method {request.method} is not allowed on this URL",
            )
        )
    return _api_error(business_error(404, "Client::NotFound", "Got an invalid (or empty) URL"))


def _unexpected_error(error: Exception) -> Response:
    current_app.logger.exception("Sandbox failure", exc_info=error)
    return _api_error(business_error(500, "Server::InternalServerError", "Internal server error"))


def register_protocol(app: Flask) -> None:
    app.extensions["sandbox_random"] = random.Random()
    app.before_request(_before_call)
    app.after_request(_after_call)
    app.teardown_request(_end_call)
    app.teardown_appcontext(_close_connection)
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
