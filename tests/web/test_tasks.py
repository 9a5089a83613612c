"""Task pages: what is being done, its status through todo → doing → done, and the fragment."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.extensions import ovh_api
from tests.support.forms import attach
from tests.support.panel_data import GRANTED_SERVICE
from tests.support.sandbox import SLOW_TASK_SECONDS

TASKS = f"/hosting/{GRANTED_SERVICE}/tasks"
EN = {"Accept-Language": "en"}


def status_of(client: FlaskClient, task_url: str) -> str:
    html = client.get(task_url + "/status", headers=EN).get_data(as_text=True)
    return html.split('data-status="', 1)[1].split('"', 1)[0]


@pytest.mark.slow_tasks
def test_the_task_page_follows_a_task_from_queued_to_done(
    admin_client: FlaskClient, sandbox_clock: Callable[[float], None]
) -> None:
    sandbox_clock(0)
    # Without HTTPS: an attach with HTTPS goes on to renew the certificate (test_https_completion)
    started = attach(admin_client, "steps.example.com", ssl=None)
    task_url = started.location.split("?", 1)[0]
    page = admin_client.get(task_url, headers=EN).get_data(as_text=True)
    assert "Attaching steps.example.com to Example shop" in page
    assert 'data-final="false"' in page
    assert "Queued" in page and "Refresh" in page
    assert "js/task-status.js" in page

    sandbox_clock(SLOW_TASK_SECONDS * 1.5)
    assert status_of(admin_client, task_url) == "doing"

    sandbox_clock(SLOW_TASK_SECONDS)
    fragment = admin_client.get(task_url + "/status", headers=EN).get_data(as_text=True)
    assert 'data-status="done"' in fragment
    assert 'data-final="true"' in fragment
    assert "See the result" in fragment
    assert f"/hosting/{GRANTED_SERVICE}/domains/" in fragment


def test_a_cancelled_task_says_what_it_means_and_what_to_try(admin_client: FlaskClient) -> None:
    started = attach(admin_client, "cancel-promo.example.com")
    page = admin_client.get(started.location, headers=EN).get_data(as_text=True)
    assert 'data-status="cancelled"' in page
    assert "OVH did not complete this operation" in page


def test_a_failed_task_shows_as_ovh_ends_it_never_as_success(admin_client: FlaskClient) -> None:
    """OVH's task.StatusEnum has no failure value: a failed operation ends ``cancelled``."""
    started = attach(admin_client, "fail-promo.example.com")
    page = admin_client.get(started.location, headers=EN).get_data(as_text=True)
    assert 'data-status="cancelled"' in page
    assert "Not completed" in page and "OVH did not complete this operation" in page
    assert "Done." not in page
    assert "See the item" in page  # the advice is to check the item: the link leads there


def test_the_failed_filter_shows_failed_tasks_without_asking_ovh_for_error(
    admin_client: FlaskClient,
) -> None:
    attach(admin_client, "fail-promo.example.com")
    attach(admin_client, "fine.example.com")
    failed = admin_client.get(TASKS + "/?status=failed", headers=EN)
    assert failed.status_code == 200
    html = failed.get_data(as_text=True)
    assert "fail-promo.example.com" in html and "fine.example.com" not in html
    assert '<option value="failed" selected' in html
    assert 'value="error"' not in html


def test_the_audit_trail_shows_the_final_status_ovh_really_returned(
    admin_client: FlaskClient,
) -> None:
    started = attach(admin_client, "fail-promo.example.com")
    admin_client.get(started.location, headers=EN)
    audit = admin_client.get("/admin/audit", headers=EN).get_data(as_text=True)
    assert 'data-task-status="cancelled"' in audit
    assert "Operation: Not completed" in audit


def test_a_task_ovh_no_longer_knows_is_shown_as_finished(admin_client: FlaskClient) -> None:
    page = admin_client.get(f"{TASKS}/99999999", headers=EN).get_data(as_text=True)
    assert "Finished" in page
    assert "no longer keeps the details of this operation" in page
    assert 'data-final="true"' in page


def test_the_tasks_tab_lists_tasks_newest_first_and_filters_by_status(
    admin_client: FlaskClient,
) -> None:
    attach(admin_client, "newest.example.com")
    html = admin_client.get(TASKS + "/", headers=EN).get_data(as_text=True)
    # Named from the panel's own history: OVH names an attached domain's task by number.
    assert "Attaching newest.example.com to Example shop" in html
    assert "Attaching a domain to Example shop" in html
    assert html.index("newest.example.com") < html.index("a domain")
    failed = admin_client.get(TASKS + "/?status=failed", headers=EN).get_data(as_text=True)
    assert "Attaching a domain" in failed and "newest.example.com" not in failed
    empty = admin_client.get(TASKS + "/?status=running", headers=EN).get_data(as_text=True)
    assert "No task with this status." in empty


def test_no_task_title_shows_a_bare_number(admin_client: FlaskClient) -> None:
    html = admin_client.get(TASKS + "/", headers=EN).get_data(as_text=True)
    titles = re.findall(r'/tasks/\d+">([^<]*)</a>', html)
    assert len(titles) >= 10
    assert not [title for title in titles if re.search(r"\b\d{5,}\b", title)]


def test_a_domain_the_panel_cannot_name_is_worded_in_french(admin_client: FlaskClient) -> None:
    html = admin_client.get(TASKS + "/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Rattachement d&#39;un domaine à Example shop" in html


def test_the_task_page_speaks_french(admin_client: FlaskClient) -> None:
    started = attach(admin_client, "boutique.example.com")
    page = admin_client.get(started.location, headers={"Accept-Language": "fr"}).get_data(
        as_text=True
    )
    assert "Rattachement de boutique.example.com à Example shop" in page
    assert "Terminé" in page


def test_a_task_page_keeps_the_plans_name_tabs_and_breadcrumb_with_references_tucked_away(
    admin_client: FlaskClient,
) -> None:
    started = attach(admin_client, "named.example.com")
    page = admin_client.get(started.location, headers=EN).get_data(as_text=True)
    assert "<title>Attaching named.example.com to Example shop · Example shop" in page
    breadcrumb = page.split('<ol class="breadcrumb mb-2">')[1].split("</ol>")[0]
    # One trail: the plan, its Tasks tab, then this operation (where the page is).
    assert '<a href="/hosting/example.cluster01.hosting.ovh.net/">Example shop</a>' in breadcrumb
    assert '/tasks/">Tasks</a>' in breadcrumb
    assert (
        '<li class="breadcrumb-item active" aria-current="page">'
        "Attaching named.example.com to Example shop</li>" in breadcrumb
    )
    assert 'class="nav nav-tabs' in page
    tasks_tab = page.split('class="nav nav-tabs')[1].split("</ul>")[0]
    assert 'active"' in tasks_tab.split("/tasks/")[0].rsplit("<a", 1)[1]  # the Tasks tab is on
    details = page.split('class="small mt-2 technical-details"')[1].split("</details>")[0]
    assert "Technical details" in details and "attachedDomain/create" in details
    assert "attachedDomain/create" not in page.split("technical-details")[0]


@pytest.mark.slow_tasks
def test_a_running_domain_task_started_elsewhere_is_named_by_its_domain(
    admin_client: FlaskClient, app: Flask
) -> None:
    """Not started through the panel, so its history cannot name it: the domain showing the
    task's id does, while it runs."""
    with app.app_context():
        ovh_api.gateway.client.post(
            f"/hosting/web/{GRANTED_SERVICE}/attachedDomain", domain="side.example.com"
        )
    html = admin_client.get(TASKS + "/?status=running", headers=EN).get_data(as_text=True)
    assert "Attaching side.example.com to Example shop" in html
