"""Signing in and out, one-time links, the first-admin page and each user's profile."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from app.auth import routes  # noqa: E402,F401
