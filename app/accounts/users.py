"""The panel's own accounts: users, roles, one-time links and service grants.

Every change is recorded in the audit trail. Functions take and return models; they never touch
the request, so the views, the CLI and the demo seed share them.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, func, select

from app.accounts.passwords import hash_password
from app.audit import record_event
from app.extensions import db
from app.models import OneTimeLink, ServiceGrant, User, utcnow

ROLES = ("admin", "staff")
LEVELS = ("view", "operate")
LINK_LIFETIME = timedelta(hours=72)


class AccountError(Exception):
    """A change the panel refuses, with a message for the person who asked."""


def any_user() -> bool:
    return db.session.execute(select(User.id).limit(1)).first() is not None


def find_user(email: str) -> User | None:
    return db.session.execute(
        select(User).where(func.lower(User.email) == normalize_email(email))
    ).scalar_one_or_none()


def normalize_email(email: str) -> str:
    return email.strip().lower()


def all_users() -> list[User]:
    return list(db.session.execute(select(User).order_by(User.email)).scalars())


def create_user(
    email: str,
    role: str,
    display_name: str = "",
    password: str | None = None,
    by: User | None = None,
) -> User:
    if find_user(email) is not None:
        raise AccountError("exists")
    user = User(
        email=normalize_email(email),
        display_name=display_name.strip(),
        role=role,
        password_hash=hash_password(password) if password else None,
    )
    user.rotate_session_token()
    db.session.add(user)
    db.session.flush()
    record_event("user.create", target=user.email, parameters={"role": role}, user=by)
    return user


def set_password(user: User, password: str, by: User | None = None) -> None:
    """Set a new password and end every other session of this user."""
    user.password_hash = hash_password(password)
    user.rotate_session_token()
    record_event("user.password", target=user.email, user=by or user)


def set_role(user: User, role: str, by: User) -> None:
    if user.id == by.id and role != "admin":
        raise AccountError("self")
    user.role = role
    record_event("user.role", target=user.email, parameters={"role": role}, user=by)


def set_active(user: User, active: bool, by: User) -> None:
    if user.id == by.id and not active:
        raise AccountError("self")
    user.active = active
    if not active:
        user.rotate_session_token()
    record_event("user.activate" if active else "user.deactivate", target=user.email, user=by)


def delete_user(user: User, by: User | None, reason: str | None = None) -> None:
    """Delete ``user`` for good: their sessions, links and grants go with them; the audit trail
    keeps their email on what they did."""
    if by is not None and user.id == by.id:
        raise AccountError("self")
    parameters = {"role": user.role, **({"reason": reason} if reason else {})}
    email = user.email
    # Said outright: SQLite only follows ON DELETE CASCADE when asked to.
    db.session.execute(delete(OneTimeLink).where(OneTimeLink.user_id == user.id))
    db.session.delete(user)
    db.session.flush()
    record_event("user.delete", target=email, parameters=parameters, user=by)


def update_profile(user: User, display_name: str, locale: str | None) -> None:
    user.display_name = display_name.strip()
    user.locale = locale or None
    db.session.commit()


# One-time links ----------------------------------------------------------------------------------


def issue_link(user: User, purpose: str, by: User | None) -> str:
    """A new one-time token for ``user``, replacing unused ones. Only its hash is kept."""
    db.session.execute(
        delete(OneTimeLink).where(OneTimeLink.user_id == user.id, OneTimeLink.used_at.is_(None))
    )
    token = secrets.token_urlsafe(32)
    db.session.add(
        OneTimeLink(
            user_id=user.id,
            token_hash=_token_hash(token),
            purpose=purpose,
            expires_at=utcnow() + LINK_LIFETIME,
        )
    )
    record_event(f"user.{purpose}_link", target=user.email, user=by)
    return token


def valid_link(token: str) -> OneTimeLink | None:
    """The link for ``token`` while it is unused, unexpired and its user active."""
    link = db.session.execute(
        select(OneTimeLink).where(OneTimeLink.token_hash == _token_hash(token))
    ).scalar_one_or_none()
    if link is None or link.used_at is not None or link.expires_at <= utcnow():
        return None
    return link if link.user.active else None


def use_link(link: OneTimeLink, password: str) -> User:
    """Set the password; a one-time link also lifts a sign-in lock (it proves who they are)."""
    from app.accounts.throttle import unlock

    link.used_at = utcnow()
    if link.user.sign_in_locked_at is not None:
        unlock(link.user)
    set_password(link.user, password)
    return link.user


def unlock_sign_in(user: User, by: User) -> None:
    from app.accounts.throttle import unlock

    unlock(user)
    record_event("user.sign_in_unlock", target=user.email, user=by)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Grants ------------------------------------------------------------------------------------------


def grant(user: User, service_name: str, level: str, by: User) -> None:
    existing = next((g for g in user.grants if g.service_name == service_name), None)
    if existing is None:
        user.grants.append(ServiceGrant(service_name=service_name, level=level))
    else:
        existing.level = level
    record_event(
        "grant.set",
        service_name=service_name,
        target=user.email,
        parameters={"level": level},
        user=by,
    )


def revoke(user: User, service_name: str, by: User) -> None:
    user.grants = [g for g in user.grants if g.service_name != service_name]
    record_event("grant.revoke", service_name=service_name, target=user.email, user=by)
