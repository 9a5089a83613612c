"""Reading OVH's answers where python-ovh does not: the pages of a list (Iceberg headers) and a
refusal of a request's timestamp (which calls for measuring the clock offset again)."""

from __future__ import annotations

from typing import Any

import ovh.exceptions
import requests

from app.services.errors import UpstreamUnavailable


def list_body(response: requests.Response) -> list[Any]:
    try:
        body = response.json()
    except ValueError as error:
        raise UpstreamUnavailable(detail="invalid JSON answer") from error
    if not isinstance(body, list):
        raise UpstreamUnavailable(detail="a list route answered with something else")
    return body


def header_int(response: requests.Response, name: str, default: int) -> int:
    raw = response.headers.get(name, "")
    return int(raw) if raw.isdigit() else default


TIME_ERROR_CODES = frozenset({"QUERY_TIME_OUT", "INVALID_TIMESTAMP"})


def time_refusal_body(response: requests.Response | None) -> bool:
    if response is None:
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    if not isinstance(body, dict):
        return False
    code = str(body.get("errorCode") or "")
    message = str(body.get("message") or "").lower()
    return code in TIME_ERROR_CODES or "timestamp" in message or "query out of time" in message


def refused_for_time(error: ovh.exceptions.APIError) -> bool:
    """A 400 saying the request's timestamp is too far from OVH's clock."""
    response = getattr(error, "response", None)
    return getattr(response, "status_code", None) == 400 and time_refusal_body(response)
