"""OAuth2 service accounts end to end through python-ovh's ``oauth2`` mode: token, bearer calls,
IAM refusals, token failures; and consumer keys limited to ``allowedIPs``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing

import ovh
import pytest
import requests
from ovh.exceptions import APIError, Forbidden, OAuth2FailureError

from app.services.gateway_setup import build_client
from ovh_sandbox.config import SandboxConfig
from ovh_sandbox.control import TOKEN_HEADER
from ovh_sandbox.oauth2 import iam_action
from tests.sandbox.conftest import HOSTING_RULES

SERVICE = "example.cluster01.hosting.ovh.net"


@pytest.fixture
def oauth2_client(api_url: str, sandbox_settings: SandboxConfig) -> Iterator[ovh.Client]:
    client = build_client(
        {
            "endpoint": "sandbox",
            "client_id": sandbox_settings.client_id,
            "client_secret": sandbox_settings.client_secret,
        },
        api_url,
        (3, 10),
    )
    yield client
    client._session.close()


def test_python_ovh_gets_a_token_from_the_sandbox_and_calls_with_it(
    oauth2_client: ovh.Client, api_url: str
) -> None:
    assert oauth2_client._oauth2.token_url == api_url.removesuffix("/1.0") + "/auth/oauth2/token"
    assert SERVICE in oauth2_client.get("/hosting/web")
    token = oauth2_client._oauth2.token
    assert token["token_type"] == "Bearer" and token["expires_in"] == 3600
    details = oauth2_client.get("/auth/details")
    assert details["method"] == "oauth2_client_credentials"
    assert details["allowedRoutes"] is None
    assert details["account"] == "xx11111-ovh"


def test_a_wrong_secret_gets_no_token(api_url: str, sandbox_settings: SandboxConfig) -> None:
    client = build_client(
        {"endpoint": "sandbox", "client_id": sandbox_settings.client_id, "client_secret": "no"},
        api_url,
        (3, 10),
    )
    with pytest.raises(OAuth2FailureError, match="invalid_client"):
        client.get("/hosting/web")


def test_token_endpoint_takes_credentials_in_the_form_too(
    api_url: str, sandbox_settings: SandboxConfig
) -> None:
    base = api_url.removesuffix("/1.0")
    answer = requests.post(
        f"{base}/auth/oauth2/token",
        data={
            "grant_type": "client_credentials",
            "client_id": sandbox_settings.client_id,
            "client_secret": sandbox_settings.client_secret,
            "scope": "all",
        },
        timeout=5,
    )
    assert answer.status_code == 200 and answer.json()["access_token"]
    refused = requests.post(f"{base}/auth/oauth2/token", data={"grant_type": "password"}, timeout=5)
    assert refused.status_code == 400
    assert refused.json()["error"] == "unsupported_grant_type"


def test_an_unknown_bearer_token_is_refused(api_url: str) -> None:
    answer = requests.get(
        f"{api_url}/hosting/web", headers={"Authorization": "Bearer nope"}, timeout=5
    )
    assert answer.status_code == 401
    assert answer.headers["X-Ovh-QueryID"]


def test_a_call_outside_the_policy_is_an_iam_refusal_without_error_code(
    oauth2_client: ovh.Client,
) -> None:
    assert ("GET", "/me/bill") not in HOSTING_RULES
    with pytest.raises(APIError) as caught:
        oauth2_client.get("/me/bill")
    assert not isinstance(caught.value, Forbidden)  # python-ovh sees no errorCode
    body = caught.value.response.json()
    assert caught.value.response.status_code == 403
    assert "errorCode" not in body
    assert body["class"] == "Client::Forbidden"
    assert body["details"]["unauthorizedActionsByIAM"] == "account:apiovh:me/get"


def test_current_credential_is_for_consumer_keys_only(oauth2_client: ovh.Client) -> None:
    with pytest.raises(APIError) as caught:
        oauth2_client.get("/auth/currentCredential")
    assert caught.value.response.status_code == 403


def test_iam_actions_are_named_like_ovh_s() -> None:
    rule = "/1.0/hosting/web/<serviceName>/attachedDomain/<domain>/digStatus"
    assert iam_action("GET", rule, "") == "webHosting:apiovh:attachedDomain/digStatus/get"
    rule = "/1.0/hosting/web/<serviceName>/database/<name>/changePassword"
    assert iam_action("POST", rule, "") == "webHosting:apiovh:database/changePassword"
    assert (
        iam_action("POST", "/1.0/hosting/web/<serviceName>/attachedDomain", "")
        == "webHosting:apiovh:attachedDomain/create"
    )
    assert iam_action("GET", "/1.0/hosting/web", "") == "webHosting:apiovh:get"


def test_a_consumer_key_limited_to_other_ips_is_refused(
    client: ovh.Client, control: object
) -> None:
    from tests.support.sandbox_control import Control

    assert isinstance(control, Control)
    elsewhere = client.request_consumerkey(
        [{"method": "GET", "path": "/me"}], allowedIPs=["192.0.2.0/24"]
    )
    control.approve(elsewhere["validationUrl"])
    with pytest.raises(Forbidden):
        client.get("/me")
    here = client.request_consumerkey(
        [{"method": "GET", "path": "/*"}], allowedIPs=["127.0.0.1/32"]
    )
    control.approve(here["validationUrl"])
    assert client.get("/me")["nichandle"] == "xx11111-ovh"
    assert client.get("/auth/currentCredential")["allowedIPs"] == ["127.0.0.1/32"]


def test_an_invalid_ip_block_is_refused(client: ovh.Client) -> None:
    with pytest.raises(APIError, match="allowedIPs"):
        client.request_consumerkey([{"method": "GET", "path": "/me"}], allowedIPs=["nowhere"])


def test_the_service_account_policy_can_be_narrowed_until_the_next_reset(
    oauth2_client: ovh.Client, api_url: str, sandbox_settings: SandboxConfig
) -> None:
    base = api_url.removesuffix("/1.0")
    token = {TOKEN_HEADER: sandbox_settings.control_token}
    assert (
        requests.post(f"{base}/_sandbox/service-account", json={"rules": []}, timeout=5).status_code
        == 403
    )  # the control token is needed, as for every control route
    narrowed = requests.post(
        f"{base}/_sandbox/service-account",
        json={"rules": [{"method": "GET", "path": "/hosting/web"}]},
        headers=token,
        timeout=5,
    )
    assert narrowed.status_code == 200
    assert SERVICE in oauth2_client.get("/hosting/web")
    with pytest.raises(APIError) as caught:
        oauth2_client.get(f"/hosting/web/{SERVICE}")
    assert caught.value.response.json()["details"]["unauthorizedActionsByIAM"] == (
        "webHosting:apiovh:get"
    )
    wrong = requests.post(
        f"{base}/_sandbox/service-account", json={"rules": "all"}, headers=token, timeout=5
    )
    assert wrong.status_code == 400
    requests.post(f"{base}/_sandbox/reset", json={}, headers=token, timeout=30).raise_for_status()
    assert oauth2_client.get(f"/hosting/web/{SERVICE}")["serviceName"] == SERVICE


def _revoke_tokens(config: SandboxConfig) -> None:
    with closing(sqlite3.connect(config.db_path)) as conn, conn:
        conn.execute("DELETE FROM oauth2_tokens")


def test_a_token_ovh_no_longer_accepts_is_fetched_anew_once(
    oauth2_client: ovh.Client, sandbox_settings: SandboxConfig
) -> None:
    assert SERVICE in oauth2_client.get("/hosting/web")
    first = oauth2_client._oauth2.token["access_token"]
    _revoke_tokens(sandbox_settings)
    assert SERVICE in oauth2_client.get("/hosting/web")
    assert oauth2_client._oauth2.token["access_token"] != first


def test_python_ovh_alone_keeps_a_refused_token(
    api_url: str, sandbox_settings: SandboxConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why the panel renews: python-ovh only fetches a token when its own copy expires."""
    monkeypatch.setattr(
        "app.services.gateway_setup.renew_refused_tokens", lambda client, adapter=None: None
    )
    client = build_client(
        {
            "endpoint": "sandbox",
            "client_id": sandbox_settings.client_id,
            "client_secret": sandbox_settings.client_secret,
        },
        api_url,
        (3, 10),
    )
    client.get("/hosting/web")
    _revoke_tokens(sandbox_settings)
    with pytest.raises(APIError, match="Invalid token"):
        client.get("/hosting/web")
