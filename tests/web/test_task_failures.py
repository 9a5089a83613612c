"""A task that did not succeed says which item, why, and what to do next, to staff and to an
administrator each in their own terms; "Try again" opens the form filled in as it was."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

from flask import Flask
from flask.testing import FlaskClient
from flask_login import login_user
from sqlalchemy import select

from app import audit
from app.extensions import db, ovh_api
from app.labels import badge_of
from app.models import User
from app.services.tasks import task_from_ovh
from app.tasks import failure
from tests.support.forms import attach, submit
from tests.support.panel import AuthActions, UserFactory
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS

EN = {"Accept-Language": "en"}
BASE = f"/hosting/{GRANTED_SERVICE}"


def retry_link(html: str) -> str:
    match = re.search(r'href="([^"]+)" data-retry', html)
    assert match, "no Try again button"
    return unescape(match.group(1))


def test_a_failed_attach_names_the_domain_says_why_and_offers_to_try_again(
    admin_client: FlaskClient,
) -> None:
    started = attach(admin_client, "fail-promo.example.com", path="promo", cdn="y", ssl=None)
    page = admin_client.get(started.location, headers=EN).get_data(as_text=True)
    assert "fail-promo.example.com: OVH did not complete this operation." in page
    assert "fail-promo.example.com is not attached: OVH removed it." in page
    assert "Likely cause: Most often the domain is already attached" in page
    assert "What to check:" in page and "ask an administrator" not in page
    assert "Try again" in page and "See the result" not in page
    assert 'alert alert-warning" role="alert" data-failure' in page  # not completed: amber
    form = admin_client.get(retry_link(page), headers=EN).get_data(as_text=True)
    assert 'value="fail-promo.example.com"' in form
    assert "data-retried" in form and "Type the password again" not in form
    assert re.search(r'name="path"[^>]*value="promo"', form)
    assert re.search(r'id="cdn"[^>]*checked', form) or re.search(r'checked[^>]*id="cdn"', form)
    assert not re.search(r'<input[^>]*checked[^>]*id="ssl"', form)


def test_staff_are_told_who_can_help_not_what_to_check(
    staff_client: Callable[[str], FlaskClient], users: UserFactory
) -> None:
    client = staff_client("operate")
    users.make("marie@example.com", "admin")
    started = attach(client, "fail-staff.example.com")
    page = client.get(started.location, headers=EN).get_data(as_text=True)
    assert "ask an administrator of this panel (marie@example.com)" in page
    assert "What to check" not in page
    assert "Try again" in page


def test_view_only_staff_get_no_try_again(
    app: Flask, admin_client: FlaskClient, users: UserFactory
) -> None:
    started = attach(admin_client, "fail-view.example.com")
    users.make("viewer@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "view"})
    client = app.test_client()
    assert (
        AuthActions(client).sign_in("viewer@example.com", TEST_PASSWORDS["staff"]).status_code
        == 302
    )
    page = client.get(started.location, headers=EN).get_data(as_text=True)
    assert "OVH did not complete this operation" in page and "Try again" not in page


def test_a_failed_database_creation_reopens_the_form_without_the_password(
    admin_client: FlaskClient,
) -> None:
    url = f"{BASE}/databases/new"
    secret = "Tulip2024garden"
    fields = {"capabilitie": "sqlPerso", "type": "mysql", "version": "8.0", "user": "shopfail"}
    started = submit(admin_client, url, **fields, password=secret, confirm=secret)
    assert started.status_code == 302, started.get_data(as_text=True)
    page = admin_client.get(started.location, headers=EN).get_data(as_text=True)
    assert "The database" in page and "was not created" in page
    form = admin_client.get(retry_link(page), headers=EN).get_data(as_text=True)
    assert re.search(r'name="user"[^>]*value="shopfail"', form)
    assert "data-retried" in form and "Type the password again" in form
    assert "Tulip2024garden" not in form


def test_ovhs_own_words_are_shown_when_a_task_carries_a_comment() -> None:
    task = task_from_ovh("sn", {"id": 1, "status": "error", "comment": " Quota exceeded "})
    assert task.comment == "Quota exceeded"
    assert task_from_ovh("sn", {"id": 1, "status": "error"}).comment is None


def test_the_history_shows_an_operation_whose_task_failed_as_failed(
    admin_client: FlaskClient,
) -> None:
    failed = attach(admin_client, "fail-history.example.com", ssl=None)
    admin_client.get(failed.location, headers=EN)  # the panel sees the task end
    fine = attach(admin_client, "fine-history.example.com", ssl=None)
    admin_client.get(fine.location, headers=EN)
    history = admin_client.get("/admin/audit?outcome=failed", headers=EN).get_data(as_text=True)
    assert "fail-history.example.com" in history and "fine-history.example.com" not in history
    row = history.split("fail-history.example.com", 1)[1].split("</tr>", 1)[0]
    assert 'data-outcome="failed"' in row and "Not completed" in row and "Accepted" not in row
    accepted = admin_client.get("/admin/audit?outcome=accepted", headers=EN).get_data(as_text=True)
    assert "fine-history.example.com" in accepted and "fail-history.example.com" not in accepted


def test_not_completed_and_failed_are_not_the_same_colour() -> None:
    assert badge_of("task", "cancelled")[0] == "warning"
    assert {badge_of("task", status)[0] for status in ("error", "ovhError", "customerError")} == {
        "danger"
    }


def test_the_modify_form_opened_by_try_again_shows_the_values_asked_for(
    app: Flask, admin_client: FlaskClient
) -> None:
    """The sandbox fails no update: the retry link is built for an entry as OVH would end it."""
    url = f"{BASE}/domains/blog.example.com/modify"
    sent = submit(admin_client, url, path="blog2", ssl="y", cdn="y", confirm="y")
    task_id = int(sent.location.rsplit("/", 1)[1])
    with app.test_request_context():
        admin = db.session.scalars(select(User).where(User.email == "admin@example.com")).one()
        login_user(admin)
        entry = audit.entry_for_task(GRANTED_SERVICE, task_id)
        assert entry is not None and entry.parameters == {"path": "blog2", "cdn": "active"}
        link = failure.retry_url(ovh_api.gateway, GRANTED_SERVICE, entry)
    assert link is not None
    form = admin_client.get(link, headers=EN).get_data(as_text=True)
    assert re.search(r'name="path"[^>]*value="blog2"', form)
    assert re.search(r'<input[^>]*checked[^>]*id="ssl"', form)  # blog's HTTPS, from OVH
    assert re.search(r'<input[^>]*checked[^>]*id="cdn"', form)  # the change asked for


def test_the_failure_and_https_pages_speak_french(admin_client: FlaskClient) -> None:
    french = {"Accept-Language": "fr"}
    failed = attach(admin_client, "fail-fr.example.com", ssl=None)
    page = admin_client.get(failed.location, headers=french).get_data(as_text=True)
    assert "fail-fr.example.com : OVH n'a pas mené cette opération à son terme." in page
    assert "Cause probable" in page and "Réessayer" in page and "Non abouti" in page
    secured = attach(admin_client, "secure-fr.example.com")
    page = admin_client.get(secured.location, headers=french).get_data(as_text=True)
    assert "HTTPS actif" in page
