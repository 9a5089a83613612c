"""Launch a site: one flow from an address to a working, secured site, followed step by step."""

from flask import Blueprint

bp = Blueprint("launch", __name__)

from app.launch import routes  # noqa: E402,F401
