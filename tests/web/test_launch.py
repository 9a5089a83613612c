"""Launching a site through the real pages: form, summary, progress, retry and undo."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from app.extensions import db
from app.models import AuditEntry, LaunchPlan
from tests.support.forms import csrf_token, submit
from tests.support.panel_data import GRANTED_SERVICE

LAUNCH = f"/hosting/{GRANTED_SERVICE}/launch/"
EN = {"Accept-Language": "en"}


def fill(client: FlaskClient, domain: str, **fields: Any) -> Any:
    values = {
        "domain": domain,
        "path": domain,
        "with_www": "y",
        "ssl": "y",
        "auto_dns": "y",
        "content": "application",
        "module": "1842",
        "language": "fr",
        "admin_name": "marie",
        "admin_password": "a long passphrase",
        **fields,
    }
    return submit(client, LAUNCH, **values)


def press(client: FlaskClient, page_url: str, button: str) -> Any:
    html = client.get(page_url, headers=EN).get_data(as_text=True)
    url = re.search(rf'action="([^"]*/{button})"', html)
    assert url, f"no {button} button"
    return client.post(url.group(1), data={"csrf_token": csrf_token(html)}, headers=EN)


def test_a_launch_with_wordpress_runs_every_step_to_the_end(
    app: Flask, admin_client: FlaskClient
) -> None:
    summary = fill(admin_client, "shop-test.example.org")
    assert summary.status_code == 302
    html = admin_client.get(summary.location, headers=EN).get_data(as_text=True)
    assert "Nothing has been sent to OVH yet" in html
    for words in ("Attach shop-test.example.org", "Create the database exampleshoptest.mysql.db",
                  "Install WordPress 6.5.2", "Secure with HTTPS"):  # fmt: skip
        assert words in html, words
    assert "a long passphrase" not in html and "Attach www." not in html  # a subdomain
    started = press(admin_client, summary.location, "start")
    assert started.status_code == 302
    for _ in range(8):  # each update moves the plan on by one step (tasks end at once here)
        fragment = admin_client.get(summary.location + "/progress", headers=EN)
        if 'data-plan-state="done"' in fragment.get_data(as_text=True):
            break
    page = fragment.get_data(as_text=True)
    assert 'data-plan-state="done"' in page and "The site is launched." in page
    assert page.count('data-step-state="done"') == 4
    with app.app_context():
        plan = db.session.query(LaunchPlan).one()
        assert plan.sealed is None  # no password kept once sent
        entries = db.session.query(AuditEntry).filter_by(action="site.launch").all()
        assert len(entries) == 1 and entries[0].task_status == "done"
        assert [s["state"] for s in entries[0].parameters["steps"]] == ["done"] * 4
        assert "a long passphrase" not in str(entries[0].parameters)
    websites = admin_client.get(f"/hosting/{GRANTED_SERVICE}/websites/", headers=EN)
    sites = websites.get_data(as_text=True)
    assert "shop-test.example.org" in sites and "WordPress" in sites
    assert "exampleshoptest.mysql.db" in sites


def test_a_failed_install_is_retried_and_works(admin_client: FlaskClient) -> None:
    summary = fill(admin_client, "flaky-shop.example.org", with_www=None, ssl=None)
    press(admin_client, summary.location, "start")
    for _ in range(6):
        page = admin_client.get(summary.location, headers=EN).get_data(as_text=True)
        if 'data-plan-state="failed"' in page:
            break
    assert 'data-plan-state="failed"' in page
    assert 'data-step="install" data-step-state="failed"' in page
    assert "Already done: flaky-shop.example.org" in page
    assert "Try the step again" in page and "Undo what was created" in page
    press(admin_client, summary.location, "retry")
    for _ in range(4):
        page = admin_client.get(summary.location, headers=EN).get_data(as_text=True)
        if 'data-plan-state="done"' in page:
            break
    assert 'data-plan-state="done"' in page


def test_undo_removes_what_the_launch_created(admin_client: FlaskClient) -> None:
    summary = fill(admin_client, "broken.example.org", with_www=None, ssl=None,
                   admin_name="adminfail")  # fmt: skip
    press(admin_client, summary.location, "start")
    for _ in range(6):
        page = admin_client.get(summary.location, headers=EN).get_data(as_text=True)
        if 'data-plan-state="failed"' in page:
            break
    press(admin_client, summary.location, "undo")
    for _ in range(6):
        page = admin_client.get(summary.location, headers=EN).get_data(as_text=True)
        if 'data-plan-state="undone"' in page:
            break
    assert 'data-plan-state="undone"' in page
    assert page.count('data-step-state="undone"') == 2
    domains = admin_client.get(f"/hosting/{GRANTED_SERVICE}/domains/", headers=EN)
    assert "broken.example.org" not in domains.get_data(as_text=True)
    databases = admin_client.get(f"/hosting/{GRANTED_SERVICE}/databases/", headers=EN)
    assert "examplebroken" not in databases.get_data(as_text=True)


def test_the_form_refuses_a_folder_in_use_and_a_short_password(admin_client: FlaskClient) -> None:
    answer = fill(admin_client, "again.example.org", path="www", admin_password="short")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "This folder already shows" in html
    assert "Choose a password of at least 12 characters." in html
    # The same password generator as the other password fields, making 20 letters and digits.
    assert 'data-password-target="admin_password"' in html and "Generate a strong password" in html
    assert 'data-password-length="20"' in html and 'value="short"' not in html


def test_a_viewer_sees_no_launch_and_cannot_start_one(staff_client: Any) -> None:
    client = staff_client("view")
    assert client.get(LAUNCH, headers=EN).status_code == 403
    overview = client.get(f"/hosting/{GRANTED_SERVICE}/", headers=EN).get_data(as_text=True)
    assert "Launch a site" not in overview


def test_a_launch_makes_one_write_per_step_and_reads_what_it_follows(
    admin_client: FlaskClient, sandbox: Any
) -> None:
    admin_client.get(LAUNCH, headers=EN)  # python-ovh's clock sync out of the count
    sandbox.clear_stats()
    summary = fill(admin_client, "counted.example.org")
    press(admin_client, summary.location, "start")
    for _ in range(8):
        page = admin_client.get(summary.location + "/progress", headers=EN)
        if 'data-plan-state="done"' in page.get_data(as_text=True):
            break
    routes = sandbox.stats()["by_route"]
    writes = {route: n for route, n in routes.items() if not route.startswith("GET")}
    assert writes == {
        "POST /hosting/web/{serviceName}/attachedDomain": 1,
        "POST /hosting/web/{serviceName}/database": 1,
        "POST /hosting/web/{serviceName}/module": 1,
        "POST /hosting/web/{serviceName}/ssl/regenerate": 1,
    }
    print("\nOVH calls of a launch (form to done):", sum(routes.values()), routes)
