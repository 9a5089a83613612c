"""Every failure python-ovh can raise becomes one panel error, with the OVH query id."""

from __future__ import annotations

import ovh.exceptions as ovh_exc
import pytest
import requests

from app.services import errors


class FakeResponse:
    def __init__(self, status: int, headers: dict[str, str] | None = None, body: object = None):
        self.status_code = status
        self.headers = requests.structures.CaseInsensitiveDict(headers or {})
        self._body = body

    def json(self) -> object:
        if self._body is None:
            raise ValueError("not JSON")
        return self._body


@pytest.mark.parametrize(
    ("ovh_error", "panel_error"),
    [
        (ovh_exc.ResourceNotFoundError, errors.NotFound),
        (ovh_exc.BadParametersError, errors.InvalidInput),
        (ovh_exc.ResourceConflictError, errors.Conflict),
        (ovh_exc.NotGrantedCall, errors.NotAuthorized),
        (ovh_exc.NotCredential, errors.NotAuthorized),
        (ovh_exc.InvalidKey, errors.NotAuthorized),
        (ovh_exc.InvalidCredential, errors.NotAuthorized),
        (ovh_exc.Forbidden, errors.NotAuthorized),
        (ovh_exc.HTTPError, errors.UpstreamUnavailable),
        (ovh_exc.NetworkError, errors.UpstreamUnavailable),
        (ovh_exc.InvalidResponse, errors.UpstreamUnavailable),
        (ovh_exc.APIError, errors.UpstreamError),
        (ovh_exc.ResourceExpiredError, errors.UpstreamError),
    ],
)
def test_each_ovh_exception_becomes_one_panel_error(
    ovh_error: type[ovh_exc.APIError], panel_error: type[errors.PanelError]
) -> None:
    response = FakeResponse(418, {"X-Ovh-QueryID": "EU.ext-1.abc.42"})
    translated = errors.translate(ovh_error("OVH said no", response=response))
    assert type(translated) is panel_error
    assert translated.query_id == "EU.ext-1.abc.42"
    assert translated.detail == "OVH said no"
    assert str(translated.message)


def test_a_429_becomes_rate_limited_with_its_retry_after() -> None:
    response = FakeResponse(429, {"X-Ovh-QueryID": "q1", "Retry-After": "7"})
    translated = errors.translate(ovh_exc.APIError("Too many requests", response=response))
    assert isinstance(translated, errors.RateLimited)
    assert translated.retry_after == 7.0


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_server_error_means_ovh_is_unavailable(status: int) -> None:
    translated = errors.translate(ovh_exc.APIError("boom", response=FakeResponse(status)))
    assert isinstance(translated, errors.UpstreamUnavailable)


def test_network_failures_and_timeouts_mean_ovh_is_unavailable() -> None:
    assert isinstance(errors.translate(requests.ConnectTimeout()), errors.UpstreamUnavailable)
    assert isinstance(errors.translate(requests.ConnectionError()), errors.UpstreamUnavailable)


def test_a_raw_error_answer_is_translated_from_its_status_and_body() -> None:
    response = FakeResponse(
        409, {"X-Ovh-QueryID": "q2"}, {"class": "Client::Conflict", "message": "exists"}
    )
    translated = errors.from_response(response)  # type: ignore[arg-type]
    assert isinstance(translated, errors.Conflict)
    assert (translated.query_id, translated.detail) == ("q2", "exists")


def test_an_unreadable_raw_answer_means_ovh_is_unavailable() -> None:
    translated = errors.from_response(FakeResponse(502, {"X-Ovh-QueryID": "q3"}))  # type: ignore[arg-type]
    assert isinstance(translated, errors.UpstreamUnavailable)
    assert translated.query_id == "q3"


def test_a_business_refusal_is_not_taken_for_missing_panel_access() -> None:
    response = FakeResponse(403, {"X-Ovh-QueryID": "q4"})
    refused = errors.translate(
        ovh_exc.APIError("The default domain cannot be detached", response=response)
    )
    assert isinstance(refused, errors.Refused)
    assert isinstance(refused, errors.InvalidInput)  # so it stays on the form's page
    raw = FakeResponse(403, {}, {"class": "Client::Forbidden", "message": "no"})
    assert isinstance(errors.from_response(raw), errors.Refused)  # type: ignore[arg-type]
    auth = FakeResponse(403, {}, {"errorCode": "NOT_GRANTED_CALL", "message": "no"})
    assert isinstance(errors.from_response(auth), errors.NotAuthorized)  # type: ignore[arg-type]


IAM_REFUSAL = {
    "class": "Client::Forbidden",
    "message": "User not granted for this request",
    "details": {
        "unauthorizedActionsByAuthentication": "",
        "unauthorizedActionsByIAM": "webHosting:apiovh:attachedDomain/create",
    },
}


@pytest.mark.parametrize(
    ("body", "panel_error"),
    [
        (IAM_REFUSAL, errors.AccessNotIncluded),
        # The same refusal with its details left out, or its message alone.
        (
            {"class": "Client::Forbidden", "message": "User not granted for this request"},
            errors.AccessNotIncluded,
        ),
        (
            {"message": "x", "details": {"unauthorizedActionsByIAM": "webHosting:apiovh:get"}},
            errors.AccessNotIncluded,
        ),
        # OVH refusing the operation itself stays "OVH refused to do this".
        (
            {
                "class": "Client::Forbidden",
                "message": "Only a Let's Encrypt certificate can be regenerated",
            },
            errors.Refused,
        ),
    ],
)
def test_a_403_without_error_code_is_iam_only_when_it_says_so(
    body: dict[str, object], panel_error: type[errors.PanelError]
) -> None:
    response = FakeResponse(403, {"X-Ovh-QueryID": "EU.ext-1.abc.43"}, body)
    translated = errors.translate(ovh_exc.APIError("refused", response=response))
    assert type(translated) is panel_error
    assert type(errors.from_response(response)) is panel_error  # type: ignore[arg-type]
    assert translated.query_id == "EU.ext-1.abc.43"


def test_the_iam_refusal_sentence_says_an_administrator_can_widen_it() -> None:
    message = str(errors.AccessNotIncluded().message)
    assert message == "The panel's OVH access does not include this. An administrator can widen it."
    assert isinstance(errors.AccessNotIncluded(), errors.NotAuthorized)


def test_a_refused_token_and_a_401_are_said_plainly() -> None:
    token = errors.translate(ovh_exc.OAuth2FailureError("OAuth2 failure: (invalid_client)"))
    assert type(token) is errors.TokenRefused
    assert "service account was refused" in str(token.message)
    response = FakeResponse(401, {}, {"class": "Client::Unauthorized", "message": "Invalid token"})
    unauthorized = errors.translate(ovh_exc.APIError("Invalid token", response=response))
    assert type(unauthorized) is errors.NotAuthorized
