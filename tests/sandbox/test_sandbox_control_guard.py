"""The control routes and the approval page answer only their own origin, with a token, and
approving redirects only to the address given in the credential request."""

from __future__ import annotations

import ovh
import requests

from ovh_sandbox.config import SandboxConfig
from tests.support.sandbox_control import FORM_TOKEN, Control

RULES = [{"method": "GET", "path": "/me"}]


def test_control_routes_need_the_token(control: Control) -> None:
    url = f"{control.base}/_sandbox/faults"
    assert requests.post(url, json={"error_rate": 1.0}, timeout=5).status_code == 403
    wrong = {"X-Sandbox-Token": "guess"}
    assert requests.post(url, json={"error_rate": 1.0}, headers=wrong, timeout=5).status_code == 403
    assert requests.post(f"{control.base}/_sandbox/reset", json={}, timeout=5).status_code == 403
    assert requests.get(f"{control.base}/_sandbox/stats", timeout=5).status_code == 403
    assert control.faults()["error_rate"] == 0.0  # nothing was changed


def test_control_routes_refuse_another_origin_even_with_the_token(
    control: Control, sandbox_settings: SandboxConfig
) -> None:
    url = f"{control.base}/_sandbox/faults"
    headers = {"X-Sandbox-Token": sandbox_settings.control_token}
    foreign = {**headers, "Origin": "https://evil.example"}
    assert (
        requests.post(url, json={"drop_rate": 1.0}, headers=foreign, timeout=5).status_code == 403
    )
    cross_site = {**headers, "Sec-Fetch-Site": "cross-site"}
    assert requests.get(url, headers=cross_site, timeout=5).status_code == 403
    own = {**headers, "Origin": control.base}
    assert requests.get(url, headers=own, timeout=5).status_code == 200


def test_the_approval_form_needs_its_token_and_its_own_origin(
    client: ovh.Client, control: Control
) -> None:
    validation = client.request_consumerkey(RULES)
    url = validation["validationUrl"]
    forged = requests.post(url, data={"action": "approve", "validity": "0"}, timeout=5)
    assert forged.status_code == 403
    page = requests.get(url, timeout=5).text
    token = FORM_TOKEN.search(page).group(1)  # type: ignore[union-attr]
    from_elsewhere = requests.post(
        url,
        data={"action": "approve", "validity": "0", "form_token": token},
        headers={"Origin": "https://evil.example"},
        timeout=5,
    )
    assert from_elsewhere.status_code == 403
    assert "Approve" in requests.get(url, timeout=5).text  # still waiting for a decision


def test_approval_redirects_only_to_the_address_of_the_request(
    client: ovh.Client, control: Control
) -> None:
    validation = client.request_consumerkey(RULES, redirect_url="https://app.example/done")
    url = validation["validationUrl"] + "&redirection=https://evil.example"
    answer = control.approve(url)
    assert answer.headers["Location"] == "https://app.example/done"


def test_approval_never_redirects_to_a_script(client: ovh.Client, control: Control) -> None:
    validation = client.request_consumerkey(RULES, redirect_url="javascript:alert(1)")
    answer = control.approve(validation["validationUrl"])
    assert answer.status_code == 200 and "Location" not in answer.headers
