"""HTTPS made real: after an attach or modify with HTTPS ends, the panel gets the certificate
renewed itself, or says exactly why it cannot, and the task's page follows it to the end."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db, ovh_api
from app.models import AuditEntry
from app.services import ssl, tasks
from app.ssl import completion
from app.tasks.following import task_ended
from tests.support.forms import attach, submit
from tests.support.panel_data import GRANTED_SERVICE, OTHER_SERVICE
from tests.support.sandbox import SLOW_TASK_SECONDS, SandboxControl

EN = {"Accept-Language": "en"}
BASE = f"/hosting/{GRANTED_SERVICE}"


def row_of(html: str, domain: str) -> str:
    """The Domains tab's row of ``domain``."""
    match = re.search(r'scope="row">\s*' + re.escape(domain) + r"\s*<(.*?)</tr>", html, re.S)
    assert match, domain
    return match.group(1)


def actions(app: Flask, action: str) -> list[AuditEntry]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_an_attach_with_https_ends_with_the_certificate_renewed_and_https_active(
    app: Flask, admin_client: FlaskClient
) -> None:
    started = attach(admin_client, "secure.example.com")
    page = admin_client.get(started.location, headers=EN).get_data(as_text=True)
    assert 'data-status="done"' in page
    assert 'data-https="active"' in page and "HTTPS active" in page
    regenerations = actions(app, "ssl.regenerate")
    assert len(regenerations) == 1 and regenerations[0].outcome == "accepted"
    assert regenerations[0].parameters["domain"] == "secure.example.com"
    listing = admin_client.get(f"{BASE}/domains/", headers=EN).get_data(as_text=True)
    row = row_of(listing, "secure.example.com")
    assert ">HTTPS<" in row and "HTTPS pending" not in row


def test_two_pollers_seeing_the_end_start_one_regeneration(
    app: Flask, admin_client: FlaskClient
) -> None:
    started = attach(admin_client, "twice.example.com")
    task_id = int(started.location.split("/tasks/", 1)[1].split("?", 1)[0])
    with app.test_request_context():
        task = tasks.get_task(ovh_api.gateway, GRANTED_SERVICE, task_id)
        task_ended(ovh_api.gateway, task)
        task_ended(ovh_api.gateway, task)
    admin_client.get(started.location, headers=EN)
    admin_client.get(started.location.split("?", 1)[0] + "/status", headers=EN)
    assert len(actions(app, "ssl.regenerate")) == 1
    assert len(actions(app, completion.FOLLOW_UP)) == 1


def test_a_domain_whose_dns_points_elsewhere_is_pending_with_what_to_do(
    app: Flask, admin_client: FlaskClient
) -> None:
    started = attach(admin_client, "elsewhere-shop.example.com")
    page = admin_client.get(started.location, headers=EN).get_data(as_text=True)
    assert 'data-https="pending"' in page and "HTTPS pending" in page
    assert "does not point to this hosting yet" in page
    assert "See the records to create" in page
    assert actions(app, "ssl.regenerate") == []


def test_the_weekly_budget_spent_says_when_it_can_be_done(
    app: Flask, admin_client: FlaskClient
) -> None:
    with app.app_context():
        for _ in range(5):
            db.session.add(AuditEntry(action="ssl.regenerate", service_name=GRANTED_SERVICE,
                                      target=GRANTED_SERVICE, outcome="accepted"))  # fmt: skip
        db.session.commit()
    started = attach(admin_client, "later.example.com")
    page = admin_client.get(started.location, headers=EN).get_data(as_text=True)
    assert 'data-https="pending"' in page
    assert "already been renewed 5 times this week" in page
    assert len(actions(app, "ssl.regenerate")) == 5


def test_an_attach_without_https_has_no_follow_up(app: Flask, admin_client: FlaskClient) -> None:
    started = attach(admin_client, "plain.example.com", ssl=None)
    page = admin_client.get(started.location, headers=EN).get_data(as_text=True)
    assert "data-https" not in page
    assert actions(app, completion.FOLLOW_UP) == []


def test_switching_https_on_by_modifying_a_domain_renews_the_certificate(
    app: Flask, admin_client: FlaskClient
) -> None:
    attach(admin_client, "later-on.example.com", ssl=None)
    url = f"{BASE}/domains/later-on.example.com/modify"
    fields = {"path": "www", "ssl": "y", "confirm": "y"}
    done = submit(admin_client, url, **fields)
    page = admin_client.get(done.location, headers=EN).get_data(as_text=True)
    assert 'data-https="active"' in page


def test_the_seeds_badge_but_not_covered_domain_shows_https_pending_everywhere(
    admin_client: FlaskClient,
) -> None:
    """shop.example.com has HTTPS ticked, but the certificate covers example.com, www. and blog."""
    listing = admin_client.get(f"{BASE}/domains/", headers=EN).get_data(as_text=True)
    shop_row = row_of(listing, "shop.example.com")
    assert "HTTPS pending" in shop_row
    blog_row = row_of(listing, "blog.example.com")
    assert "HTTPS pending" not in blog_row and ">HTTPS<" in blog_row
    overview = admin_client.get(f"{BASE}/", headers=EN).get_data(as_text=True)
    assert "HTTPS pending" in overview and "shop.example.com" in overview
    ssl_tab = admin_client.get(f"{BASE}/ssl/", headers=EN).get_data(as_text=True)
    waiting = ssl_tab.split("does not cover them yet", 1)[1].split("</ul>", 1)[0]
    assert "shop.example.com" in waiting and "HTTPS pending" in waiting


@pytest.mark.slow_tasks
def test_the_task_page_keeps_following_the_regeneration_until_https_is_active(
    app: Flask,
    admin_client: FlaskClient,
    sandbox_clock: Callable[[float], None],
    sandbox: SandboxControl,
) -> None:
    sandbox_clock(0)
    started = attach(admin_client, "follow.example.com")
    status_url = started.location.split("?", 1)[0] + "/status"
    sandbox_clock(SLOW_TASK_SECONDS * 2.5)
    fragment = admin_client.get(status_url, headers=EN).get_data(as_text=True)
    assert 'data-status="done"' in fragment and 'data-https="working"' in fragment
    sandbox.clear_stats()
    fragment = admin_client.get(status_url, headers=EN).get_data(as_text=True)
    assert 'data-https="working"' in fragment
    # While the certificate's task runs, a poll reads the two tasks and nothing else.
    assert sandbox.stats()["by_route"] == {"GET /hosting/web/{serviceName}/tasks/{id}": 2}
    assert 'data-final="false"' in fragment  # the page goes on asking
    assert "Follow the certificate" in fragment
    assert "HTTPS is not on yet" in fragment and "The change is in place" not in fragment
    sandbox_clock(SLOW_TASK_SECONDS * 2.5)
    sandbox.clear_stats()
    fragment = admin_client.get(status_url, headers=EN).get_data(as_text=True)
    assert 'data-https="active"' in fragment and 'data-final="true"' in fragment
    # Once it ended: one more call, for the names the certificate covers now.
    assert sandbox.stats()["by_route"]["GET /hosting/web/{serviceName}/ssl/domains"] == 1
    assert "Done. The change is in place." in fragment
    assert len(actions(app, "ssl.regenerate")) == 1


def test_switching_https_on_for_a_domain_pointing_elsewhere_warns_before_anything_is_sent(
    admin_client: FlaskClient,
) -> None:
    """The seed's café.example.com has HTTPS off and its DNS points elsewhere."""
    url = f"{BASE}/domains/xn--caf-dma.example.com/modify"
    review = submit(admin_client, url, path="cafe", ssl="y").get_data(as_text=True)
    assert 'data-https-warning="dns"' in review
    assert "HTTPS cannot start yet for café.example.com" in review
    other = submit(admin_client, f"{BASE}/domains/example.com/modify", path="www", ssl="y", cdn="y")
    assert "data-https-warning" not in other.get_data(as_text=True)


def test_a_hosting_without_a_certificate_gets_one_ordered(
    app: Flask, admin_client: FlaskClient
) -> None:
    url = f"/hosting/{OTHER_SERVICE}/domains/attach"
    started = submit(
        admin_client, url, domain="first.example.org", path="first", ssl="y", auto_dns="y"
    )
    page = admin_client.get(started.location, headers=EN).get_data(as_text=True)
    assert 'data-https="active"' in page
    orders = actions(app, "ssl.order")
    assert [entry.parameters["domains"] for entry in orders] == [["first.example.org"]]
    assert actions(app, "ssl.regenerate") == []


def test_ovh_refusing_the_renewal_is_said_with_its_own_words(
    app: Flask, admin_client: FlaskClient
) -> None:
    """Renewals made outside the panel are not in its budget: OVH's refusal is shown as it is."""
    with app.test_request_context():
        gateway = ovh_api.gateway
        for _ in range(5):
            task_id = ssl.regenerate_certificate(gateway, GRANTED_SERVICE)
            assert task_id is not None and tasks.get_task(gateway, GRANTED_SERVICE, task_id).final
    started = attach(admin_client, "refused.example.com")
    page = admin_client.get(started.location, headers=EN).get_data(as_text=True)
    assert 'data-https="pending"' in page
    assert "OVH refused to renew the certificate" in page and "5 times" in page
    [decision] = actions(app, completion.FOLLOW_UP)
    assert decision.outcome == "rejected" and decision.parameters["result"] == "refused"


def test_a_domain_and_its_www_pair_share_one_renewal(app: Flask, admin_client: FlaskClient) -> None:
    started = attach(admin_client, "pair-shop.com")
    assert "also=" in started.location
    page = admin_client.get(started.location, headers=EN).get_data(as_text=True)
    assert page.count('data-https="active"') == 2
    assert len(actions(app, "ssl.regenerate")) == 1
    listing = admin_client.get(f"{BASE}/domains/", headers=EN).get_data(as_text=True)
    assert "HTTPS pending" not in row_of(listing, "www.pair-shop.com")


def test_a_decision_that_never_came_is_not_waited_for_for_ever(app: Flask) -> None:
    """A request that claimed the end and stopped midway (a crash) left no decision."""
    with app.test_request_context():
        db.session.add(AuditEntry(action="domain.attach", service_name=GRANTED_SERVICE,
                                  target="lost.example.com", parameters={"ssl": True},
                                  outcome="accepted", task_id=999, task_status="done"))  # fmt: skip
        db.session.commit()
        now = datetime.now(UTC)
        ended = tasks.Task(999, GRANTED_SERVICE, "attachedDomain/create", "done", None, None,
                           now, now, now)  # fmt: skip
        waiting = completion.follow_up(ovh_api.gateway, ended)
        assert waiting is not None and waiting.reason == "waiting" and not waiting.settled
        long_ago = replace(ended, done=now - timedelta(minutes=3))
        given_up = completion.follow_up(ovh_api.gateway, long_ago)
        assert given_up is not None and given_up.reason == "unchecked" and given_up.settled


def test_on_an_offer_with_a_certificate_per_domain_the_domain_gets_its_own(
    app: Flask, admin_client: FlaskClient
) -> None:
    agency = "example3.cluster03.hosting.ovh.net"
    url = f"/hosting/{agency}/domains/attach"
    started = submit(
        admin_client, url, domain="studio.example.net", path="studio", ssl="y", auto_dns="y"
    )
    page = admin_client.get(started.location, headers=EN).get_data(as_text=True)
    assert 'data-https="active"' in page
    [order] = actions(app, "ssl.order")
    assert order.target == "studio.example.net" and order.service_name == agency


def test_two_pollers_at_the_same_moment_start_one_regeneration(
    app: Flask, admin_client: FlaskClient
) -> None:
    """Two workers seeing the end together: the database lets one of them claim it."""
    started = attach(admin_client, "together.example.com")
    task_id = int(started.location.split("/tasks/", 1)[1].split("?", 1)[0])
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def poll() -> None:
        try:
            with app.test_request_context():
                task = tasks.get_task(ovh_api.gateway, GRANTED_SERVICE, task_id)
                barrier.wait(timeout=10)
                task_ended(ovh_api.gateway, task)
                db.session.remove()
        except BaseException as error:
            errors.append(error)

    pollers = [threading.Thread(target=poll) for _ in range(2)]
    for poller in pollers:
        poller.start()
    for poller in pollers:
        poller.join(timeout=30)
    assert errors == []
    assert len(actions(app, "ssl.regenerate")) == 1
    assert len(actions(app, completion.FOLLOW_UP)) == 1


def test_an_end_first_seen_on_the_tasks_tab_completes_https_too(
    app: Flask, admin_client: FlaskClient
) -> None:
    """The person left before the task ended: the Tasks tab is where the panel sees the end."""
    attach(admin_client, "unwatched.example.com")  # its task page is never opened
    assert actions(app, "ssl.regenerate") == []
    admin_client.get(f"{BASE}/tasks/", headers=EN)
    assert len(actions(app, "ssl.regenerate")) == 1
    admin_client.get(f"{BASE}/tasks/", headers=EN)
    assert len(actions(app, "ssl.regenerate")) == 1
