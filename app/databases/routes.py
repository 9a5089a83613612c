"""The Databases tab, each database's page, its status badge for the list, password and delete."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.access import Action, requires
from app.audit import audited
from app.databases import bp
from app.databases.forms import (
    PASSWORD_POLICY,
    ChangeDatabasePasswordForm,
    DeleteDatabaseForm,
    FilterDatabasesForm,
)
from app.extensions import ovh_api
from app.services import databases, hosting, tasks
from app.services.databases import DatabaseFilters
from app.services.errors import Conflict, InvalidInput


@bp.get("/")
@requires(Action.VIEW)
def index(service_name: str) -> str:
    form = FilterDatabasesForm(request.args)
    filters = form.filters()
    gateway = ovh_api.gateway
    service, found = gateway.gather(
        lambda: hosting.get_service(gateway, service_name),
        lambda: databases.list_databases(gateway, service_name, filters),
    )
    return render_template(
        "databases/index.html",
        service=service,
        databases=found,
        form=form,
        filters=filters,
        clear_links=_clear_links(service_name, filters),
    )


def _clear_links(service_name: str, filters: DatabaseFilters) -> list[tuple[str, str, str]]:
    """For each filter in use: its name, its value, and the list's address without it."""
    query = filters.to_query()
    links = []
    for key, value in query.items():
        rest = {other: v for other, v in query.items() if other != key}
        target = url_for("databases.index", service_name=service_name)
        links.append((key, value, target + ("?" + urlencode(rest) if rest else "")))
    return links


@bp.get("/<name>/")
@requires(Action.VIEW)
def show(service_name: str, name: str) -> str:
    gateway = ovh_api.gateway
    service, database, capabilities = gateway.gather(
        lambda: hosting.get_service(gateway, service_name),
        lambda: databases.get_database(gateway, service_name, name, fresh=True),
        lambda: databases.get_capabilities(gateway, service_name, name),
    )
    task = tasks.get_task(gateway, service_name, database.task_id) if database.task_id else None
    return render_template(
        "databases/show.html",
        service=service,
        database=database,
        capabilities=capabilities,
        task=task,
    )


@bp.get("/<name>/status")
@requires(Action.VIEW)
def status(service_name: str, name: str) -> str:
    """The status badge of one list row, for the page's script to swap in while OVH works."""
    database = databases.find_database(ovh_api.gateway, service_name, name)
    return render_template(
        "databases/_status.html", service_name=service_name, name=name, database=database
    )


@bp.route("/<name>/password", methods=["GET", "POST"])
@requires(Action.OPERATE)
def change_password(service_name: str, name: str) -> Response | str:
    gateway = ovh_api.gateway
    form = ChangeDatabasePasswordForm()
    if form.validate_on_submit():
        try:
            with audited(
                "database.change_password", service_name=service_name, target=name
            ) as entry:
                task = databases.change_password(
                    gateway, service_name, name, form.password.data or ""
                )
                entry.accepted(task_id=task.id)
            return redirect(url_for("tasks.show", service_name=service_name, task_id=task.id))
        except (InvalidInput, Conflict) as error:
            _show_refusal(form, error, field=form.password)
    service, database = gateway.gather(
        lambda: hosting.get_service(gateway, service_name),
        lambda: databases.get_database(gateway, service_name, name),
    )
    return render_template(
        "databases/password.html",
        service=service,
        database=database,
        form=form,
        policy=PASSWORD_POLICY,
    )


@bp.route("/<name>/delete", methods=["GET", "POST"])
@requires(Action.DESTROY)
def delete(service_name: str, name: str) -> Response | str:
    gateway = ovh_api.gateway
    form = DeleteDatabaseForm(name)
    if form.validate_on_submit():
        try:
            with audited("database.delete", service_name=service_name, target=name) as entry:
                task = databases.delete_database(gateway, service_name, name)
                entry.accepted(task_id=task.id)
            return redirect(url_for("tasks.show", service_name=service_name, task_id=task.id))
        except (InvalidInput, Conflict) as error:
            _show_refusal(form, error)
    service, database = gateway.gather(
        lambda: hosting.get_service(gateway, service_name),
        lambda: databases.get_database(gateway, service_name, name),
    )
    return render_template("databases/delete.html", service=service, database=database, form=form)


def _show_refusal(form: Any, error: InvalidInput | Conflict, field: Any = None) -> None:
    """OVH's refusal, in plain words, beside ``field`` or at the top of the form."""
    if isinstance(error, Conflict):
        message = _(
            "OVH is already working on this database. Wait until that operation ends (see the "
            "Tasks tab), then try again."
        )
    else:
        message = _("OVH refused this: “%(detail)s”", detail=error.detail or error.message)
    if error.query_id:
        message += " " + _("(reference %(id)s)", id=error.query_id)
    if field is not None and isinstance(error, InvalidInput):
        field.errors = [*field.errors, message]
    else:
        form.form_errors.append(message)
