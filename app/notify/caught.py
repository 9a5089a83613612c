"""The demo's catch-all mail server (``flask mail catch``, aiosmtpd): every message sent to it is
kept in a Maildir, which the administrators' Mail caught page reads back. Demo only: the panel
never starts it on real settings."""

from __future__ import annotations

import mailbox
import signal
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup

mail_cli = AppGroup("mail", help="The demo's catch-all mail server.")


@dataclass(frozen=True)
class Caught:
    received: datetime
    sender: str
    to: str
    subject: str
    body: str


def caught_messages(folder: str, limit: int = 50) -> list[Caught]:
    if not (Path(folder) / "cur").is_dir():
        return []  # nothing caught yet (the catcher makes the folder on its first start)
    box = mailbox.Maildir(folder, create=False)
    found = []
    for key, kept in box.iteritems():
        message = BytesParser(policy=policy.default).parsebytes(box.get_bytes(key))
        part = message.get_body(preferencelist=("plain",))
        found.append(
            Caught(
                received=datetime.fromtimestamp(kept.get_date(), UTC).replace(tzinfo=None),
                sender=str(message.get("From", "")),
                to=str(message.get("To", "")),
                subject=str(message.get("Subject", "")),
                body=part.get_content() if part is not None else "",
            )
        )
    found.sort(key=lambda one: one.received, reverse=True)
    return found[:limit]


class KeepInMaildir:
    """aiosmtpd handler: accept every message and keep it."""

    def __init__(self, folder: str) -> None:
        self.box = mailbox.Maildir(folder, create=True)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.box.add(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


@mail_cli.command("catch")
@click.option("--port", default=8025, show_default=True)
def catch(port: int) -> None:
    """Keep every message sent to 127.0.0.1:PORT (the demo's catch-all SMTP server)."""
    from aiosmtpd.controller import Controller

    folder = current_app.config.get("MAIL_CATCH_DIR")
    if not current_app.config["ON_SANDBOX"] or not folder:
        raise click.ClickException("The catch-all mail server runs only in the demo.")
    Path(folder).parent.mkdir(parents=True, exist_ok=True)
    for part in ("cur", "new", "tmp"):  # a Maildir, even where an empty folder was left
        (Path(folder) / part).mkdir(parents=True, exist_ok=True)
    controller = Controller(KeepInMaildir(folder), hostname="127.0.0.1", port=port)
    controller.start()
    click.echo(f"Catching mail on 127.0.0.1:{port} into {folder}")
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):  # set even where the shell ignored SIGINT
        signal.signal(signum, lambda *_: stop.set())
    try:
        stop.wait()
    finally:
        controller.stop()
        click.echo("Stopped catching mail.")
