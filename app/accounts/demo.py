"""The two demo accounts: seeded only when the panel runs on the built-in sandbox, and deleted
whenever it starts anywhere else, so a demo password never opens a real OVH account."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import or_, select

from app.accounts.passwords import check_password
from app.accounts.users import create_user, delete_user, grant
from app.audit import record_event
from app.extensions import db
from app.models import User


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: str
    grants: tuple[tuple[str, str], ...] = ()


DEMO_ACCOUNTS = (
    DemoAccount("admin@example.com", "demo-admin-pass", "admin"),
    DemoAccount(
        "staff@example.com",
        "demo-staff-pass",
        "staff",
        grants=(
            ("example.cluster01.hosting.ovh.net", "operate"),
            ("example2.cluster02.hosting.ovh.net", "view"),
        ),
    ),
)


def seed_demo_accounts() -> None:
    """Create the demo accounts (the caller checks that the panel is on the sandbox)."""
    admin = None
    for account in DEMO_ACCOUNTS:
        user = create_user(account.email, account.role, password=account.password, by=admin)
        user.demo = True
        admin = admin or user
        for service_name, level in account.grants:
            grant(user, service_name, level, by=admin)
    db.session.commit()


DEMO_PASSWORDS = frozenset(account.password for account in DEMO_ACCOUNTS)


class DemoAccountLeft(RuntimeError):
    """A user with a demo password is still in the database of a panel off the sandbox."""


def retire_demo_accounts() -> list[str]:
    """Off the sandbox: delete every demo account, clear any demo password left on another
    account of a demo email (its owner gets a new one-time link from an administrator), both
    audited; then refuse to go on if a demo password still opens an account. Returns the emails
    changed. Does nothing before the first migration (``flask db upgrade`` builds the app too)."""
    inspector = sa.inspect(db.engine)
    if not inspector.has_table("users") or "demo" not in {
        column["name"] for column in inspector.get_columns("users")
    }:
        return []
    emails = [account.email for account in DEMO_ACCOUNTS]
    changed = []
    for user in _suspects(emails):
        if user.demo:
            changed.append(user.email)
            delete_user(user, by=None, reason="demo account on a panel off the sandbox")
        elif _has_demo_password(user):
            changed.append(user.email)
            user.password_hash = None
            user.rotate_session_token()
            record_event("user.demo_password_cleared", target=user.email)
    db.session.commit()
    still = [user.email for user in _suspects(emails) if user.demo or _has_demo_password(user)]
    if still:
        raise DemoAccountLeft(
            "The panel refuses to start: these users still sign in with a demo password: "
            + ", ".join(still)
        )
    return changed


def _suspects(emails: list[str]) -> list[User]:
    # Only demo emails are checked (each check costs a password hash); no one can choose a demo
    # password for any other account (see password_problem).
    return list(
        db.session.execute(
            select(User).where(or_(User.demo.is_(True), User.email.in_(emails)))
        ).scalars()
    )


def _has_demo_password(user: User) -> bool:
    return bool(user.password_hash) and any(
        check_password(user.password_hash, word) for word in sorted(DEMO_PASSWORDS)
    )
