"""Pages about hosting services."""

from __future__ import annotations

from flask import render_template

from app.extensions import ovh_api
from app.hosting import bp
from app.services import hosting


@bp.get("/")
def index() -> str:
    services = hosting.list_services(ovh_api.gateway)
    return render_template("hosting/index.html", services=services)
