"""Helpers the ``/1.0`` route modules share: storage access, answers, lists and filters."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from flask import Response, current_app, g, jsonify, request

from ovh_sandbox import db
from ovh_sandbox.config import SandboxConfig
from ovh_sandbox.errors import bad_request, unknown_service
from ovh_sandbox.validation import validated_body

PAGINATION_MODE = "CachedObjectList-Pages"


def config() -> SandboxConfig:
    sandbox_config: SandboxConfig = current_app.config["SANDBOX"]
    return sandbox_config


def conn() -> sqlite3.Connection:
    """This request's connection, closed when the app context ends."""
    if "sandbox_conn" not in g:
        g.sandbox_conn = db.connect(config().db_path)
    connection: sqlite3.Connection = g.sandbox_conn
    return connection


def store() -> db.Store:
    return db.Store(conn())


def answer(value: Any, status: int = 200) -> Response:
    """A JSON answer; ``void`` operations answer ``null`` because python-ovh cannot parse ""."""
    response = jsonify(value)
    response.status_code = status
    return response


def void() -> Response:
    return answer(None)


def service_doc(service: str) -> dict[str, Any]:
    doc = store().get("service", service)
    if doc is None:
        raise unknown_service()
    return doc


def body(operation: str) -> dict[str, Any]:
    return validated_body(operation, request.get_data(cache=True))


def like(value: str | None, pattern: str | None) -> bool:
    """OVH "like" filters: case-insensitive substring, or a ``%`` pattern matched whole."""
    if not pattern:
        return True
    if value is None:
        return False
    if "%" not in pattern:
        return pattern.lower() in value.lower()
    regex = ".*".join(re.escape(part) for part in pattern.lower().split("%"))
    return re.fullmatch(regex, value.lower()) is not None


def _header_int(name: str, default: int) -> int:
    raw = request.headers.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise bad_request(f"Invalid {name} header: a positive integer is expected")
    return int(raw)


def listing(keys: Sequence[Any], expand: Callable[[Any], dict[str, Any]]) -> Response:
    """A list route's answer: ids, or full objects in ``CachedObjectList-Pages`` mode."""
    if request.headers.get("X-Pagination-Mode") != PAGINATION_MODE:
        return answer(list(keys))
    size = _header_int("X-Pagination-Size", max(len(keys), 1))
    number = _header_int("X-Pagination-Number", 1)
    page = keys[(number - 1) * size : number * size]
    response = answer([expand(key) for key in page])
    response.headers["X-Pagination-Total"] = str(len(keys))
    response.headers["X-Pagination-Size"] = str(size)
    response.headers["X-Pagination-Number"] = str(number)
    return response
