"""How a message leaves: email through Flask-Mail (SMTP settings ``MAIL_*``, the administrator's
own), a chat or webhook destination through Apprise, only to public addresses (``destinations``)
and never following a redirect. Without ``MAIL_SERVER`` an email is written to the log instead
(messages hold no secret). A refusal raises, so the queue job retries with backoff."""

from __future__ import annotations

import logging
import sys
import warnings

import apprise
from flask import current_app
from flask_mail import Mail, Message

from app.notify.destinations import (
    UNKNOWN,
    Allowed,
    Refused,
    Resolver,
    check_plugins,
    system_resolver,
)

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


def allowed_hosts() -> Allowed:
    """The administrator's exceptions for intranet destinations (``NOTIFY_ALLOWED_HOSTS``)."""
    return Allowed.parse(current_app.config.get("NOTIFY_ALLOWED_HOSTS") or ())


def chat_destinations(url: str) -> apprise.Apprise | None:
    """The destinations ``url`` names (Apprise takes several, comma-separated), each told never
    to follow a redirect (even with ``?redirect=yes``); None when Apprise does not know one."""
    destinations = apprise.Apprise(asset=apprise.AppriseAsset(http_redirects=False))
    if not destinations.add(url):
        return None
    for plugin in destinations:
        plugin.redirects = False
    return destinations


def valid_chat_destination(url: str) -> bool:
    """Whether Apprise knows this kind of destination (``slack://…``, ``json://…``…)."""
    return chat_destinations(url) is not None


def check_chat_destination(url: str, resolve: Resolver = system_resolver) -> None:
    """:class:`Refused` when the destination names a local or private host."""
    destinations = chat_destinations(url)
    if destinations is not None:
        check_plugins(destinations, allowed_hosts(), resolve)


def send_chat(url: str, subject: str, body: str, resolve: Resolver = system_resolver) -> None:
    destinations = chat_destinations(url)
    if destinations is None:
        raise DeliveryFailed("The chat destination is not one Apprise knows.")
    try:  # again at each sending: the name may resolve elsewhere since it was saved
        check_plugins(destinations, allowed_hosts(), resolve)
    except Refused as refused:
        where = "cannot be found" if refused.why == UNKNOWN else "is local or private"
        raise DeliveryFailed(
            f"Not sent: the chat destination's host {refused.host} {where} "
            "(an intranet host must be listed in NOTIFY_ALLOWED_HOSTS)."
        ) from None
    if not destinations.notify(title=subject, body=body):
        raise DeliveryFailed("The chat destination did not accept the message.")
