"""Signing in by email and password, throttled by :mod:`app.accounts.throttle`.

The answer never says whether the email exists. Failed sign-ins of known users are in the audit
trail one by one; those of unknown emails are added up, one entry per typed email and day
(the email kept only when it is a syntactically valid address), and deleted after
:data:`UNKNOWN_RETENTION`, so guessing cannot grow the audit table without bound.
"""

from __future__ import annotations

import enum
from datetime import datetime, time, timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, select

from app.accounts import throttle
from app.accounts.passwords import check_password
from app.accounts.users import find_user
from app.audit import record_event
from app.extensions import db
from app.models import AuditEntry, User, utcnow

UNKNOWN_RETENTION = timedelta(days=30)
NOT_AN_EMAIL = "[not an email]"


class Refusal(enum.Enum):
    WRONG = "wrong"  # unknown email or wrong password: one answer for both
    WAIT = "wait"  # too many attempts from here lately: try again in a while
    LOCKED = "locked"  # very many attempts from everywhere: only known places get in
    INACTIVE = "inactive"  # only said to someone who typed the right password


class Attempt:
    """The outcome of one sign-in: the user, or a refusal and how long to wait."""

    def __init__(self, user: User | None, refusal: Refusal | None, wait_seconds: int = 0):
        self.user = user
        self.refusal = refusal
        self.wait_seconds = wait_seconds


def authenticate(email: str, password: str, address: str) -> Attempt:
    """Check ``email`` and ``password`` typed from ``address``; bookkeeping included."""
    user = find_user(email)
    verdict = throttle.before_attempt(email, address, user)
    if not verdict.go:
        # The password is not even checked: waiting is the only way forward.
        error = "locked" if verdict.locked else "throttled"
        _record_failure(email, user, error)
        refusal = Refusal.LOCKED if verdict.locked else Refusal.WAIT
        return Attempt(None, refusal, verdict.wait_seconds)
    password_ok = check_password(user.password_hash if user else None, password)
    if user is None or not password_ok:
        if throttle.record_failure(email, address, user) and user is not None:
            record_event("user.sign_in_locked", target=user.email, outcome="accepted")
        _record_failure(email, user, None)
        return Attempt(None, Refusal.WRONG)
    if not user.active:
        record_event("auth.sign_in", outcome="rejected", target=email, user=user, error="inactive")
        return Attempt(None, Refusal.INACTIVE)
    throttle.record_success(email, address)
    user.last_sign_in = utcnow()
    record_event("auth.sign_in", target=user.email, user=user)
    return Attempt(user, None)


def _record_failure(typed: str, user: User | None, error: str | None) -> None:
    if user is not None:
        record_event("auth.sign_in", outcome="rejected", target=user.email, user=user, error=error)
        return
    target = _valid_email(typed)
    now = utcnow()
    db.session.execute(
        delete(AuditEntry).where(
            AuditEntry.action == "auth.sign_in_unknown",
            AuditEntry.created_at < now - UNKNOWN_RETENTION,
        )
    )
    today = datetime.combine(now.date(), time())
    entry = db.session.execute(
        select(AuditEntry)
        .where(
            AuditEntry.action == "auth.sign_in_unknown",
            AuditEntry.target == target,
            AuditEntry.created_at >= today,
        )
        .limit(1)
    ).scalar_one_or_none()
    if entry is None:
        record_event(
            "auth.sign_in_unknown",
            outcome="rejected",
            target=target,
            parameters={"attempts": 1},
            user=None,
            error=error,
        )
        return
    entry.parameters = {"attempts": int(entry.parameters.get("attempts", 0)) + 1}
    entry.error = error or entry.error
    db.session.commit()


def _valid_email(typed: str) -> str:
    try:
        return validate_email(typed.strip(), check_deliverability=False).normalized.lower()[:254]
    except (EmailNotValidError, ValueError):
        return NOT_AN_EMAIL
