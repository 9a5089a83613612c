"""One-time links come from PANEL_URL, never from the request, and their token stays out of every
URL the server sees."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.support.forms import csrf_token, link_token, set_password

NEW_PASSWORD = "Lantern-Thistle-Copper-19"


def _invite(client: FlaskClient) -> tuple[int, str]:
    page = client.get("/admin/users/new").get_data(as_text=True)
    answer = client.post(
        "/admin/users/new",
        data={"csrf_token": csrf_token(page), "email": "new@example.com", "role": "staff"},
    )
    html = answer.get_data(as_text=True)
    link = (
        html.split('id="one-time-link">', 1)[1].split("<", 1)[0] if "one-time-link" in html else ""
    )
    return answer.status_code, link


def test_a_forged_host_gets_no_page_and_no_link(app: Flask, admin_client: FlaskClient) -> None:
    answer = admin_client.get("/admin/users/new", headers={"Host": "evil.example"})
    assert answer.status_code == 400
    assert "evil.example" not in answer.get_data(as_text=True)


def test_links_are_built_from_panel_url_whatever_host_was_asked(app: Flask) -> None:
    from app.auth.routes import one_time_link

    app.config["PANEL_URL"] = "https://panel.example.com"
    app.config["TRUSTED_HOSTS"] = ["localhost", "alias.example.net"]
    with app.test_request_context("/admin/users/new", headers={"Host": "alias.example.net"}):
        link = one_time_link("sample-token")
    assert link == "https://panel.example.com/auth/set-password#sample-token"


def test_the_token_travels_in_the_fragment_and_a_post_not_in_a_url(
    app: Flask, admin_client: FlaskClient
) -> None:
    _, link = _invite(admin_client)
    token = link_token(link)
    path = link.split("#", 1)[0]
    assert token not in path  # what a browser sends, and an access log records
    visitor = app.test_client()
    page = visitor.get("/auth/set-password").get_data(as_text=True)
    assert "link-code.js" in page
    assert set_password(visitor, token, NEW_PASSWORD).status_code == 302
