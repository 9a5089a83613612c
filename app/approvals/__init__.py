"""Approvals: staff who may operate a plan ask for what only administrators may do, with the same
form; administrators approve (the values are checked again against OVH, then it runs and is
followed as a task) or decline with a reason; requests expire after 7 days."""

from flask import Blueprint

bp = Blueprint("approvals", __name__)

from app.approvals import routes  # noqa: E402,F401
