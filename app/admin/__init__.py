"""Administration: users and their access, the audit log and the panel's OVH connection."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from app.admin import history, routes  # noqa: E402,F401
