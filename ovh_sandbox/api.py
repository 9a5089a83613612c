"""Helpers the ``/1.0`` route modules share: storage access, answers, lists and filters."""

from __future__ import annotations

import base64
import json
import re
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from flask import Response, current_app, g, jsonify, request

from ovh_sandbox import clock, db, tasks
from ovh_sandbox.config import SandboxConfig
from ovh_sandbox.errors import bad_request, unknown_service
from ovh_sandbox.validation import validated_body

PAGINATION_MODES = ("CachedObjectList-Pages", "CachedObjectList-Cursor")
# What OVH's control panel asks for when it names no page size.
DEFAULT_PAGE_SIZE = 5000


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


def start_task(
    service: str,
    kind: str,
    key: str,
    *,
    function: str,
    object_type: str,
    object_id: str | None = None,
    outcome: str = "done",
    doc: dict[str, Any] | None = None,
    status: str = "",
    **payload: Any,
) -> dict[str, Any]:
    """Start OVH's ``function`` task on the ``kind`` document ``key`` (its effect, applied when
    the task ends, reads ``payload``) and return it as the API shows it. With ``doc``, the
    document shows ``status`` and the task's id until then."""
    task = tasks.create(
        conn(),
        service,
        function=function,
        object_type=object_type,
        object_id=key if object_id is None else object_id,
        step=config().task_seconds,
        outcome=outcome,
        payload={"kind": kind, "key": key, **payload},
    )
    if doc is not None:
        doc.update(status=status, taskId=task["id"])
        store().put(kind, service, key, doc)
    return task


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


def _cursor(number: int, size: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([number, size]).encode()).decode().rstrip("=")


def _read_cursor(raw: str) -> tuple[int, int]:
    try:
        number, size = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    except (ValueError, TypeError):
        raise bad_request("invalid cursor") from None
    if not (isinstance(number, int) and isinstance(size, int) and number >= 1 and size >= 1):
        raise bad_request("invalid cursor")
    return number, size


def _page(
    keys: Sequence[Any], expand: Callable[[Any], dict[str, Any]]
) -> tuple[Any, dict[str, str]]:
    """One page of full objects and its headers, as OVH's Iceberg answers: ``X-Pagination-Elements``
    the item count, ``X-Pagination-Total`` the page count, ``X-Pagination-Cursor-Next`` while
    more pages follow."""
    cursor = request.headers.get("X-Pagination-Cursor")
    if cursor:
        number, size = _read_cursor(cursor)
    else:
        size = _header_int("X-Pagination-Size", DEFAULT_PAGE_SIZE)
        number = _header_int("X-Pagination-Number", 1)
    pages = max(1, -(-len(keys) // size))
    page = [expand(key) for key in keys[(number - 1) * size : number * size]]
    headers = {
        "X-Pagination-Elements": str(len(keys)),
        "X-Pagination-Total": str(pages),
        "X-Pagination-Size": str(size),
        "X-Pagination-Number": str(number),
    }
    if number < pages:
        headers["X-Pagination-Cursor-Next"] = _cursor(number + 1, size)
    return page, headers


def listing(keys: Sequence[Any], expand: Callable[[Any], dict[str, Any]]) -> Response:
    """A list route's answer: ids, or a page of full objects in Iceberg mode.

    OVH keeps list answers for a short while: the same list asked again within
    ``list_cache_seconds`` gets the same answer, even if the account changed meanwhile, unless
    the request says ``Pragma: no-cache``.
    """
    mode = request.headers.get("X-Pagination-Mode")
    key = json.dumps(
        [
            request.full_path,
            mode,
            request.headers.get("X-Pagination-Size"),
            request.headers.get("X-Pagination-Number"),
            request.headers.get("X-Pagination-Cursor"),
        ]
    )
    seconds = config().list_cache_seconds
    now = clock.now()
    fresh = "no-cache" in request.headers.get("Pragma", "").lower()
    if seconds > 0 and not fresh:
        row = (
            conn()
            .execute(
                "SELECT body, headers FROM list_cache WHERE key=? AND at>?", (key, now - seconds)
            )
            .fetchone()
        )
        if row is not None:
            response = answer(json.loads(row["body"]))
            response.headers.update(json.loads(row["headers"]))
            return response
    if mode in PAGINATION_MODES:
        body, headers = _page(keys, expand)
    else:
        body, headers = list(keys), {}
    if seconds > 0:
        conn().execute(
            "INSERT OR REPLACE INTO list_cache (key, at, body, headers) VALUES (?, ?, ?, ?)",
            (key, now, json.dumps(body), json.dumps(headers)),
        )
    response = answer(body)
    response.headers.update(headers)
    return response
