"""Reading and saving each person's notification choices; the chat destination sealed with a key
derived from ``SECRET_KEY`` (Fernet), since an Apprise URL carries the service's token."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

from app.extensions import db
from app.notify.models import NotificationSettings


@dataclass(frozen=True)
class Choices:
    my_tasks: bool = True
    plan_tasks: bool = False
    watch: bool = True
    by_email: bool = True
    has_chat: bool = False


def _fernet() -> Fernet:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"panel chat destination")
    return Fernet(base64.urlsafe_b64encode(key.derive(secret)))


def choices_of(user_id: int) -> Choices:
    row = db.session.get(NotificationSettings, user_id)
    if row is None:
        return Choices()
    return Choices(
        row.my_tasks, row.plan_tasks, row.watch, row.by_email, bool(row.chat_destination)
    )


def chat_destination(user_id: int) -> str | None:
    """The Apprise URL, unsealed for sending only; None when unset or sealed with another key."""
    row = db.session.get(NotificationSettings, user_id)
    if row is None or not row.chat_destination:
        return None
    try:
        return _fernet().decrypt(row.chat_destination.encode()).decode()
    except InvalidToken:
        return None


def save_choices(
    user_id: int, choices: Choices, chat: str | None = None, forget_chat: bool = False
) -> None:
    """Save the boxes; ``chat`` replaces the destination, ``forget_chat`` removes it."""
    row = db.session.get(NotificationSettings, user_id)
    if row is None:
        row = NotificationSettings(user_id=user_id)
        db.session.add(row)
    row.my_tasks, row.plan_tasks = choices.my_tasks, choices.plan_tasks
    row.watch, row.by_email = choices.watch, choices.by_email
    if forget_chat:
        row.chat_destination = None
    elif chat:
        row.chat_destination = _fernet().encrypt(chat.encode()).decode()
    db.session.commit()
