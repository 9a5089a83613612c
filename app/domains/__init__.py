"""Attached domains (multisite): list, attach, modify, detach."""

from flask import Blueprint

bp = Blueprint("domains", __name__)

from app.domains import routes  # noqa: E402,F401
