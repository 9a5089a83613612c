"""Signing in and out, throttling, sessions that end, and the first-admin page."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from app.extensions import db
from app.models import User
from tests.support.forms import csrf_token
from tests.support.panel import AuthActions, UserFactory
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS

STAFF = "staff@example.com"


def test_a_fresh_install_explains_how_to_create_the_first_admin(client: FlaskClient) -> None:
    page = client.get("/hosting/", follow_redirects=True, headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert "flask users create-admin" in html
    assert "There is no default password" in html


def test_anonymous_visitors_are_sent_to_sign_in_and_come_back_after(
    client: FlaskClient, users: UserFactory, auth: AuthActions
) -> None:
    users.make(STAFF, password=TEST_PASSWORDS["staff"], grants={GRANTED_SERVICE: "view"})
    answer = client.get("/hosting/")
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/auth/sign-in?next=/hosting/"
    signed_in = auth.sign_in(STAFF, TEST_PASSWORDS["staff"], next_path="/hosting/")
    assert signed_in.headers["Location"] == "/hosting/"


def test_next_never_leads_off_the_site(users: UserFactory, auth: AuthActions) -> None:
    users.make(STAFF, password=TEST_PASSWORDS["staff"])
    answer = auth.sign_in(STAFF, TEST_PASSWORDS["staff"], next_path="//evil.example/x")
    assert answer.headers["Location"] == "/"


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(
    users: UserFactory, auth: AuthActions
) -> None:
    users.make(STAFF, password=TEST_PASSWORDS["staff"])
    wrong = auth.sign_in(STAFF, "Not-The-Password-123").get_data(as_text=True)
    unknown = auth.sign_in("nobody@example.com", "Not-The-Password-123").get_data(as_text=True)
    assert "The email or the password is not right" in wrong
    assert "The email or the password is not right" in unknown


def test_too_many_attempts_from_one_address_are_refused(
    app: Flask, users: UserFactory, auth: AuthActions
) -> None:
    app.config["SIGN_IN_LIMIT"] = "3 per minute"
    users.make("someone@example.com")
    answers = [auth.sign_in(f"user{n}@example.com", "whatever").status_code for n in range(4)]
    assert answers == [200, 200, 200, 429]


def test_signing_out_is_a_post_that_ends_the_session(
    client: FlaskClient, users: UserFactory, auth: AuthActions
) -> None:
    users.make(STAFF, password=TEST_PASSWORDS["staff"])
    auth.sign_in(STAFF, TEST_PASSWORDS["staff"])
    assert client.get("/auth/sign-out").status_code == 405
    assert auth.sign_out().status_code == 302
    assert client.get("/hosting/").status_code == 302


def test_a_deactivated_user_is_signed_out_at_the_next_request(
    app: Flask, client: FlaskClient, users: UserFactory, auth: AuthActions
) -> None:
    user_id = users.make(STAFF, password=TEST_PASSWORDS["staff"])
    auth.sign_in(STAFF, TEST_PASSWORDS["staff"], remember=True)
    assert client.get("/hosting/").status_code == 200
    with app.app_context():
        user = db.session.get_one(User, user_id)
        user.active = False
        db.session.commit()
    assert client.get("/hosting/").status_code == 302


def test_changing_the_password_signs_out_the_other_sessions(app: Flask, users: UserFactory) -> None:
    users.make(STAFF, password=TEST_PASSWORDS["staff"])
    laptop, phone = AuthActions(app.test_client()), AuthActions(app.test_client())
    laptop.sign_in(STAFF, TEST_PASSWORDS["staff"])
    phone.sign_in(STAFF, TEST_PASSWORDS["staff"], remember=True)
    new_password = "Glacier-Violin-Saffron-64"
    page = laptop.client.get("/auth/profile").get_data(as_text=True)
    changed = laptop.client.post(
        "/auth/profile/password",
        data={
            "csrf_token": csrf_token(page),
            "current": TEST_PASSWORDS["staff"],
            "password": new_password,
            "confirm": new_password,
        },
    )
    assert changed.status_code == 302
    assert laptop.client.get("/hosting/").status_code == 200
    assert phone.client.get("/hosting/").status_code == 302
    phone.client.delete_cookie("session")
    assert phone.client.get("/hosting/").status_code == 302  # the remember-me cookie died too


def test_session_cookies_are_http_only_and_same_site_lax(
    client: FlaskClient, users: UserFactory, auth: AuthActions
) -> None:
    users.make(STAFF, password=TEST_PASSWORDS["staff"])
    answer = auth.sign_in(STAFF, TEST_PASSWORDS["staff"], remember=True)
    cookies = answer.headers.getlist("Set-Cookie")
    assert cookies, "signing in sets cookies"
    for cookie in cookies:
        assert "HttpOnly" in cookie, cookie
        assert "SameSite=Lax" in cookie, cookie
    assert any(cookie.startswith("remember_token=") for cookie in cookies)


def test_users_choose_their_language_on_their_profile(
    client: FlaskClient, users: UserFactory, auth: AuthActions
) -> None:
    users.make(STAFF, password=TEST_PASSWORDS["staff"])
    auth.sign_in(STAFF, TEST_PASSWORDS["staff"])
    page = client.get("/auth/profile").get_data(as_text=True)
    client.post(
        "/auth/profile",
        data={"csrf_token": csrf_token(page), "display_name": "Camille", "locale": "fr"},
    )
    html = client.get("/hosting/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Mes sites" in html
    assert "Camille" in html


def test_the_sandbox_sign_in_page_shows_the_demo_accounts(
    client: FlaskClient, users: UserFactory
) -> None:
    users.make("someone@example.com")
    assert "demo-admin-pass" in client.get("/auth/sign-in").get_data(as_text=True)


def test_outside_the_sandbox_no_demo_account_is_shown(
    app: Flask, client: FlaskClient, users: UserFactory, monkeypatch: Any
) -> None:
    users.make("someone@example.com")
    app.config["ON_SANDBOX"] = False
    assert "demo-admin-pass" not in client.get("/auth/sign-in").get_data(as_text=True)
