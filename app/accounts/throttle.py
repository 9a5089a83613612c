"""Throttling sign-in so that it slows an attacker without locking the real person out.

Failures are counted per email *and* client address (a ``pair``) and per email from anywhere
(the ``account``), in the database every worker shares, under keyed hashes:

- a pair gets :data:`PAIR_FREE` free failures, then waits 1 s, 2 s, 4 s… (at most
  :data:`MAX_DELAY`) before its next try is even looked at;
- the account, past :data:`ACCOUNT_FREE` failures, makes addresses it has never signed in from
  wait the same growing delays; places where the person signed in before are never slowed;
- past :data:`ACCOUNT_LOCK` failures the account is locked for new places until an administrator
  unlocks it or the person uses a one-time link (the Users page lists locked accounts).

Rows of failures expire after :data:`RETENTION` without a new failure, so unknown emails leave
nothing behind for long; a known place is forgotten :data:`KNOWN_RETENTION` after its last
successful sign-in. Unknown emails and known ones are answered alike.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, or_
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import SignInThrottle, User, utcnow

PAIR_FREE = 5
ACCOUNT_FREE = 20
ACCOUNT_LOCK = 100
MAX_DELAY = timedelta(minutes=15)
RETENTION = timedelta(hours=24)
KNOWN_RETENTION = timedelta(days=90)


@dataclass(frozen=True)
class Verdict:
    """Before the password is checked: wait this long, or the account is locked here, or go."""

    wait_seconds: int = 0
    locked: bool = False

    @property
    def go(self) -> bool:
        return not self.wait_seconds and not self.locked


def before_attempt(email: str, address: str, user: User | None) -> Verdict:
    now = utcnow()
    pair = db.session.get(SignInThrottle, _key("pair", email, address))
    if pair is not None and pair.blocked_until and pair.blocked_until > now:
        return Verdict(wait_seconds=_seconds(pair.blocked_until - now))
    if pair is not None and pair.known:
        return Verdict()
    account = db.session.get(SignInThrottle, _key("account", email))
    locked = (
        user.sign_in_locked_at is not None
        if user is not None
        else account is not None and account.failures >= ACCOUNT_LOCK
    )
    if locked:
        return Verdict(locked=True)
    if account is not None and account.blocked_until and account.blocked_until > now:
        return Verdict(wait_seconds=_seconds(account.blocked_until - now))
    return Verdict()


def record_failure(email: str, address: str, user: User | None) -> bool:
    """Count a failure; ``True`` when it has just locked ``user``'s account."""
    now = utcnow()
    _forget_old(now)
    pair = _row(_key("pair", email, address))
    account = _row(_key("account", email))
    for row, free in ((pair, PAIR_FREE), (account, ACCOUNT_FREE)):
        row.failures += 1
        row.last_failure_at = now
        if row.failures > free:
            row.blocked_until = now + _delay(row.failures - free)
    newly_locked = (
        user is not None and user.sign_in_locked_at is None and account.failures >= ACCOUNT_LOCK
    )
    if newly_locked and user is not None:
        user.sign_in_locked_at = now
    _commit()
    return newly_locked


def record_success(email: str, address: str) -> None:
    pair = _row(_key("pair", email, address))
    pair.failures = 0
    pair.blocked_until = None
    pair.known = True
    pair.last_success_at = utcnow()
    _commit()


def unlock(user: User) -> None:
    """Clear the lock and the account's delays (an administrator, or a one-time link)."""
    user.sign_in_locked_at = None
    db.session.execute(
        delete(SignInThrottle).where(SignInThrottle.key == _key("account", user.email))
    )


def _row(key: str) -> SignInThrottle:
    row = db.session.get(SignInThrottle, key)
    if row is None:
        row = SignInThrottle(key=key, failures=0, known=False)
        db.session.add(row)
        try:
            db.session.flush()
        except IntegrityError:  # another worker created it at the same moment
            db.session.rollback()
            row = db.session.get_one(SignInThrottle, key)
    return row


def _commit() -> None:
    db.session.commit()


def _forget_old(now: datetime) -> None:
    db.session.execute(
        delete(SignInThrottle).where(
            or_(
                and_(
                    SignInThrottle.known.is_(False),
                    SignInThrottle.last_failure_at < now - RETENTION,
                ),
                and_(
                    SignInThrottle.known.is_(True),
                    SignInThrottle.last_success_at < now - KNOWN_RETENTION,
                ),
            )
        )
    )


def _delay(over: int) -> timedelta:
    return min(timedelta(seconds=2 ** min(over - 1, 20)), MAX_DELAY)


def _seconds(left: timedelta) -> int:
    return max(1, int(left.total_seconds() + 0.999))


def _key(kind: str, email: str, address: str = "") -> str:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    message = "\x1f".join((kind, email.strip().lower(), address)).encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
