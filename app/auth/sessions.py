"""Flask-Login wiring: a cookie names a user *and* one of their live sessions."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.accounts.sessions import session_of
from app.extensions import db, login_manager
from app.models import User


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The user of a session or remember-me cookie, unless that session was ended or they are
    deactivated."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or session_of(user.id, token) is None:
        return None
    user.current_token = token
    return user


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = _l("Please sign in to open this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    app.config.setdefault("REMEMBER_COOKIE_DURATION", 60 * 60 * 24 * 30)
    app.config.setdefault("SIGN_IN_LIMIT", "10 per minute; 100 per hour")
