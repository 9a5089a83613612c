"""What the panel keeps: its users, their access to hosting services, and the audit trail."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo: what SQLite and PostgreSQL both store and give back alike."""
    return datetime.now(UTC).replace(tzinfo=None)


class User(UserMixin, db.Model):  # type: ignore[name-defined]
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    role: Mapped[str] = mapped_column(String(10), default="staff")
    locale: Mapped[str | None] = mapped_column(String(5), nullable=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in: Mapped[datetime | None] = mapped_column(nullable=True)
    # Set after very many failed sign-ins from anywhere: only known places (or a one-time link,
    # or an administrator's unlock) get in until it is cleared.
    sign_in_locked_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # Seeded by the demo: deleted whenever the panel starts off the sandbox.
    demo: Mapped[bool] = mapped_column(default=False)

    grants: Mapped[list[ServiceGrant]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="select"
    )
    sessions: Mapped[list[UserSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="select"
    )

    @property
    def current_token(self) -> str | None:
        """The token of the session this request runs in (never stored: only its hash is, in
        UserSession); set at sign-in and by the user loader."""
        token: str | None = self.__dict__.get("_current_token")
        return token

    @current_token.setter
    def current_token(self, token: str | None) -> None:
        self.__dict__["_current_token"] = token

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_active(self) -> bool:  # Flask-Login asks this on every request
        return self.active

    @property
    def name(self) -> str:
        return self.display_name or self.email

    def get_id(self) -> str:
        """What the session and remember-me cookies hold: the user and their session's token."""
        return f"{self.id}:{self.current_token or ''}"

    def rotate_session_token(self) -> None:
        """End every session and remember-me cookie of this user."""
        self.sessions = []

    def grant_level(self, service_name: str) -> str | None:
        return next((g.level for g in self.grants if g.service_name == service_name), None)


class ServiceGrant(db.Model):  # type: ignore[name-defined]
    __tablename__ = "service_grants"
    __table_args__ = (UniqueConstraint("user_id", "service_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    service_name: Mapped[str] = mapped_column(String(255))
    level: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="grants")


class AuditEntry(db.Model):  # type: ignore[name-defined]
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    user_email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    service_name: Mapped[str | None] = mapped_column(String(255), nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    target: Mapped[str | None] = mapped_column(String(255), nullable=True)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    outcome: Mapped[str] = mapped_column(String(16), default="submitted")
    task_id: Mapped[int | None] = mapped_column(nullable=True)
    query_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    task_status: Mapped[str | None] = mapped_column(String(32), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)


class OneTimeLink(db.Model):  # type: ignore[name-defined]
    """A link that lets one person set their password once; only its hash is kept."""

    __tablename__ = "one_time_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column(nullable=True)

    user: Mapped[User] = relationship()


class UserSession(db.Model):  # type: ignore[name-defined]
    """One signed-in browser: its cookies hold the token whose hash is kept here, so deleting
    the row ends that session and every copy of its cookies."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    remember: Mapped[bool] = mapped_column(default=False)
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(45), default="")

    user: Mapped[User] = relationship(back_populates="sessions")


class FormSubmission(db.Model):  # type: ignore[name-defined]
    """A form sent once: the same form sent again (double click, back and resubmit) is answered
    from here instead of reaching OVH a second time."""

    __tablename__ = "form_submissions"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    done: Mapped[bool] = mapped_column(default=False)
    location: Mapped[str | None] = mapped_column(String(2000), nullable=True)


class SignInThrottle(db.Model):  # type: ignore[name-defined]
    """Failed sign-ins counted under a keyed hash of an email (``account``) or of an email and a
    client address (``pair``), known or not: one row per key, however many attempts."""

    __tablename__ = "sign_in_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(nullable=True, index=True)
    blocked_until: Mapped[datetime | None] = mapped_column(nullable=True)
    # A pair that signed in successfully: the account's own pause never applies to it.
    known: Mapped[bool] = mapped_column(default=False)
    last_success_at: Mapped[datetime | None] = mapped_column(nullable=True)


class LaunchPlan(db.Model):  # type: ignore[name-defined]
    """A site being launched: what the person asked for, and where it stands. Its steps are
    :class:`LaunchStep` rows; ``app.launch.runner.advance`` moves it on."""

    __tablename__ = "launch_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_name: Mapped[str] = mapped_column(String(255), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # draft (summary shown, nothing sent), running, done, failed, undoing, undone
    state: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    domain: Mapped[str] = mapped_column(String(255))
    path: Mapped[str] = mapped_column(String(255))
    # Everything else chosen on the form (no secret): www, ssl, auto_dns, content, module…
    choices: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The passwords the steps still have to send, encrypted with a key derived from SECRET_KEY;
    # emptied as soon as the last step needing them was accepted by OVH, or the plan discarded,
    # and after LAUNCH_SECRETS_HOURS whatever the plan's state (app.launch.keeping).
    sealed: Mapped[str | None] = mapped_column(Text, nullable=True)
    # When the application's admin password was shown, once, to the person who started it.
    password_shown_at: Mapped[datetime | None] = mapped_column(nullable=True)
    audit_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("audit_entries.id", ondelete="SET NULL"), nullable=True
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    steps: Mapped[list[LaunchStep]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="LaunchStep.position"
    )


class LaunchStep(db.Model):  # type: ignore[name-defined]
    """One OVH operation of a launch: attach, database, install, HTTPS…, each an OVH task."""

    __tablename__ = "launch_steps"
    __table_args__ = (UniqueConstraint("plan_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("launch_plans.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column()
    kind: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(255))
    # waiting, starting (claimed by one runner), running, done, skipped, failed,
    # undoing, undone
    state: Mapped[str] = mapped_column(String(16), default="waiting")
    task_id: Mapped[int | None] = mapped_column(nullable=True)
    undo_task_id: Mapped[int | None] = mapped_column(nullable=True)
    # What OVH made (a module's installation id) and why a step ended as it did.
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    query_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(nullable=True)
    ended_at: Mapped[datetime | None] = mapped_column(nullable=True)

    plan: Mapped[LaunchPlan] = relationship(back_populates="steps")
