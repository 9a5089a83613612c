"""The consumer-key flow end to end: request, validation page, approval or refusal, use."""

from __future__ import annotations

import ovh
import pytest
from ovh.exceptions import InvalidCredential, NotGrantedCall

from ovh_sandbox.credentials import PANEL_RULES
from tests.support.sandbox_control import Control

RULES = [{"method": "GET", "path": "/me"}, {"method": "GET", "path": "/auth/*"}]


def test_requested_credential_is_pending_with_a_local_validation_url(
    client: ovh.Client, api_url: str
) -> None:
    validation = client.request_consumerkey(RULES)
    assert validation["state"] == "pendingValidation"
    assert validation["validationUrl"].startswith(
        api_url.removesuffix("/1.0") + "/auth/?credentialToken="
    )
    assert client._consumer_key == validation["consumerKey"]


def test_validation_page_lists_the_rules_with_approve_and_refuse(
    client: ovh.Client, control: Control
) -> None:
    validation = client.request_consumerkey(RULES)
    page = control.http.get(validation["validationUrl"], timeout=5)
    assert page.status_code == 200
    assert "GET /me" in page.text and "GET /auth/*" in page.text
    assert 'value="approve"' in page.text and 'value="refuse"' in page.text
    assert "30 days" in page.text and "Unlimited" in page.text


def test_approved_credential_works_and_shows_its_rules(
    client: ovh.Client, control: Control
) -> None:
    validation = client.request_consumerkey(RULES)
    answer = control.approve(validation["validationUrl"], validity=2_592_000)
    assert answer.status_code == 200 and "Access granted" in answer.text
    credential = client.get("/auth/currentCredential")
    assert credential["status"] == "validated"
    assert credential["rules"] == RULES
    assert credential["expiration"] is not None
    assert client.get("/me")["nichandle"] == "xx11111-ovh"
    with pytest.raises(NotGrantedCall):
        client.get("/hosting/web")


def test_refused_credential_stays_invalid(client: ovh.Client, control: Control) -> None:
    validation = client.request_consumerkey(RULES)
    assert control.decide(validation["validationUrl"], "refuse").status_code == 200
    with pytest.raises(InvalidCredential):
        client.get("/me")


def test_approval_redirects_to_the_requested_redirection(
    client: ovh.Client, control: Control
) -> None:
    validation = client.request_consumerkey(RULES, redirect_url="http://127.0.0.1:1/done")
    answer = control.approve(validation["validationUrl"])
    assert answer.status_code == 302
    assert answer.headers["Location"] == "http://127.0.0.1:1/done"


def test_unknown_validation_token_is_not_found(control: Control) -> None:
    assert (
        control.http.get(f"{control.base}/auth/?credentialToken=nope", timeout=5).status_code == 404
    )


def test_demo_credential_has_exactly_the_panel_rules(client: ovh.Client) -> None:
    credential = client.get("/auth/currentCredential")
    assert credential["rules"] == PANEL_RULES
    assert credential["expiration"] is None
    details = client.get("/auth/details")
    assert details["account"] == "xx11111-ovh"
    assert details["method"] == "account"
    assert details["allowedRoutes"] == PANEL_RULES
