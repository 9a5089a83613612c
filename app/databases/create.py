"""Creating a database from what the plan really offers, and the versions of each engine."""

from __future__ import annotations

from flask import abort, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.access import Action, requires
from app.audit import audited
from app.databases import bp
from app.databases.forms import PASSWORD_POLICY, CreateDatabaseForm
from app.extensions import ovh_api
from app.services import databases, hosting
from app.services.databases import CREATION_ENGINES, AvailableVersions
from app.services.errors import Conflict, InvalidInput

# Which field an OVH refusal is about, from the words of OVH's message.
REFUSAL_FIELDS = (
    ("password", "password"),
    ("user", "user"),
    ("version", "version"),
    ("quota", "quota"),
    ("offer", "capabilitie"),
)


@bp.route("/new", methods=["GET", "POST"])
@requires(Action.OPERATE)
def create(service_name: str) -> Response | str:
    gateway = ovh_api.gateway
    service, offers, engines, existing = gateway.gather(
        lambda: hosting.get_service(gateway, service_name),
        lambda: databases.list_creation_offers(gateway, service_name),
        lambda: databases.list_engines(gateway, service_name),
        lambda: databases.list_databases(gateway, service_name),
    )
    # A GET reads its choices from the address (``?type=postgresql``): the no-script round trip.
    formdata = {"formdata": request.args} if request.method == "GET" else {}
    form = CreateDatabaseForm(
        prefix_login=service.primary_login,
        offers=offers,
        engines=engines,
        taken_users=[database.user for database in existing],
        **formdata,
    )
    engine = form.chosen_engine
    if engine is not None:
        submitted = form.is_submitted() and not form.refresh.data
        form.offer_versions(databases.get_versions(gateway, service_name, engine), submitted)
    if not form.refresh.data and form.offers and form.validate_on_submit():
        new = form.new_database()
        parameters = {
            "capabilitie": new.offer,
            "type": new.engine,
            "version": new.version,
            "quota": new.quota_mb,
            "user": new.user,
        }
        name = databases.database_name(new.user, new.engine)
        try:
            with audited(
                "database.create", service_name=service_name, target=name, parameters=parameters
            ) as entry:
                task = databases.create_database(gateway, service_name, new)
                entry.accepted(task_id=task.id)
            return redirect(url_for("tasks.show", service_name=service_name, task_id=task.id))
        except (InvalidInput, Conflict) as error:
            _place_refusal(form, error)
    return render_template(
        "databases/create.html",
        service=service,
        form=form,
        all_offers=offers,
        policy=PASSWORD_POLICY,
    )


def _place_refusal(form: CreateDatabaseForm, error: InvalidInput | Conflict) -> None:
    """OVH's refusal beside the field it is about, else at the top of the form."""
    reference = " " + _("(reference %(id)s)", id=error.query_id) if error.query_id else ""
    if isinstance(error, Conflict):
        form.user.errors = [
            *form.user.errors,
            _("OVH says a database with this user name already exists. Choose another name.")
            + reference,
        ]
        return
    detail = error.detail or str(error.message)
    message = _("OVH refused this: “%(detail)s”", detail=detail) + reference
    lowered = detail.lower()
    for word, field_name in REFUSAL_FIELDS:
        if word in lowered:
            field = form[field_name]
            field.errors = [*field.errors, message]
            return
    form.form_errors.append(message)


@bp.get("/versions")
@requires(Action.OPERATE)
def versions(service_name: str) -> Response:
    """The versions of one engine, for the create form's script: ``{"default", "versions"}``."""
    engine = request.args.get("type", "")
    if engine not in CREATION_ENGINES:
        abort(404)
    found: AvailableVersions = databases.get_versions(ovh_api.gateway, service_name, engine)
    return jsonify(default=found.default, versions=list(found.versions))
