"""Scheduled jobs: a plan's Jobs tab (``/hosting/<sn>/cron``): list, create, change, switch off,
delete, with the schedule built from simple choices or typed and explained back in words."""

from flask import Blueprint

bp = Blueprint("cron", __name__)

from app.cron import routes  # noqa: E402,F401
