"""Notifications: what each person hears about (their profile's Notifications page), how (email,
a chat or webhook destination through Apprise), and the messages themselves, sent by queue jobs."""

from flask import Blueprint

bp = Blueprint("notify", __name__)

from app.notify import routes  # noqa: E402,F401
