"""Databases: a plan's Databases tab, each database's page, create, password, delete."""

from flask import Blueprint

bp = Blueprint("databases", __name__)

from app.databases import backup_routes, routes  # noqa: E402,F401
