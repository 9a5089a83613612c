"""Pages under OVH's fair use: kept DNS and certificate answers shared between people, bounded
calls per view, the last known answer with its age when the budget is spent, the busy page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.extensions import ovh_api
from app.services import cache as cache_module
from app.services.domains import DNS_CHECKS_PER_VIEW
from app.services.ssl import DOMAIN_CERTIFICATE_CALLS_PER_VIEW
from tests.support.forms import csrf_token, submit
from tests.support.panel import AuthActions, UserFactory
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS

pytestmark = pytest.mark.cached

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}
DOMAINS = f"/hosting/{GRANTED_SERVICE}/domains"
AGENCY = "example3.cluster03.hosting.ovh.net"  # the multi-certificate plan
DIG = "GET /hosting/web/{serviceName}/attachedDomain/{domain}/digStatus"
DOMAIN_SSL = "GET /hosting/web/{serviceName}/attachedDomain/{domain}/ssl"


def dig_calls(sandbox: Any) -> int:
    return int(sandbox.stats()["by_route"].get(DIG, 0))


def another_person(app: Flask, users: UserFactory) -> FlaskClient:
    users.make("viewer@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "view"})
    client = app.test_client()
    answer = AuthActions(client).sign_in("viewer@example.com", TEST_PASSWORDS["staff"])
    assert answer.status_code == 302
    return client


def gateway(app: Flask) -> Any:
    with app.app_context():
        return ovh_api.gateway


def test_a_dns_diagnosis_is_not_asked_again_when_another_person_looks(
    app: Flask,
    admin_client: FlaskClient,
    users: UserFactory,
    sandbox: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = admin_client.get(DOMAINS + "/dns", headers=EN).get_data(as_text=True)
    assert "Points elsewhere" in first
    assert 0 < dig_calls(sandbox) <= DNS_CHECKS_PER_VIEW
    sandbox.clear_stats()
    real_now = cache_module.now
    monkeypatch.setattr(cache_module, "now", lambda: real_now() + 240)  # ordinary answers expired
    second = another_person(app, users).get(DOMAINS + "/dns", headers=EN).get_data(as_text=True)
    assert "Points elsewhere" in second and "DNS checked up to 4 minutes ago" in second
    assert dig_calls(sandbox) == 0
    assert sandbox.stats()["total"] > 0  # the list of domains itself was read again


def test_a_change_made_through_the_panel_drops_the_kept_diagnosis(
    admin_client: FlaskClient, sandbox: Any
) -> None:
    admin_client.get(DOMAINS + "/dns", headers=EN)
    url = f"{DOMAINS}/blog.example.com/modify"
    review = submit(admin_client, url, path="blog-v2", ssl="y", ip_location="", own_log="")
    done = admin_client.post(
        url,
        data={"csrf_token": csrf_token(review.get_data(as_text=True)), "path": "blog-v2",
              "ssl": "y", "ip_location": "", "own_log": "", "confirm": "y"},
        headers=EN,
    )  # fmt: skip
    assert done.status_code == 302
    sandbox.clear_stats()
    admin_client.get(DOMAINS + "/dns", headers=EN)
    assert dig_calls(sandbox) > 0


def test_a_large_plan_costs_a_bounded_number_of_calls_per_view_and_the_rest_come_later(
    app: Flask, admin_client: FlaskClient, sandbox: Any
) -> None:
    sandbox.reset(domains=30)
    url = f"/hosting/{AGENCY}/domains/dns"
    first = admin_client.get(url, headers=EN).get_data(as_text=True)
    assert dig_calls(sandbox) == DNS_CHECKS_PER_VIEW
    pending = int(re.search(r'data-dns-pending="(\d+)"', first).group(1))  # type: ignore[union-attr]
    assert pending == 30 - DNS_CHECKS_PER_VIEW
    assert "Still checking 24 of them." in first
    assert gateway(app).refresher.drain() == 30 - DNS_CHECKS_PER_VIEW  # the background's work
    sandbox.clear_stats()
    again = admin_client.get(url, headers=EN).get_data(as_text=True)
    assert 'data-dns-pending="0"' in again and again.count("data-dns-for=") == 30
    assert dig_calls(sandbox) == 0
    forced = admin_client.get(url + "?fresh=1", headers=EN).get_data(as_text=True)
    assert dig_calls(sandbox) == DNS_CHECKS_PER_VIEW  # "Check again", within the same bound
    assert forced.count("data-dns-for=") == 30  # the others as kept, until checked again


def test_the_ssl_tab_reads_a_bounded_number_of_domain_certificates_per_view(
    app: Flask, admin_client: FlaskClient, sandbox: Any
) -> None:
    sandbox.reset(domains=30)
    html = admin_client.get(f"/hosting/{AGENCY}/ssl/", headers=EN).get_data(as_text=True)
    calls = sandbox.stats()["by_route"]
    per_domain = calls.get(DOMAIN_SSL, 0) + calls.get(DOMAIN_SSL + "/report", 0)
    assert per_domain == DOMAIN_CERTIFICATE_CALLS_PER_VIEW
    assert "Being read from OVH" in html and "Still reading 26 of them" in html
    gateway(app).refresher.drain()
    sandbox.clear_stats()
    html = admin_client.get(f"/hosting/{AGENCY}/ssl/", headers=EN).get_data(as_text=True)
    assert "Being read from OVH" not in html and "Read from OVH up to" in html
    assert DOMAIN_SSL not in sandbox.stats()["by_route"]


def test_when_the_budget_is_spent_a_page_shows_what_was_known_and_how_old_it_is(
    app: Flask, admin_client: FlaskClient, monkeypatch: pytest.MonkeyPatch, sandbox: Any
) -> None:
    assert admin_client.get("/hosting/", headers=EN).status_code == 200
    real_now = cache_module.now
    monkeypatch.setattr(cache_module, "now", lambda: real_now() + 95)  # nothing fresh any more
    gateway(app).budget.pause(30)  # as after a 429: nothing may be sent for a while
    sandbox.clear_stats()
    page = admin_client.get("/hosting/", headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Example shop" in html
    assert "this page shows what OVH said as of 95 seconds ago" in html
    french = admin_client.get("/hosting/", headers=FR).get_data(as_text=True)
    assert re.search(r"95\s+secondes", french)  # Babel writes a no-break space
    assert sandbox.stats()["total"] == 0


def test_with_nothing_known_and_no_budget_left_the_page_is_the_calm_busy_page(
    app: Flask, admin_client: FlaskClient, sandbox: Any
) -> None:
    admin_client.get(f"/hosting/{GRANTED_SERVICE}/", headers=EN)  # the service is known
    sandbox.clear_stats()
    gateway(app).budget.pause(20)
    page = admin_client.get(f"/hosting/{GRANTED_SERVICE}/databases/", headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code == 429
    assert "The panel is busy" in html and "Please try again in" in html
    assert "stale-notice" not in html  # one message, not two
    assert 1 <= int(page.headers["Retry-After"]) <= 20
    assert sandbox.stats()["total"] == 0


def test_a_kept_diagnosis_getting_old_is_refreshed_in_the_background_not_while_people_wait(
    app: Flask, admin_client: FlaskClient, sandbox: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin_client.get(DOMAINS + "/dns", headers=EN)
    asked = dig_calls(sandbox)
    real_now = cache_module.now
    monkeypatch.setattr(cache_module, "now", lambda: real_now() + 400)  # past half its life
    sandbox.clear_stats()
    html = admin_client.get(DOMAINS + "/dns", headers=EN).get_data(as_text=True)
    assert "Points elsewhere" in html and dig_calls(sandbox) == 0
    assert gateway(app).refresher.drain() == asked
    assert dig_calls(sandbox) == asked
    sandbox.clear_stats()
    gateway(app).refresher.drain()
    admin_client.get(DOMAINS + "/dns", headers=EN)
    assert dig_calls(sandbox) == 0  # young again: nothing queued, nothing asked
