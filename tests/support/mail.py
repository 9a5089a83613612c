"""A real SMTP server (aiosmtpd) and a real webhook receiver on loopback, for the notification
tests: what the panel sends arrives over the network and is read back as it arrived."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Flask


class Inbox:
    """aiosmtpd handler keeping every message it is sent."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = BytesParser(policy=policy.default).parsebytes(envelope.original_content)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 Message accepted for delivery"

    def body(self, index: int = -1) -> str:
        part = self.messages[index].get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp(app: Flask) -> Iterator[Inbox]:
    """A mail server on a loopback port, and the panel's ``MAIL_*`` pointing at it."""
    from app.notify.channels import mail

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False)
    mail.init_app(app)
    try:
        yield inbox
    finally:
        controller.stop()


class Webhook:
    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.url = ""


@pytest.fixture
def webhook(app: Flask) -> Iterator[Webhook]:
    """An HTTP server on loopback keeping the JSON bodies posted to it (Apprise's ``json://``);
    the panel lets chat messages through to loopback for it only, as an administrator would
    allow an intranet host (``NOTIFY_ALLOWED_HOSTS``)."""
    hook = Webhook()
    app.config["NOTIFY_ALLOWED_HOSTS"] = ["127.0.0.1"]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            hook.received.append(json.loads(self.rfile.read(length)))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    hook.url = f"json://127.0.0.1:{server.server_port}/hook"
    try:
        yield hook
    finally:
        server.shutdown()
        server.server_close()
