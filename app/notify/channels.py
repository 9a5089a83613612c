"""How a message leaves: email through Flask-Mail (SMTP settings ``MAIL_*``), a chat or webhook
destination through Apprise. Without ``MAIL_SERVER`` an email is written to the log instead
(messages hold no secret). A refusal raises, so the queue job retries with backoff."""

from __future__ import annotations

import logging
import sys
import warnings

import apprise
from flask import current_app
from flask_mail import Mail, Message

log = logging.getLogger(__name__)
mail = Mail()

if sys.version_info < (3, 13):
    # Apprise's email plugin imports the standard library's imghdr, deprecated on 3.11-3.12: it is
    # imported here once, quietly, so loading Apprise's plugins warns of nothing.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import imghdr  # noqa: F401


class DeliveryFailed(RuntimeError):
    """The destination refused or could not be reached (the job tries again later)."""


def send_email(to: str, subject: str, body: str) -> None:
    if not current_app.config.get("MAIL_SERVER"):
        log.info(
            "Email to %s (no MAIL_SERVER set, not sent):\nSubject: %s\n\n%s", to, subject, body
        )
        return
    mail.send(Message(subject=subject, recipients=[to], body=body))


def valid_chat_destination(url: str) -> bool:
    """Whether Apprise knows this kind of destination (``slack://…``, ``json://…``…)."""
    return bool(apprise.Apprise().add(url))


def send_chat(url: str, subject: str, body: str) -> None:
    destination = apprise.Apprise()
    if not destination.add(url):
        raise DeliveryFailed("The chat destination is not one Apprise knows.")
    if not destination.notify(title=subject, body=body):
        raise DeliveryFailed("The chat destination did not accept the message.")
