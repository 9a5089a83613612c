"""The Websites tab: each folder as a site, with its addresses, HTTPS and application."""

from flask import Blueprint

bp = Blueprint("websites", __name__)

from app.websites import routes  # noqa: E402,F401
