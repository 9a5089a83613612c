"""Signed-in sessions: one row per browser, so signing out ends that browser's cookies wherever
they were copied, and a person can see their sessions and end them all."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, select

from app.extensions import db
from app.models import User, UserSession, utcnow

# last_seen_at is written at most this often, not on every click.
TOUCH_EVERY = timedelta(minutes=5)


def start_session(user: User, remember: bool, user_agent: str, address: str) -> str:
    """A new session for ``user``; returns its token and makes it ``user.current_token``."""
    token = secrets.token_urlsafe(32)
    user.sessions.append(
        UserSession(
            token_hash=_hash(token),
            remember=remember,
            user_agent=user_agent[:200],
            address=address[:45],
        )
    )
    db.session.commit()
    user.current_token = token
    return token


def session_of(user_id: int, token: str) -> UserSession | None:
    """The live session for these cookie values, touched at most every :data:`TOUCH_EVERY`."""
    row = db.session.execute(
        select(UserSession).where(
            UserSession.user_id == user_id, UserSession.token_hash == _hash(token)
        )
    ).scalar_one_or_none()
    if row is not None and utcnow() - row.last_seen_at > TOUCH_EVERY:
        row.last_seen_at = utcnow()
        db.session.commit()
    return row


def end_session(user: User, token: str | None) -> None:
    if token:
        db.session.execute(
            delete(UserSession).where(
                UserSession.user_id == user.id, UserSession.token_hash == _hash(token)
            )
        )
        db.session.commit()


def end_other_session(user: User, session_id: int) -> bool:
    """End one of ``user``'s sessions by its id; ``False`` when it is not theirs."""
    result = db.session.execute(
        delete(UserSession).where(UserSession.user_id == user.id, UserSession.id == session_id)
    )
    db.session.commit()
    return bool(getattr(result, "rowcount", 0))


def end_every_session(user: User) -> None:
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    db.session.commit()
    db.session.expire(user, ["sessions"])


def sessions_of(user: User) -> list[UserSession]:
    return list(
        db.session.execute(
            select(UserSession)
            .where(UserSession.user_id == user.id)
            .order_by(UserSession.last_seen_at.desc())
        ).scalars()
    )


def is_current(row: UserSession, user: User) -> bool:
    return bool(user.current_token) and row.token_hash == _hash(user.current_token or "")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
