"""Pages about hosting services."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from app import loaders
from app.access import Action, requires, visible_services
from app.admin.history import history_page
from app.charts import choice
from app.hosting import bp
from app.services import statistics
from app.trends import pages as trends
from app.watch.words import needs_attention


@bp.get("/")
@requires(Action.SIGNED_IN)
def index() -> str:
    services = visible_services(current_user, loaders.all_services())
    labels = {service.service_name: service.name for service in services}
    attention = needs_attention(current_user, labels)
    return render_template("hosting/index.html", services=services, attention=attention)


@bp.get("/history")
@requires(Action.SIGNED_IN)
def history() -> str:
    """What was done on the sites this person may see, and by whom (administrators get the full
    history under Users' neighbour, History)."""
    return history_page("hosting.history", staff=not current_user.is_admin)


@bp.get("/<service_name>/")
@requires(Action.VIEW)
def show(service_name: str) -> str:
    period = choice(request.args.get("period"), statistics.PERIODS, "weekly")
    kind = choice(request.args.get("type"), statistics.HOSTING_TYPES, "in.httpHits")
    days = int(choice(request.args.get("days"), trends.PERIODS, trends.DEFAULT_PERIOD))
    page = loaders.overview_page(service_name, period, kind, days)
    return render_template("hosting/show.html", **page)
