"""`flask ovh connect` and `flask ovh check`, end to end against the sandbox."""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from typing import Any

import pytest
import requests
from flask import Flask

from app.services import account
from app.services.access_rules import rule_pairs
from app.services.gateway_setup import build_client
from ovh_sandbox.config import SandboxConfig
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
    connected = app.test_cli_runner().invoke(args=["ovh", "connect", "--no-wait"])
    assert connected.exit_code == 0, connected.output
    validation_url, consumer_key = printed_credential(connected.output)
    asked = re.findall(r"^  (GET|POST|PUT|DELETE) +(/\S*)$", connected.output, re.MULTILINE)
    assert tuple(asked) == rule_pairs()
    assert "POST   /hosting/web/*/attachedDomain" in connected.output
    assert "/hosting/web/*\n" not in connected.output.replace("GET    /hosting/web/*\n", "")
    assert '"Unlimited"' in connected.output

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
    assert "can use            domains" in checked.output
    assert "cannot use" not in checked.output
    assert "Expires:    never" not in checked.output
    assert 'choose the validity "Unlimited"' in checked.output


def test_check_says_plainly_when_the_credential_is_not_approved(
    app: Flask, sandbox: SandboxControl, database_url: str
) -> None:
    connected = app.test_cli_runner().invoke(args=["ovh", "connect", "--no-wait"])
    _, consumer_key = printed_credential(connected.output)
    settings = dict(app.config["OVH"], consumer_key=consumer_key)
    checked = (
        make_app(sandbox.api_url, database_url, OVH=settings)
        .test_cli_runner()
        .invoke(args=["ovh", "check"])
    )
    assert checked.exit_code != 0
    assert "renew or widen the panel's connection to OVH" in checked.output


def _approve_when_asked(sandbox: SandboxControl, config: SandboxConfig, validity: int) -> None:
    """A person approving the pending request on the validation page, a moment later."""
    for _ in range(200):
        with closing(sqlite3.connect(config.db_path)) as conn:
            row = conn.execute(
                "SELECT token FROM credentials WHERE status='pendingValidation'"
            ).fetchone()
        if row:
            with requests.Session() as browser:
                decide(
                    browser,
                    f"{sandbox.base}/auth/?credentialToken={row[0]}",
                    "approve",
                    validity=validity,
                )
            return
        time.sleep(0.05)


def test_connect_waits_for_the_approval_and_warns_of_a_limited_validity(
    app: Flask,
    sandbox: SandboxControl,
    sandbox_config: SandboxConfig,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(account, "POLL_INTERVAL", 0.05)
    for validity, said in ((86_400, "expires on"), (0, "unlimited validity")):
        person = threading.Thread(
            target=_approve_when_asked, args=(sandbox, sandbox_config, validity)
        )
        person.start()
        connected = app.test_cli_runner().invoke(
            args=["ovh", "connect", "--timeout", "20", "--allowed-ip", "127.0.0.1"]
        )
        person.join()
        assert connected.exit_code == 0, connected.output
        assert said in connected.output
        assert "Usable only from: 127.0.0.1/32" in connected.output


def test_connect_stops_waiting_after_its_timeout(app: Flask, sandbox: SandboxControl) -> None:
    connected = app.test_cli_runner().invoke(args=["ovh", "connect", "--timeout", "0"])
    assert connected.exit_code == 0, connected.output
    assert "Not approved yet" in connected.output
    printed_credential(connected.output)


def test_connect_refuses_an_address_that_is_not_one(app: Flask, sandbox: SandboxControl) -> None:
    connected = app.test_cli_runner().invoke(
        args=["ovh", "connect", "--no-wait", "--allowed-ip", "the office"]
    )
    assert connected.exit_code == 2
    assert "is not an IP address or block" in connected.output


def test_a_pending_key_answered_with_its_state_is_still_waited_for() -> None:
    """OVH may answer a key awaiting approval with its state rather than refuse it: both wait."""
    answers: Iterator[dict[str, object]] = iter(
        [{"status": "pendingValidation"}, {"status": "validated", "expiration": None}]
    )

    class Client:
        def get(self, target: str) -> dict[str, object]:
            assert target == "/auth/currentCredential"
            return next(answers)

    waited: list[float] = []
    validation = account.wait_for_validation(
        Client(),  # a stand-in with the one method used
        timeout=10,
        interval=1,
        sleep=waited.append,
    )
    assert validation.status == "validated" and waited == [1]
    assert account.is_unlimited(validation)


def test_check_lists_what_a_narrower_key_cannot_do(
    app: Flask, sandbox: SandboxControl, database_url: str, client_for_rules: Any
) -> None:
    reads = [{"method": m, "path": p} for m, p in rule_pairs() if m == "GET"]
    consumer_key = client_for_rules([*reads, {"method": "POST", "path": "/hosting/web/*"}])
    settings = dict(app.config["OVH"], consumer_key=consumer_key)
    checked = (
        make_app(sandbox.api_url, database_url, OVH=settings)
        .test_cli_runner()
        .invoke(args=["ovh", "check"])
    )
    assert checked.exit_code == 0, checked.output
    assert "can only read      domains; missing:" in checked.output
    assert "PUT    /hosting/web/*/attachedDomain/*" in checked.output
    assert "can use            tasks" in checked.output
    assert "Rules beyond what the panel needs" in checked.output
    assert "POST   /hosting/web/*\n" in checked.output


@pytest.fixture
def client_for_rules(app: Flask, sandbox: SandboxControl) -> Any:
    """A validated consumer key with the given rules, made through the real flow."""

    def make(rules: list[dict[str, str]]) -> str:
        settings = dict(app.config["OVH"], consumer_key=None)
        client = build_client(settings, sandbox.api_url, (3, 10))
        answer = client.request_consumerkey(rules)
        with requests.Session() as browser:
            decide(browser, answer["validationUrl"], "approve").raise_for_status()
        return str(answer["consumerKey"])

    return make


def test_ctrl_c_stops_waiting_and_still_prints_the_key(
    app: Flask, sandbox: SandboxControl, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: Any, **_kwargs: Any) -> account.Validation:
        raise KeyboardInterrupt

    monkeypatch.setattr(account, "wait_for_validation", interrupted)
    connected = app.test_cli_runner().invoke(args=["ovh", "connect"])
    assert connected.exit_code == 0, connected.output
    assert "Stopped waiting" in connected.output
    printed_credential(connected.output)
