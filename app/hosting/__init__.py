"""Hosting services: the list of plans and, per plan, its pages."""

from flask import Blueprint

bp = Blueprint("hosting", __name__)

from app.hosting import routes  # noqa: E402,F401
