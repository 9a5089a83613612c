"""Sessions end where they should: sign-out kills every copy of the cookies, sign-in starts from
nothing, pages are never kept by the browser, and people see and end their sessions."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.support.forms import csrf_token
from tests.support.panel import AuthActions, UserFactory
from tests.support.panel_data import TEST_PASSWORDS

EMAIL = "staff@example.com"


def _signed_in(app: Flask, users: UserFactory, remember: bool = False) -> FlaskClient:
    users.make(EMAIL, password=TEST_PASSWORDS["staff"])
    client = app.test_client()
    assert AuthActions(client).sign_in(EMAIL, TEST_PASSWORDS["staff"], remember).status_code == 302
    return client


def _copy(client: FlaskClient, app: Flask, *names: str) -> FlaskClient:
    """Another browser holding copies of ``names`` cookies (as a thief would)."""
    copy = app.test_client()
    for name in names:
        cookie = client.get_cookie(name)
        assert cookie is not None, name
        copy.set_cookie(name, cookie.value)
    return copy


def _is_signed_in(client: FlaskClient) -> bool:
    return client.get("/auth/profile").status_code == 200


def test_signing_out_ends_a_copied_session_cookie(app: Flask, users: UserFactory) -> None:
    client = _signed_in(app, users)
    thief = _copy(client, app, "session")
    assert _is_signed_in(thief)
    AuthActions(client).sign_out()
    assert not _is_signed_in(client)
    assert not _is_signed_in(thief)


def test_signing_out_ends_a_copied_remember_me_cookie(app: Flask, users: UserFactory) -> None:
    client = _signed_in(app, users, remember=True)
    thief = _copy(client, app, "remember_token")
    assert _is_signed_in(thief)  # the remember-me cookie alone signs in…
    AuthActions(client).sign_out()
    assert not _is_signed_in(_copy(client, app)) and not _is_signed_in(thief)  # …until sign-out


def test_signing_in_starts_a_fresh_session(app: Flask, users: UserFactory) -> None:
    users.make(EMAIL, password=TEST_PASSWORDS["staff"])
    client = app.test_client()
    page = client.get("/auth/sign-in").get_data(as_text=True)
    with client.session_transaction() as session:
        before = session["csrf_token"]
        session["planted"] = "by someone before sign-in"
    answer = client.post(
        "/auth/sign-in",
        data={"csrf_token": csrf_token(page), "email": EMAIL, "password": TEST_PASSWORDS["staff"]},
    )
    assert answer.status_code == 302
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("csrf_token") != before


def test_pages_are_not_kept_and_carry_the_browser_policies(app: Flask, users: UserFactory) -> None:
    client = _signed_in(app, users)
    answer = client.get("/auth/profile")
    assert answer.headers["Cache-Control"] == "no-store"
    assert "camera=()" in answer.headers["Permissions-Policy"]
    assert answer.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in answer.headers  # plain HTTP: no HSTS promise
    secure = app.test_client().get("/auth/sign-in", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")
    assert secure.headers["Cache-Control"] == "no-store"


def test_the_profile_lists_sessions_and_signs_out_everywhere(
    app: Flask, users: UserFactory
) -> None:
    laptop = _signed_in(app, users)
    phone = app.test_client()
    AuthActions(phone).sign_in(EMAIL, TEST_PASSWORDS["staff"])
    page = laptop.get("/auth/profile", headers={"User-Agent": "Laptop"}).get_data(as_text=True)
    assert page.count("/end") == 1 and "This browser" in page
    laptop.post(
        "/auth/sign-out-everywhere",
        data={"csrf_token": csrf_token(page)},
    )
    assert not _is_signed_in(laptop) and not _is_signed_in(phone)


def test_one_other_session_can_be_ended_from_the_profile(app: Flask, users: UserFactory) -> None:
    laptop = _signed_in(app, users)
    phone = app.test_client()
    AuthActions(phone).sign_in(EMAIL, TEST_PASSWORDS["staff"])
    page = laptop.get("/auth/profile").get_data(as_text=True)
    start = page.index("/auth/sessions/")
    end_url = page[start : page.index('"', start)]
    assert laptop.post(end_url, data={"csrf_token": csrf_token(page)}).status_code == 302
    assert _is_signed_in(laptop) and not _is_signed_in(phone)
