"""`flask ovh connect` and `flask ovh check`, end to end against the sandbox."""

from __future__ import annotations

import re

import requests
from flask import Flask

from tests.support.panel import make_app
from tests.support.sandbox import SandboxControl
from tests.support.sandbox_control import decide


def printed_credential(output: str) -> tuple[str, str]:
    """The validation address and the consumer key that ``flask ovh connect`` printed."""
    url = re.search(r"(http://\S+credentialToken=\S+)", output)
    key = re.search(r"OVH_CONSUMER_KEY\)?:\s*\n\s*(\S+)", output)
    assert url and key, output
    return url.group(1), key.group(1)


def test_connect_asks_for_the_least_rules_and_check_shows_the_approved_credential(
    app: Flask, sandbox: SandboxControl, database_url: str
) -> None:
    connected = app.test_cli_runner().invoke(args=["ovh", "connect"])
    assert connected.exit_code == 0, connected.output
    validation_url, consumer_key = printed_credential(connected.output)
    for rule in ("GET    /hosting/web/*", "DELETE /hosting/web", "GET    /me", "GET    /auth/*"):
        assert rule in connected.output

    # A person opens the address and approves the access on the sandbox's validation page.
    with requests.Session() as browser:
        approved = decide(browser, validation_url, "approve", validity=86400)
    assert approved.status_code == 200

    settings = dict(app.config["OVH"], consumer_key=consumer_key)
    checked_app = make_app(sandbox.api_url, database_url, OVH=settings)
    checked = checked_app.test_cli_runner().invoke(args=["ovh", "check"])
    assert checked.exit_code == 0, checked.output
    assert "Account:    xx11111-ovh" in checked.output
    assert "Credential: validated" in checked.output
    assert "GET    /hosting/web/*" in checked.output
    assert "Expires:    never" not in checked.output


def test_check_says_plainly_when_the_credential_is_not_approved(
    app: Flask, sandbox: SandboxControl, database_url: str
) -> None:
    connected = app.test_cli_runner().invoke(args=["ovh", "connect"])
    _, consumer_key = printed_credential(connected.output)
    settings = dict(app.config["OVH"], consumer_key=consumer_key)
    checked = (
        make_app(sandbox.api_url, database_url, OVH=settings)
        .test_cli_runner()
        .invoke(args=["ovh", "check"])
    )
    assert checked.exit_code != 0
    assert "renew or widen the panel's connection to OVH" in checked.output
