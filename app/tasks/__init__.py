"""Tasks: following each operation OVH runs for the panel until it ends."""

from flask import Blueprint

bp = Blueprint("tasks", __name__)

from app.tasks import following, routes  # noqa: E402,F401
