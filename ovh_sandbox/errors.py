"""The two error shapes OVH answers with, as exceptions the sandbox raises anywhere.

Auth-layer errors carry ``{"errorCode", "httpCode", "message"}``; business errors carry
``{"class": "Client::…", "message"}``. One Flask error handler turns both into JSON answers.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any


class ApiError(Exception):
    """An answer the sandbox gives instead of the normal result."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None):
        super().__init__(body.get("message", ""))
        self.status = status
        self.body = body
        self.headers = headers or {}


def http_code(status: int) -> str:
    """The ``httpCode`` text OVH puts in auth errors, e.g. ``"403 Forbidden"``."""
    return f"{status} {HTTPStatus(status).phrase}"


def auth_error(status: int, error_code: str, message: str) -> ApiError:
    body = {"errorCode": error_code, "httpCode": http_code(status), "message": message}
    return ApiError(status, body)


def business_error(status: int, error_class: str, message: str) -> ApiError:
    return ApiError(status, {"class": error_class, "message": message})


def not_found(message: str) -> ApiError:
    return business_error(404, "Client::NotFound", message)


def bad_request(message: str) -> ApiError:
    return business_error(400, "Client::BadRequest", message)


def conflict(message: str) -> ApiError:
    return business_error(409, "Client::Conflict", message)


def forbidden(message: str) -> ApiError:
    return business_error(403, "Client::Forbidden", message)


def unknown_service() -> ApiError:
    return not_found("This service does not exist")
