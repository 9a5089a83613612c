"""The two demo accounts, seeded only when the panel runs on the built-in sandbox."""

from __future__ import annotations

from dataclasses import dataclass

from app.accounts.users import create_user, grant
from app.extensions import db


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
        admin = admin or user
        for service_name, level in account.grants:
            grant(user, service_name, level, by=admin)
    db.session.commit()
