"""Signing in by email and password, with failures throttled per account.

After :data:`MAX_FAILURES` failures within :data:`WINDOW` for one email, known or not, that email
is refused for :data:`LOCKOUT`. Failures are kept in the database (under a keyed hash of the email)
so every worker sees them, and the answer never says whether the email exists.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select

from app.accounts.passwords import check_password
from app.accounts.users import find_user, normalize_email
from app.audit import record_event
from app.extensions import db
from app.models import SignInFailure, User, utcnow

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)


class Refusal(enum.Enum):
    WRONG = "wrong"  # unknown email or wrong password: one answer for both
    LOCKED = "locked"
    INACTIVE = "inactive"  # only said to someone who typed the right password


def authenticate(email: str, password: str) -> User | Refusal:
    """The user, signed-in bookkeeping done, or why not."""
    key = _email_key(email)
    if _locked(key):
        record_event("auth.sign_in", outcome="rejected", target=email, error="locked")
        return Refusal.LOCKED
    user = find_user(email)
    password_ok = check_password(user.password_hash if user else None, password)
    if user is None or not password_ok:
        db.session.add(SignInFailure(email_hash=key))
        record_event("auth.sign_in", outcome="rejected", target=email, user=user)
        return Refusal.WRONG
    if not user.active:
        record_event("auth.sign_in", outcome="rejected", target=email, user=user, error="inactive")
        return Refusal.INACTIVE
    db.session.execute(delete(SignInFailure).where(SignInFailure.email_hash == key))
    user.last_sign_in = utcnow()
    record_event("auth.sign_in", target=user.email, user=user)
    return user


def _locked(key: str) -> bool:
    recent = list(
        db.session.execute(
            select(SignInFailure.created_at)
            .where(
                SignInFailure.email_hash == key,
                SignInFailure.created_at > utcnow() - WINDOW - LOCKOUT,
            )
            .order_by(SignInFailure.created_at.desc())
            .limit(MAX_FAILURES)
        ).scalars()
    )
    if len(recent) < MAX_FAILURES:
        return False
    newest, oldest = recent[0], recent[-1]
    return newest - oldest <= WINDOW and utcnow() - newest < LOCKOUT


def _email_key(email: str) -> str:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, normalize_email(email).encode(), hashlib.sha256).hexdigest()
