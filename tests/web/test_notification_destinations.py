"""A chat or webhook destination pointing at the panel's own machine or a private network is
refused on the profile's form, beside the field, in both languages; and again at each sending
(the name may resolve elsewhere later), without a connection; a redirect is never followed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.notify import channels
from app.notify.models import NotificationSettings
from tests.support.forms import csrf_token, submit
from tests.support.mail import Webhook

PREFERENCES = "/profile/notifications"
PRIVATE_SAID = "it is on the panel&#39;s own machine or a private network"


@pytest.mark.parametrize(
    ("destination", "host"),
    [
        ("json://169.254.169.254/latest/meta-data", "169.254.169.254"),
        ("json://localhost:6379/", "localhost"),
        ("xml://127.0.0.1:5432/", "127.0.0.1"),
        ("jsons://[::1]/hook", "::1"),
        ("json://[::ffff:10.0.0.1]/hook", "::ffff:10.0.0.1"),
        ("form://2130706433/hook", "2130706433"),  # 127.0.0.1 spelled as a number
        ("mailtos://user:pass@192.168.1.1:465?from=panel@example.com", "192.168.1.1"),
        ("xml://10.1.2.3/, json://hooks.example.com/ok", "10.1.2.3"),  # each one is checked
    ],
)
def test_a_local_or_private_destination_is_refused_beside_the_field(
    admin_client: FlaskClient, app: Flask, destination: str, host: str
) -> None:
    answer = submit(admin_client, PREFERENCES, my_tasks="y", chat=destination)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert f"The panel does not send to {host}: {PRIVATE_SAID}" in html
    assert 'id="chat-errors"' in html  # beside the field
    with app.app_context():
        assert db.session.scalars(select(NotificationSettings)).first() is None


def test_the_refusal_is_said_in_french(admin_client: FlaskClient) -> None:
    french = {"Accept-Language": "fr"}
    token = csrf_token(admin_client.get(PREFERENCES, headers=french).get_data(as_text=True))
    data = {"csrf_token": token, "my_tasks": "y", "chat": "json://169.254.169.254/"}
    html = admin_client.post(PREFERENCES, data=data, headers=french).get_data(as_text=True)
    assert "Le panneau n&#39;envoie rien à 169.254.169.254" in html


def test_an_administrator_may_allow_an_intranet_destination(
    admin_client: FlaskClient, app: Flask
) -> None:
    app.config["NOTIFY_ALLOWED_HOSTS"] = ["127.0.0.0/8"]
    answer = submit(admin_client, PREFERENCES, my_tasks="y", chat="json://127.0.0.9:9/hook")
    assert answer.status_code == 302
    refused = submit(admin_client, PREFERENCES, my_tasks="y", chat="json://[::1]:9/hook")
    assert refused.status_code == 200  # the allowed network is IPv4 loopback only


def test_at_sending_a_destination_no_longer_allowed_is_not_reached(
    admin_client: FlaskClient, app: Flask, webhook: Webhook
) -> None:
    answer = submit(admin_client, PREFERENCES, my_tasks="y", by_email=None, chat=webhook.url)
    assert answer.status_code == 302  # the fixture allows loopback, as an administrator would
    app.config["NOTIFY_ALLOWED_HOSTS"] = []  # then takes it back
    with app.app_context(), pytest.raises(channels.DeliveryFailed, match="local or private"):
        channels.send_chat(webhook.url, "Subject", "Body")
    assert webhook.received == []


def test_at_sending_every_address_of_the_name_is_checked_again(app: Flask) -> None:
    """A name that resolved to a public address when saved and now to a private one (the
    resolver is given; the test's network guard fails it on any connection beyond loopback)."""
    now = {"hooks.example.com": ["151.101.1.69", "10.0.0.7"]}
    with app.app_context(), pytest.raises(channels.DeliveryFailed, match=r"hooks\.example\.com"):
        channels.send_chat("json://hooks.example.com/x", "Subject", "Body", resolve=now.__getitem__)


@pytest.fixture
def redirecting(webhook: Webhook) -> Iterator[list[str]]:
    """A loopback server answering every POST with a redirect to the webhook."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            asked.append(self.path)
            self.send_response(307)
            self.send_header("Location", webhook.url.replace("json://", "http://"))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    asked.append(f"json://127.0.0.1:{server.server_port}/hook?redirect=yes")
    try:
        yield asked
    finally:
        server.shutdown()
        server.server_close()


def test_a_redirect_is_never_followed(app: Flask, webhook: Webhook, redirecting: list[str]) -> None:
    url = redirecting.pop(0)
    with app.app_context(), pytest.raises(channels.DeliveryFailed, match="did not accept"):
        channels.send_chat(url, "Subject", "Body")
    assert redirecting == ["/hook"]  # asked once
    assert webhook.received == []  # and not followed
