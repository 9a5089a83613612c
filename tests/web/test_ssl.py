"""The SSL tab through the real pages: certificate, coverage, order, regenerate, delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db, ovh_api
from app.models import AuditEntry
from app.services.client import path
from tests.support.forms import csrf_token, submit
from tests.support.panel_data import GRANTED_SERVICE

SN = GRANTED_SERVICE
NO_CERT = "example2.cluster02.hosting.ovh.net"
MULTI = "example3.cluster03.hosting.ovh.net"
EN = {"Accept-Language": "en"}


def ssl_url(service: str = SN, tail: str = "/") -> str:
    return f"/hosting/{service}/ssl{tail}"


def page(client: FlaskClient, url: str) -> str:
    answer = client.get(url, headers=EN)
    assert answer.status_code == 200, answer.status_code
    return str(answer.get_data(as_text=True))


def audit(app: Flask, action: str) -> list[AuditEntry]:
    with app.app_context():
        query = select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        return list(db.session.execute(query).scalars())


def ovh(app: Flask, method: str, *segments: str, **body: Any) -> Any:
    """Set the scene straight at the sandbox, as if done in OVH's own panel."""
    with app.app_context():
        gateway = ovh_api.gateway
        return getattr(gateway, method)(path("/hosting/web", *segments), scope=segments[0], **body)


def test_the_tab_shows_the_certificate_what_it_covers_and_what_waits(
    admin_client: FlaskClient,
) -> None:
    html = page(admin_client, ssl_url())
    assert "Let&#39;s Encrypt (free, renewed automatically)" in html
    assert 'data-ssl-status="created"' in html and ">Active<" in html
    assert "Control of the domains checked" in html
    coverage = html.split('class="mb-4 coverage"', 1)[1]
    waiting = coverage.split("A regeneration is needed", 1)[0]
    assert "shop.example.com" in waiting
    assert "blog.example.com" not in waiting
    assert "café.example.com" in coverage.split("HTTPS switched off", 1)[1]


def test_a_service_without_certificate_explains_the_two_ways_to_get_one(
    admin_client: FlaskClient,
) -> None:
    html = page(admin_client, ssl_url(NO_CERT))
    assert "No certificate yet" in html
    assert "Get a free Let's Encrypt certificate" in html
    assert "Import my own certificate" in html


def test_a_multiple_ssl_service_shows_one_certificate_per_domain(
    admin_client: FlaskClient,
) -> None:
    html = page(admin_client, ssl_url(MULTI)).split('class="mb-4 per-domain"', 1)[1]
    row = html.split("app.example.net", 1)[1].split("</tr>", 1)[0]
    assert "plain HTTP only" in row
    assert f"/hosting/{MULTI}/ssl/domains/app.example.net/order" in row
    assert "Let&#39;s Encrypt" in html.split("www.example.net", 1)[1].split("</tr>", 1)[0]


def test_ordering_for_one_domain_of_a_multiple_ssl_service_follows_the_task(
    admin_client: FlaskClient,
) -> None:
    answer = submit(admin_client, ssl_url(MULTI, "/domains/app.example.net/order"))
    assert answer.status_code == 302 and "/tasks/" in answer.location
    assert 'data-status="done"' in page(admin_client, answer.location)
    row = page(admin_client, ssl_url(MULTI)).split("app.example.net", 1)[1].split("</tr>", 1)[0]
    assert "Let&#39;s Encrypt" in row


def test_ordering_lists_the_domains_that_will_fail_and_why(
    admin_client: FlaskClient, app: Flask
) -> None:
    ovh(app, "put", NO_CERT, "attachedDomain", "example.org", ssl=True)
    ovh(app, "put", NO_CERT, "attachedDomain", "old.example.net", ssl=True)
    ovh(app, "put", NO_CERT, "attachedDomain", "legacy.example.org", ssl=True)
    html = page(admin_client, ssl_url(NO_CERT, "/order"))
    assert "example.org" in html.split('class="ready"', 1)[1].split("</ul>", 1)[0]
    failing = html.split('class="alert alert-warning failing"', 1)[1].split("</div>", 1)[0]
    assert "old.example.net: its DNS sends visitors to another server." in failing
    assert "legacy.example.org: its DNS is not set up" in failing
    assert f'href="/hosting/{NO_CERT}/domains/?dns=all">The Domains tab shows the steps' in failing


def test_ordering_is_refused_before_sending_when_no_domain_is_ready(
    admin_client: FlaskClient, app: Flask
) -> None:
    html = page(admin_client, ssl_url(NO_CERT, "/order"))
    assert "No domain is ready yet" in html
    answer = admin_client.post(ssl_url(NO_CERT, "/order"), data={"csrf_token": csrf_token(html)})
    assert answer.status_code == 200
    assert audit(app, "ssl.order") == []


def test_ordering_lets_encrypt_follows_the_task_to_a_certificate(
    admin_client: FlaskClient, app: Flask
) -> None:
    ovh(app, "put", NO_CERT, "attachedDomain", "example.org", ssl=True)
    answer = submit(admin_client, ssl_url(NO_CERT, "/order"))
    assert answer.status_code == 302 and "/tasks/" in answer.location
    task_page = page(admin_client, answer.location)
    assert "Creating the SSL certificate of example2.cluster02" in task_page
    assert 'data-status="done"' in task_page
    html = page(admin_client, ssl_url(NO_CERT))
    assert "Let&#39;s Encrypt (free" in html
    (entry,) = audit(app, "ssl.order")
    assert entry.outcome == "accepted" and entry.parameters == {"domains": ["example.org"]}


def test_regenerating_counts_the_week_warns_at_four_and_refuses_at_five(
    admin_client: FlaskClient, app: Flask
) -> None:
    url = ssl_url(tail="/regenerate")
    for done in range(5):
        html = page(admin_client, url)
        times = "time" if done == 1 else "times"
        assert f"regenerated {done} {times} in the last 7 days, out of the 5" in html
        assert ("This is the last regeneration allowed this week" in html) == (done == 4)
        answer = admin_client.post(url, data={"csrf_token": csrf_token(html)}, headers=EN)
        assert answer.status_code == 302 and "/tasks/" in answer.location
        assert 'data-status="done"' in page(admin_client, answer.location)
    html = page(admin_client, url)
    assert "regenerated 5 times" in html
    assert "The weekly limit is reached" in html
    assert "The next regeneration will be possible on" in html
    answer = admin_client.post(url, data={"csrf_token": csrf_token(html)}, headers=EN)
    assert answer.status_code == 200
    assert len(audit(app, "ssl.regenerate")) == 5


def test_a_regeneration_adds_the_domains_waiting_for_it(admin_client: FlaskClient) -> None:
    assert "shop.example.com" in page(admin_client, ssl_url(tail="/regenerate"))
    answer = submit(admin_client, ssl_url(tail="/regenerate"))
    page(admin_client, answer.location)
    html = page(admin_client, ssl_url())
    assert "A regeneration is needed" not in html
    assert "shop.example.com" in html.split("Covered, open over HTTPS", 1)[1]


def test_deleting_names_the_domains_that_lose_https_then_follows_the_task(
    admin_client: FlaskClient, app: Flask
) -> None:
    html = page(admin_client, ssl_url(tail="/delete"))
    losing = html.split('class="alert alert-danger losing"', 1)[1].split("</div>", 1)[0]
    for name in ("example.com", "www.example.com", "blog.example.com"):
        assert f"<li>{name}</li>" in losing
    answer = admin_client.post(ssl_url(tail="/delete"), data={"csrf_token": csrf_token(html)})
    assert answer.status_code == 302 and "/tasks/" in answer.location
    assert "Removing the SSL certificate" in page(admin_client, answer.location)
    assert "No certificate yet" in page(admin_client, ssl_url())
    (entry,) = audit(app, "ssl.delete")
    assert entry.parameters["domains"] == ["example.com", "www.example.com", "blog.example.com"]


def test_staff_who_operate_may_regenerate_and_ask_to_delete(
    staff_client: Callable[[str], FlaskClient],
) -> None:
    client = staff_client("operate")
    html = page(client, ssl_url())
    assert "/ssl/regenerate" in html and "/ssl/delete" in html and "/ssl/replace" not in html
    delete = client.get(ssl_url(tail="/delete"), headers=EN).get_data(as_text=True)
    assert "Ask an administrator" in delete
    assert client.get(ssl_url(tail="/replace"), headers=EN).status_code == 403
    assert client.get(ssl_url(tail="/regenerate"), headers=EN).status_code == 200


def test_a_domain_certificate_route_is_unknown_on_a_single_certificate_plan(
    admin_client: FlaskClient,
) -> None:
    answer = admin_client.get(ssl_url(tail="/domains/blog.example.com/order"), headers=EN)
    assert answer.status_code == 404


def test_staff_who_only_view_see_the_tab_without_any_action(
    staff_client: Callable[[str], FlaskClient],
) -> None:
    client = staff_client("view")
    html = page(client, ssl_url())
    assert "/ssl/regenerate" not in html
    assert client.get(ssl_url(tail="/regenerate"), headers=EN).status_code == 403
    assert client.get(ssl_url(tail="/import"), headers=EN).status_code == 403
    assert client.get(ssl_url(NO_CERT), headers=EN).status_code == 404


def test_the_tab_speaks_french(admin_client: FlaskClient) -> None:
    html = admin_client.get(ssl_url(NO_CERT), headers={"Accept-Language": "fr"}).get_data(
        as_text=True
    )
    assert "Pas encore de certificat" in html


def test_deleting_when_there_is_no_certificate_says_so(admin_client: FlaskClient) -> None:
    answer = admin_client.get(ssl_url(NO_CERT, "/delete"), headers=EN)
    assert answer.status_code == 302
    page = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert "There is no certificate to delete." in page
