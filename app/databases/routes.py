"""The Databases tab: the list, each database's page and status badge, create, password, delete."""

from __future__ import annotations

from functools import partial

from flask import abort, jsonify, render_template, request
from werkzeug.wrappers import Response

from app.access import Action, requires
from app.actions import respond
from app.approvals.ask import asking_form, must_ask, respond_or_ask
from app.charts import choice
from app.databases import actions, backup_loaders, bp, loaders
from app.databases.filters import FilterDatabasesForm
from app.databases.forms import (
    ChangeDatabasePasswordForm,
    DeleteDatabaseForm,
)
from app.services import statistics
from app.services.databases import CREATION_ENGINES
from app.trends import pages as trends


@bp.get("/")
@requires(Action.VIEW)
def index(service_name: str) -> str:
    page = loaders.index_page(service_name, FilterDatabasesForm(request.args))
    return render_template("databases/index.html", **page)


@bp.get("/<name>/")
@requires(Action.VIEW)
def show(service_name: str, name: str) -> str:
    period = choice(request.args.get("period"), statistics.PERIODS, "weekly")
    kind = choice(request.args.get("type"), statistics.DATABASE_TYPES, "statement")
    days = int(choice(request.args.get("days"), trends.PERIODS, trends.DEFAULT_PERIOD))
    page = loaders.show_page(service_name, name, period, kind, days)
    return render_template("databases/show.html", **page)


@bp.get("/<name>/status")
@requires(Action.VIEW)
def status(service_name: str, name: str) -> str:
    """The status badge of one list row, for the page's script to swap in while OVH works."""
    return render_template("databases/_status.html", **loaders.status_of(service_name, name))


@bp.route("/new", methods=["GET", "POST"])
@requires(Action.OPERATE)
def create(service_name: str) -> Response | str:
    page, form = loaders.create_page(service_name)
    create = partial(actions.create, service_name)
    allowed = bool(form.offers) and not form.refresh.data
    return respond(
        form, lambda: create(form.new_database()), "databases/create.html", page, allowed
    )


@bp.get("/versions")
@requires(Action.OPERATE)
def versions(service_name: str) -> Response:
    """The versions of one engine, for the create form's script: ``{"default", "versions"}``."""
    engine = request.args.get("type", "")
    if engine not in CREATION_ENGINES:
        abort(404)
    found = loaders.versions_of(service_name, engine)
    return jsonify(default=found.default, versions=list(found.versions))


@bp.route("/<name>/password", methods=["GET", "POST"])
@requires(Action.OPERATE)
def change_password(service_name: str, name: str) -> Response | str:
    form = ChangeDatabasePasswordForm()
    change = partial(actions.change_password, service_name, name)
    page = partial(loaders.database_page, service_name, name)
    return respond(form, lambda: change(form.password.data or ""), "databases/password.html", page)


@bp.route("/<name>/delete", methods=["GET", "POST"])
@requires(Action.OPERATE)  # staff who may operate ask an administrator (Approvals)
def delete(service_name: str, name: str) -> Response | str:
    delete = partial(actions.delete, service_name, name)
    page = partial(backup_loaders.backups_page, service_name, name)
    form_class = asking_form(DeleteDatabaseForm) if must_ask(service_name) else DeleteDatabaseForm
    form = form_class(name)

    def values() -> dict[str, object]:
        return {"name": name, "back_up_first": bool(form.back_up_first.data)}

    asked = ("database.delete", service_name, name, values)
    return respond_or_ask(
        form, lambda: delete(bool(form.back_up_first.data)), "databases/delete.html", page, asked
    )
