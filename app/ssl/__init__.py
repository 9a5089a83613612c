"""The SSL tab: the certificate, ordering Let's Encrypt, importing, regenerating, deleting."""

from flask import Blueprint

bp = Blueprint("ssl", __name__)

from app.ssl import routes  # noqa: E402,F401
