"""Pages kept per session: looked at again without rendering, never stale after a change."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask, template_rendered
from flask.testing import FlaskClient

from tests.support.forms import attach, csrf_token
from tests.support.panel import AuthActions, UserFactory
from tests.support.panel_data import GRANTED_SERVICE, OTHER_SERVICE, TEST_PASSWORDS
from tests.support.sandbox import SandboxControl

pytestmark = pytest.mark.cached
EN = {"Accept-Language": "en"}
DOMAINS = f"/hosting/{GRANTED_SERVICE}/domains/"


@pytest.fixture
def renders(app: Flask) -> Iterator[list[str]]:
    """The templates rendered while the test runs (a kept page renders none)."""
    rendered: list[str] = []

    def record(sender: Any, template: Any, context: Any, **extra: Any) -> None:
        rendered.append(template.name)

    template_rendered.connect(record, app)
    yield rendered
    template_rendered.disconnect(record, app)


def test_a_page_seen_again_is_served_without_rendering_or_asking_ovh(
    admin_client: FlaskClient, sandbox: SandboxControl, renders: list[str]
) -> None:
    first = admin_client.get(DOMAINS, headers=EN).get_data(as_text=True)
    first = admin_client.get(DOMAINS, headers=EN).get_data(
        as_text=True
    )  # the session's CSRF secret now exists
    sandbox.clear_stats()
    renders.clear()
    again = admin_client.get(DOMAINS, headers=EN)
    assert again.get_data(as_text=True) == first
    assert renders == []
    assert sandbox.stats()["total"] == 0
    assert "Content-Security-Policy" in again.headers


def test_a_change_through_the_panel_shows_on_the_next_view(admin_client: FlaskClient) -> None:
    admin_client.get(DOMAINS, headers=EN)
    admin_client.get(DOMAINS, headers=EN)
    assert attach(admin_client, "fresh.example.com").status_code == 302
    assert "fresh.example.com" in admin_client.get(DOMAINS, headers=EN).get_data(as_text=True)


def test_people_never_see_each_others_kept_pages(
    app: Flask, users: UserFactory, admin_client: FlaskClient
) -> None:
    for _ in range(2):
        admin_html = admin_client.get("/hosting/", headers=EN).get_data(as_text=True)
    assert OTHER_SERVICE in admin_html
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "view"})
    staff = app.test_client()
    AuthActions(staff).sign_in("staff@example.com", TEST_PASSWORDS["staff"])
    for _ in range(2):
        staff_html = staff.get("/hosting/", headers=EN).get_data(as_text=True)
    assert GRANTED_SERVICE in staff_html and OTHER_SERVICE not in staff_html
    assert "My sites" in staff_html


def test_a_new_grant_shows_at_once_for_a_member_looking_at_their_sites(
    app: Flask, users: UserFactory, admin_client: FlaskClient
) -> None:
    staff_id = users.make(
        "staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "view"}
    )
    staff = app.test_client()
    AuthActions(staff).sign_in("staff@example.com", TEST_PASSWORDS["staff"])
    for _ in range(2):
        assert OTHER_SERVICE not in staff.get("/hosting/", headers=EN).get_data(as_text=True)
    page = f"/admin/users/{staff_id}"
    token = csrf_token(admin_client.get(page).get_data(as_text=True))
    granted = admin_client.post(
        f"{page}/grants", data={"csrf_token": token, "service_name": OTHER_SERVICE, "level": "view"}
    )
    assert granted.status_code == 302
    assert OTHER_SERVICE in staff.get("/hosting/", headers=EN).get_data(as_text=True)


def test_the_language_of_a_kept_page_follows_the_browser(admin_client: FlaskClient) -> None:
    for _ in range(2):
        assert "Domains" in admin_client.get(DOMAINS, headers=EN).get_data(as_text=True)
    french = admin_client.get(DOMAINS, headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Domaines" in french


@pytest.mark.slow_tasks
def test_a_page_showing_work_in_progress_is_built_afresh_each_time(
    admin_client: FlaskClient, renders: list[str], sandbox_clock: Any
) -> None:
    sandbox_clock(0)
    assert attach(admin_client, "moving.example.com").status_code == 302
    for _ in range(2):
        assert "Being attached" in admin_client.get(DOMAINS, headers=EN).get_data(as_text=True)
    renders.clear()
    admin_client.get(DOMAINS, headers=EN)
    assert renders  # built again: the list shows a task still running
    sandbox_clock(5)
    assert "Being attached" not in admin_client.get(DOMAINS, headers=EN).get_data(as_text=True)


def test_a_change_through_one_worker_is_seen_at_once_by_another(
    app: Flask,
    admin_client: FlaskClient,
    sandbox: SandboxControl,
    database_url: str,
    request: pytest.FixtureRequest,
) -> None:
    """Two apps on one database, each with its own memory, as two gunicorn workers without Redis
    (with Redis they share that instead)."""
    from tests.support.panel import dispose, make_app

    # Same settings as the first worker, Redis key prefix included.
    other = make_app(
        sandbox.api_url,
        database_url,
        OVH_CACHE_SECONDS=30,
        OVH_CACHE_PREFIX=app.config["OVH_CACHE_PREFIX"],
    )
    request.addfinalizer(lambda: dispose(other))
    second = other.test_client()
    session = admin_client.get_cookie("session")
    assert session is not None
    second.set_cookie("session", session.value)
    assert "fresh.example.org" not in second.get(DOMAINS, headers=EN).get_data(as_text=True)
    second.get(DOMAINS, headers=EN)  # kept by the second worker now
    assert attach(admin_client, "fresh.example.org").status_code == 302
    assert "fresh.example.org" in admin_client.get(DOMAINS, headers=EN).get_data(as_text=True)
    assert "fresh.example.org" in second.get(DOMAINS, headers=EN).get_data(as_text=True)
