"""``flask ovh check --deep`` against the sandbox: reads only, checks every answer against OVH's
schema and the panel's own parsing, and prints nothing that identifies the account."""

from __future__ import annotations

from typing import Any

import ovh
import pytest
from flask import Flask

from app.services import deep_check
from ovh_sandbox import db as sandbox_db
from ovh_sandbox import hosting_databases, hosting_domains, hosting_service, hosting_ssl
from ovh_sandbox.config import SandboxConfig
from tests.support.sandbox import SandboxControl

IDENTIFIERS = (
    "example.cluster01.hosting.ovh.net",
    "example2.cluster02.hosting.ovh.net",
    "example3.cluster03.hosting.ovh.net",
    "example.com",
    "example.org",
    "xx11111-ovh",
    "webmaster@",
    "127.0.0.1",
    ".mysql.db",
)


def _patch_answers(monkeypatch: pytest.MonkeyPatch, change: Any) -> None:
    """Every object the sandbox answers with goes through ``change`` first."""
    for module in (hosting_databases, hosting_domains, hosting_service, hosting_ssl):
        monkeypatch.setattr(module, "public", change)


def _deep(app: Flask, *args: str) -> Any:
    return app.test_cli_runner().invoke(args=["ovh", "check", "--deep", *args])


def test_every_read_is_checked_and_nothing_identifies_the_account(
    app: Flask, sandbox: SandboxControl, sandbox_config: SandboxConfig
) -> None:
    sandbox.clear_stats()
    result = _deep(app, "--service", "example3.cluster03.hosting.ovh.net")
    assert result.exit_code == 0, result.output
    output = result.output
    assert ", 0 problems." in output
    assert "Hosting plans read: 1 of 3" in output
    for row in (
        "GET /hosting/web/*/attachedDomain  200",
        "GET /hosting/web/*/attachedDomain/*/ssl  200",
        "GET /hosting/web/*/database/*/capabilities  200",
        "GET /hosting/web/*/tasks/*  200",
        "GET /auth/currentCredential  200",
    ):
        assert row in output
    for secret in (
        *IDENTIFIERS,
        "example.net",
        sandbox_config.consumer_key,
        sandbox_config.application_key,
        sandbox_config.application_secret,
    ):
        assert secret not in output, secret
    # Reads only: the sandbox saw no write at all.
    routes = sandbox.stats()["by_route"]
    assert routes and all(route.startswith("GET ") for route in routes)


def test_by_default_two_plans_are_read_one_of_them_with_several_certificates(
    app: Flask, sandbox: SandboxControl
) -> None:
    result = _deep(app)
    assert result.exit_code == 0, result.output
    assert "Hosting plans read: 2 of 3" in result.output
    assert "GET /hosting/web/*/attachedDomain/*/ssl  200" in result.output
    assert "Not tried" not in result.output


def test_an_answer_outside_the_schema_is_reported_by_field(
    app: Flask,
    sandbox: SandboxControl,
    monkeypatch: pytest.MonkeyPatch,
    schema_conformance: list[str],
) -> None:
    real = sandbox_db.public

    def with_surprise(doc: dict[str, Any]) -> dict[str, Any]:
        return {**real(doc), "surprise": "example.com"}

    _patch_answers(monkeypatch, with_surprise)
    result = _deep(app)
    schema_conformance.clear()  # the answers are broken on purpose here
    assert result.exit_code == 1
    assert "fields not in OVH's schema: surprise" in result.output
    assert "example.com" not in result.output


def test_an_answer_the_panel_cannot_read_is_reported_without_its_values(
    app: Flask,
    sandbox: SandboxControl,
    monkeypatch: pytest.MonkeyPatch,
    schema_conformance: list[str],
) -> None:
    real = sandbox_db.public

    def odd_port(doc: dict[str, Any]) -> dict[str, Any]:
        public = real(doc)
        if "port" in public and "quotaUsed" in public:
            public["port"] = "sql-" + str(public["name"])
        return public

    _patch_answers(monkeypatch, odd_port)
    result = _deep(app)
    schema_conformance.clear()  # the answers are broken on purpose here
    assert result.exit_code == 1
    assert "FAIL  databases.list_databases: ValueError: invalid literal for int()" in result.output
    assert ".port: type should be" in result.output
    for identifier in IDENTIFIERS:
        assert identifier not in result.output, identifier


def test_the_deep_check_client_refuses_to_write(
    app: Flask, sandbox: SandboxControl, sandbox_config: SandboxConfig
) -> None:
    client = ovh.Client(
        endpoint="ovh-eu",
        application_key=sandbox_config.application_key,
        application_secret=sandbox_config.application_secret,
        consumer_key=sandbox_config.consumer_key,
    )
    client._endpoint = sandbox.api_url
    recorder = deep_check._ReadOnlyRecorder(client)
    with pytest.raises(deep_check.WriteRefused):
        client.post("/hosting/web/x.ovh.net/attachedDomain", domain="a.example")
    assert recorder.recorded == []
