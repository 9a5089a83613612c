"""The hosting list page, as a person sees it."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from app.services.errors import UpstreamError


def test_the_hosting_list_shows_every_service_with_its_state_and_disk_use(
    admin_client: FlaskClient,
) -> None:
    page = admin_client.get("/hosting/", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "example.cluster01.hosting.ovh.net" in html
    assert "example2.cluster02.hosting.ovh.net" in html
    assert "Active" in html
    assert 'role="progressbar"' in html
    assert "Demo mode: connected to the built-in OVH sandbox" in html


def test_the_hosting_list_speaks_french_to_a_french_browser(admin_client: FlaskClient) -> None:
    html = admin_client.get("/hosting/", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).get_data(
        as_text=True
    )
    assert "Hébergements" in html
    assert "Mode démo" in html


def test_an_ovh_outage_is_a_calm_page_with_the_request_id(
    admin_client: FlaskClient, sandbox: Any
) -> None:
    sandbox.faults(error_rate=1.0)
    page = admin_client.get("/hosting/", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert page.status_code == 503
    assert "OVH cannot be reached right now" in html
    assert "give them this reference" in html
    assert "Traceback" not in html


def test_a_dropped_connection_is_a_calm_page_too(admin_client: FlaskClient, sandbox: Any) -> None:
    sandbox.faults(drop_rate=1.0)
    page = admin_client.get("/hosting/", headers={"Accept-Language": "en"})
    assert page.status_code == 503
    assert "OVH cannot be reached right now" in page.get_data(as_text=True)


def test_an_ovh_error_answer_is_not_called_an_outage(
    admin_client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import loaders

    def answered_with_an_error() -> None:
        raise UpstreamError(detail="Unexpected answer", query_id="EU.sandbox-refusal")

    monkeypatch.setattr(loaders, "all_services", answered_with_an_error)
    page = admin_client.get("/hosting/", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert page.status_code == 502
    assert "OVH could not do this" in html
    assert "OVH cannot be reached" not in html
    assert "“Unexpected answer”" in html and "EU.sandbox-refusal" in html


def test_pages_carry_a_strict_content_security_policy(admin_client: FlaskClient) -> None:
    policy = admin_client.get("/hosting/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_healthz_answers_while_the_database_is_reachable(admin_client: FlaskClient) -> None:
    answer = admin_client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json is not None and answer.json["status"] == "ok"


def test_the_service_overview_shows_its_quotas_php_and_where_to_point_a_domain(
    admin_client: FlaskClient,
) -> None:
    page = admin_client.get(
        "/hosting/example.cluster01.hosting.ovh.net/", headers={"Accept-Language": "en"}
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Example shop" in html and "hosting-pro" in html
    assert "Home folder" in html and "/homez" in html
    assert "Pointing a domain to this hosting" in html
    assert "<td>A</td>" in html and "<td>AAAA</td>" in html
    assert "<code>ovhcontrol</code>" in html
    assert 'role="progressbar"' in html


def test_an_account_without_hosting_says_so_in_plain_words(
    admin_client: FlaskClient, sandbox: Any
) -> None:
    sandbox.reset(services=0)
    html = admin_client.get("/hosting/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "No hosting plan here yet" in html
    assert "Once a plan is ordered from OVH, it appears here by itself." in html


def test_sending_too_much_gets_a_sentence_not_a_crash(admin_client: FlaskClient) -> None:
    answer = admin_client.post(
        "/auth/sign-in", data={"x": "a" * (2 * 1024 * 1024)}, headers={"Accept-Language": "en"}
    )
    assert answer.status_code == 413
    assert "What you sent is too big" in answer.get_data(as_text=True)
