"""The one place where OVH failures become panel errors.

Every exception python-ovh raises, every raw error answer, a 429, a network error, a timeout and
an unreadable answer become one :class:`PanelError` subclass carrying a plain-language message
(English and French through the catalog) and the OVH query id for support. Nowhere else catches
``ovh`` exceptions.
"""

from __future__ import annotations

from typing import Any

import ovh.exceptions as ovh_exc
import requests
from flask_babel import lazy_gettext as _l


class PanelError(Exception):
    """Something the OVH API could not do, said in words a non-technical person understands."""

    status_code = 502
    default_message = _l("The OVH service answered with an error.")

    def __init__(
        self,
        message: Any = None,
        *,
        query_id: str | None = None,
        detail: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.message = message if message is not None else self.default_message
        self.query_id = query_id
        self.detail = detail
        self.retry_after = retry_after
        super().__init__(str(detail or self.message))


class NotFound(PanelError):
    status_code = 404
    default_message = _l("This item does not exist, or no longer exists, at OVH.")


class InvalidInput(PanelError):
    status_code = 400
    default_message = _l("OVH refused the values sent.")


class Refused(InvalidInput):
    """OVH understood the request and will not do it (a 403 about the operation itself)."""

    status_code = 403
    default_message = _l("OVH refused to do this.")


class Conflict(PanelError):
    status_code = 409
    default_message = _l("This conflicts with something that already exists at OVH.")


class NotAuthorized(PanelError):
    status_code = 403
    default_message = _l(
        "The panel's OVH access does not allow this. An administrator needs to renew or widen "
        "the panel's connection to OVH."
    )


class RateLimited(PanelError):
    status_code = 429
    default_message = _l("OVH is receiving too many requests from the panel. Please wait a moment.")


class Busy(RateLimited):
    """The panel's own share of OVH calls for this minute is spent (nothing was sent to OVH)."""

    default_message = _l(
        "The panel is pacing its requests to OVH, which limits how many it accepts each minute. "
        "Nothing was changed."
    )


class UpstreamUnavailable(PanelError):
    status_code = 503
    default_message = _l(
        "The OVH service cannot be reached right now. Nothing was changed; please try again in a "
        "few minutes."
    )


class UpstreamError(PanelError):
    status_code = 502


_BY_OVH_EXCEPTION: tuple[tuple[type[Exception], type[PanelError]], ...] = (
    (ovh_exc.ResourceNotFoundError, NotFound),
    (ovh_exc.BadParametersError, InvalidInput),
    (ovh_exc.ResourceConflictError, Conflict),
    (ovh_exc.NotGrantedCall, NotAuthorized),
    (ovh_exc.NotCredential, NotAuthorized),
    (ovh_exc.InvalidKey, NotAuthorized),
    (ovh_exc.InvalidCredential, NotAuthorized),
    (ovh_exc.Forbidden, NotAuthorized),
    (ovh_exc.HTTPError, UpstreamUnavailable),
    (ovh_exc.NetworkError, UpstreamUnavailable),
    (ovh_exc.InvalidResponse, UpstreamUnavailable),
)

_BY_STATUS: dict[int, type[PanelError]] = {
    400: InvalidInput,
    403: NotAuthorized,
    404: NotFound,
    409: Conflict,
    429: RateLimited,
    500: UpstreamUnavailable,
    502: UpstreamUnavailable,
    503: UpstreamUnavailable,
    504: UpstreamUnavailable,
}


def translate(error: Exception) -> PanelError:
    """The panel error for any exception raised while talking to OVH."""
    if isinstance(error, PanelError):
        return error
    response = getattr(error, "response", None)
    query_id = getattr(error, "query_id", None) or _query_id(response)
    detail = _detail(error)
    status = getattr(response, "status_code", None)
    if isinstance(status, int) and status in (429, *range(500, 600)):
        return _BY_STATUS.get(status, UpstreamUnavailable)(
            query_id=query_id, detail=detail, retry_after=_retry_after(response)
        )
    if isinstance(error, (requests.RequestException, TimeoutError, ValueError)):
        return UpstreamUnavailable(query_id=query_id, detail=detail)
    for ovh_class, panel_class in _BY_OVH_EXCEPTION:
        if isinstance(error, ovh_class):
            return panel_class(query_id=query_id, detail=detail)
    if status == 403:
        # A 403 without an auth errorCode is OVH refusing the operation itself, not the panel.
        return Refused(query_id=query_id, detail=detail)
    return UpstreamError(query_id=query_id, detail=detail)


def from_response(response: requests.Response) -> PanelError:
    """The panel error for a raw error answer (used where python-ovh's ``call`` is bypassed)."""
    try:
        body = response.json()
    except ValueError:
        return UpstreamUnavailable(query_id=_query_id(response), detail="invalid JSON answer")
    detail = body.get("message") if isinstance(body, dict) else None
    error_class = _BY_STATUS.get(response.status_code, UpstreamError)
    if response.status_code == 403 and not (isinstance(body, dict) and body.get("errorCode")):
        error_class = Refused
    return error_class(
        query_id=_query_id(response), detail=detail, retry_after=_retry_after(response)
    )


def _query_id(response: Any) -> str | None:
    headers = getattr(response, "headers", None)
    return headers.get("X-Ovh-QueryID") if headers is not None else None


def _retry_after(response: Any) -> float | None:
    headers = getattr(response, "headers", None)
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _detail(error: Exception) -> str | None:
    args = [arg for arg in error.args if isinstance(arg, str)]
    return args[0] if args else None
