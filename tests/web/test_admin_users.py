"""Admins add people, share one-time links, change roles, switch accounts off and grant sites."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from app.extensions import db
from app.models import AuditEntry, OneTimeLink, User
from tests.support.forms import csrf_token, link_token, set_password
from tests.support.panel import AuthActions, UserFactory
from tests.support.panel_data import GRANTED_SERVICE, OTHER_SERVICE, TEST_PASSWORDS

LINK = re.compile(r'id="one-time-link">(https?://[^<]+)<')
NEW_PASSWORD = "Lantern-Thistle-Copper-19"


def _post(client: FlaskClient, page: str, url: str, **data: str) -> object:
    token = csrf_token(client.get(page).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data})


def _add_user(admin_client: FlaskClient, email: str, role: str = "staff") -> str:
    answer = _post(admin_client, "/admin/users/new", "/admin/users/new", email=email, role=role)
    html = answer.get_data(as_text=True)  # type: ignore[attr-defined]
    match = LINK.search(html)
    assert match, html
    return match.group(1)


def _set_password(client: FlaskClient, link: str, password: str) -> object:
    return set_password(client, link_token(link), password)


def _opens(client: FlaskClient, link: str) -> int:
    """What sending the link's token answers: 200 (the form, asking for a password) or 404."""
    return int(set_password(client, link_token(link), "").status_code)


def test_an_added_user_sets_their_own_password_through_the_one_time_link(
    app: Flask, admin_client: FlaskClient
) -> None:
    link = _add_user(admin_client, "new@example.com")
    visitor = app.test_client()
    assert _set_password(visitor, link, NEW_PASSWORD).status_code == 302  # type: ignore[attr-defined]
    assert AuthActions(visitor).sign_in("new@example.com", NEW_PASSWORD).status_code == 302


def test_a_one_time_link_works_only_once(app: Flask, admin_client: FlaskClient) -> None:
    link = _add_user(admin_client, "new@example.com")
    visitor = app.test_client()
    _set_password(visitor, link, NEW_PASSWORD)
    again = set_password(visitor, link_token(link), NEW_PASSWORD)
    assert again.status_code == 404
    assert "This link no longer works" in again.get_data(as_text=True)


def test_a_one_time_link_expires_after_72_hours(app: Flask, admin_client: FlaskClient) -> None:
    link = _add_user(admin_client, "new@example.com")
    with app.app_context():
        for one_time_link in db.session.query(OneTimeLink):
            one_time_link.expires_at -= timedelta(hours=72)
        db.session.commit()
    assert _opens(app.test_client(), link) == 404


def test_a_new_reset_link_replaces_the_earlier_one(app: Flask, admin_client: FlaskClient) -> None:
    first = _add_user(admin_client, "new@example.com")
    with app.app_context():
        user_id = db.session.query(User).filter_by(email="new@example.com").one().id
    page = f"/admin/users/{user_id}"
    answer = _post(admin_client, page, f"/admin/users/{user_id}/reset-link")
    second = LINK.search(answer.get_data(as_text=True)).group(1)  # type: ignore[attr-defined,union-attr]
    assert _opens(app.test_client(), first) == 404
    assert _opens(app.test_client(), second) == 200


def test_links_are_stored_only_as_a_hash(app: Flask, admin_client: FlaskClient) -> None:
    link = _add_user(admin_client, "new@example.com")
    token = link_token(link)
    with app.app_context():
        stored = db.session.query(OneTimeLink).one()
    assert stored.token_hash != token
    assert len(stored.token_hash) == 64


def test_common_and_short_passwords_are_refused_with_the_rule_shown(
    app: Flask, admin_client: FlaskClient
) -> None:
    link = _add_user(admin_client, "new@example.com")
    visitor = app.test_client()
    short = _set_password(visitor, link, "short").get_data(as_text=True)  # type: ignore[attr-defined]
    common = _set_password(visitor, link, "password1234").get_data(as_text=True)  # type: ignore[attr-defined]
    assert "Use at least 12 characters" in short
    assert "too common or too easy to guess" in common
    assert "At least 12 characters" in common


def test_adding_someone_twice_says_the_email_is_taken(admin_client: FlaskClient) -> None:
    _add_user(admin_client, "new@example.com")
    answer = _post(
        admin_client, "/admin/users/new", "/admin/users/new", email="NEW@example.com", role="staff"
    )
    assert "Someone already uses this email" in answer.get_data(as_text=True)  # type: ignore[attr-defined]


def test_deactivating_someone_signs_them_out_and_reactivating_lets_them_back(
    app: Flask, admin_client: FlaskClient, users: UserFactory
) -> None:
    staff_id = users.make("staff@example.com", password=TEST_PASSWORDS["staff"])
    staff = AuthActions(app.test_client())
    staff.sign_in("staff@example.com", TEST_PASSWORDS["staff"])
    page = f"/admin/users/{staff_id}"
    _post(admin_client, page, f"/admin/users/{staff_id}/deactivate")
    assert staff.client.get("/hosting/").status_code == 302
    refused = staff.sign_in("staff@example.com", TEST_PASSWORDS["staff"])
    assert "switched off" in refused.get_data(as_text=True)
    _post(admin_client, page, f"/admin/users/{staff_id}/reactivate")
    assert staff.sign_in("staff@example.com", TEST_PASSWORDS["staff"]).status_code == 302


def test_an_admin_cannot_switch_off_or_demote_themselves(
    app: Flask, admin_client: FlaskClient
) -> None:
    with app.app_context():
        admin_id = db.session.query(User).filter_by(email="admin@example.com").one().id
    page = f"/admin/users/{admin_id}"
    _post(admin_client, page, f"/admin/users/{admin_id}/deactivate")
    _post(admin_client, page, f"/admin/users/{admin_id}/role", role="staff")
    with app.app_context():
        admin = db.session.get_one(User, admin_id)
        assert admin.active and admin.is_admin


def test_granting_and_revoking_a_site_changes_what_staff_see(
    app: Flask, admin_client: FlaskClient, users: UserFactory
) -> None:
    staff_id = users.make("staff@example.com", password=TEST_PASSWORDS["staff"])
    staff = AuthActions(app.test_client())
    staff.sign_in("staff@example.com", TEST_PASSWORDS["staff"])
    assert GRANTED_SERVICE not in staff.client.get("/hosting/").get_data(as_text=True)
    page = f"/admin/users/{staff_id}"
    _post(
        admin_client,
        page,
        f"/admin/users/{staff_id}/grants",
        service_name=GRANTED_SERVICE,
        level="view",
    )
    html = staff.client.get("/hosting/").get_data(as_text=True)
    assert GRANTED_SERVICE in html
    assert OTHER_SERVICE not in html
    _post(admin_client, page, f"/admin/users/{staff_id}/grants/{GRANTED_SERVICE}/revoke")
    assert staff.client.get(f"/hosting/{GRANTED_SERVICE}/").status_code == 404


def test_only_services_of_the_ovh_account_can_be_granted(
    app: Flask, admin_client: FlaskClient, users: UserFactory
) -> None:
    staff_id = users.make("staff@example.com")
    page = f"/admin/users/{staff_id}"
    _post(
        admin_client,
        page,
        f"/admin/users/{staff_id}/grants",
        service_name="not-ours.example",
        level="view",
    )
    with app.app_context():
        assert db.session.get_one(User, staff_id).grants == []


def test_granting_while_ovh_is_down_says_ovh_cannot_be_reached(
    app: Flask, admin_client: FlaskClient, users: UserFactory, sandbox: Any
) -> None:
    staff_id = users.make("staff@example.com")
    page = f"/admin/users/{staff_id}"
    sandbox.faults(error_rate=1.0)
    answer = _post(admin_client, page, f"{page}/grants", service_name=GRANTED_SERVICE, level="view")
    html = admin_client.get(answer.location, headers={"Accept-Language": "en"}).get_data(  # type: ignore[attr-defined]
        as_text=True
    )
    assert "The OVH service cannot be reached right now" in html
    assert "Choose a site and a level of access" not in html
    with app.app_context():
        assert db.session.get_one(User, staff_id).grants == []


def test_user_and_grant_changes_are_in_the_audit_trail(
    app: Flask, admin_client: FlaskClient, users: UserFactory
) -> None:
    staff_id = users.make("staff@example.com")
    page = f"/admin/users/{staff_id}"
    _post(
        admin_client,
        page,
        f"/admin/users/{staff_id}/grants",
        service_name=GRANTED_SERVICE,
        level="operate",
    )
    _post(admin_client, page, f"/admin/users/{staff_id}/deactivate")
    with app.app_context():
        actions = {(e.action, e.user_email) for e in db.session.query(AuditEntry)}
    assert ("grant.set", "admin@example.com") in actions
    assert ("user.deactivate", "admin@example.com") in actions
    assert ("auth.sign_in", "admin@example.com") in actions


def test_the_access_pages_name_each_site_as_people_know_it_and_offer_only_new_ones(
    admin_client: FlaskClient, users: UserFactory
) -> None:
    staff_id = users.make("staff@example.com", grants={GRANTED_SERVICE: "operate"})
    page = f"/admin/users/{staff_id}"
    html = admin_client.get(page, headers={"Accept-Language": "en"}).get_data(as_text=True)
    grants = html.split('class="table align-middle grants')[1].split("</table>")[0]
    assert "Example shop" in grants and GRANTED_SERVICE in grants
    form = html.split('name="service_name"')[1].split("</select>")[0]
    assert GRANTED_SERVICE not in form  # already granted: not offered again
    assert OTHER_SERVICE in form
    answer = _post(
        admin_client, page, f"/admin/users/{staff_id}/grants", service_name=OTHER_SERVICE,
        level="view",
    )  # fmt: skip
    assert answer.status_code == 302  # type: ignore[attr-defined]
    after = admin_client.get(page).get_data(as_text=True)
    assert f"staff@example.com now has access to {OTHER_SERVICE}." in after  # no display name
    assert "already has access to every site" not in after  # the sandbox has a third service
    listing = admin_client.get("/admin/users").get_data(as_text=True)
    assert "Example shop · Operate" in listing


def test_someone_who_sees_every_site_is_offered_none_again(
    admin_client: FlaskClient, users: UserFactory
) -> None:
    every = {GRANTED_SERVICE: "view", OTHER_SERVICE: "view"}
    staff_id = users.make(
        "staff@example.com", grants={**every, "example3.cluster03.hosting.ovh.net": "operate"}
    )
    html = admin_client.get(f"/admin/users/{staff_id}", headers={"Accept-Language": "fr"})
    text = html.get_data(as_text=True)
    assert 'name="service_name"' not in text
    assert "a déjà accès à tous les sites de ce compte" in text
    assert "Agency sites" in text


def test_a_person_is_added_with_their_sites_in_one_go_and_the_link_page_says_what_they_see(
    app: Flask, admin_client: FlaskClient
) -> None:
    form_page = admin_client.get("/admin/users/new", headers={"Accept-Language": "en"})
    html = form_page.get_data(as_text=True)
    assert "Sites they can see" in html and "Example shop" in html and "Can make changes" in html
    granted = "site_" + GRANTED_SERVICE.replace("-", "_h").replace(".", "_d")
    other = "site_" + OTHER_SERVICE.replace("-", "_h").replace(".", "_d")
    assert f'name="{granted}"' in html and f'name="{other}"' in html
    answer = _post(
        admin_client,
        "/admin/users/new",
        "/admin/users/new",
        email="marie@example.com",
        display_name="Marie",
        role="staff",
        **{granted: "operate", other: ""},
    )
    page = answer.get_data(as_text=True)  # type: ignore[attr-defined]
    assert LINK.search(page)  # the link page is the last step
    assert "Marie will see:" in page and "<li>Example shop, can make changes</li>" in page
    assert OTHER_SERVICE not in page.split("will-see")[1].split("</div>")[0]
    with app.app_context():
        marie = db.session.query(User).filter_by(email="marie@example.com").one()
        assert {(g.service_name, g.level) for g in marie.grants} == {(GRANTED_SERVICE, "operate")}
        actions = [e.action for e in db.session.query(AuditEntry).filter_by(target=marie.email)]
        assert "user.create" in actions and "grant.set" in actions


def test_the_link_page_speaks_french_and_a_site_outside_the_account_is_refused(
    app: Flask, admin_client: FlaskClient
) -> None:
    granted = "site_" + GRANTED_SERVICE.replace("-", "_h").replace(".", "_d")
    refused = _post(
        admin_client,
        "/admin/users/new",
        "/admin/users/new",
        email="nope@example.com",
        role="staff",
        **{granted: "owner"},
    )
    assert refused.status_code == 200  # type: ignore[attr-defined]
    assert not LINK.search(refused.get_data(as_text=True))  # type: ignore[attr-defined]
    token = csrf_token(admin_client.get("/admin/users/new").get_data(as_text=True))
    answer = admin_client.post(
        "/admin/users/new",
        data={"csrf_token": token, "email": "luc@example.com", "role": "staff", granted: "view"},
        headers={"Accept-Language": "fr"},
    )
    page = answer.get_data(as_text=True)
    assert "luc@example.com verra :" in page and "<li>Example shop, peut consulter</li>" in page
    with app.app_context():
        assert db.session.query(User).filter_by(email="nope@example.com").count() == 0


LONG_PASSPHRASE = "the quiet orchard keeps its lanterns lit through every velvet winter night " * 2


def test_a_passphrase_longer_than_72_characters_works_in_the_form(
    app: Flask, admin_client: FlaskClient, auth: AuthActions
) -> None:
    assert len(LONG_PASSPHRASE) > 72
    page = admin_client.get("/auth/profile").get_data(as_text=True)
    changed = admin_client.post(
        "/auth/profile/password",
        data={
            "csrf_token": csrf_token(page),
            "current": TEST_PASSWORDS["admin"],
            "password": LONG_PASSPHRASE,
            "confirm": LONG_PASSPHRASE,
        },
    )
    assert changed.status_code == 302
    auth.sign_out()
    assert auth.sign_in("admin@example.com", LONG_PASSPHRASE).status_code == 302


def test_a_passphrase_longer_than_72_characters_works_in_create_admin(app: Flask) -> None:
    runner = app.test_cli_runner()
    created = runner.invoke(
        args=["users", "create-admin", "root@example.org"], input=LONG_PASSPHRASE + "\n"
    )
    assert created.exit_code == 0, created.output
