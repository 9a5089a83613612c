"""The Jobs tab: the plan's scheduled jobs; create, change, switch off or on, delete."""

from __future__ import annotations

from functools import partial

from flask import render_template
from werkzeug.wrappers import Response

from app.access import Action, requires
from app.actions import respond
from app.cron import actions, bp, loaders
from app.cron.forms import CronChangeForm, DeleteCronForm


@bp.get("/")
@requires(Action.VIEW)
def index(service_name: str) -> str:
    return render_template("cron/index.html", **loaders.index_page(service_name))


@bp.route("/new", methods=["GET", "POST"])
@requires(Action.OPERATE)
def create(service_name: str) -> Response | str:
    page, form = loaders.create_page(service_name)
    create = partial(actions.create, service_name)
    shown = partial(loaders.with_explanation, page, form)
    allowed = not form.preview.data
    return respond(form, lambda: create(form.settings()), "cron/form.html", shown, allowed)


@bp.route("/<int:cron_id>/edit", methods=["GET", "POST"])
@requires(Action.OPERATE)
def edit(service_name: str, cron_id: int) -> Response | str:
    page, form = loaders.edit_page(service_name, cron_id)
    update = partial(actions.update, service_name, cron_id)
    shown = partial(loaders.with_explanation, page, form)
    allowed = not form.preview.data
    return respond(form, lambda: update(form.settings()), "cron/form.html", shown, allowed)


@bp.route("/<int:cron_id>/switch", methods=["GET", "POST"])
@requires(Action.OPERATE)
def switch(service_name: str, cron_id: int) -> Response | str:
    page = loaders.job_page(service_name, cron_id)
    switch = partial(actions.switch, service_name, page["job"])
    allowed = page["job"].status != "suspended"
    return respond(CronChangeForm(), switch, "cron/switch.html", page, allowed)


@bp.route("/<int:cron_id>/delete", methods=["GET", "POST"])
@requires(Action.DESTROY)
def delete(service_name: str, cron_id: int) -> Response | str:
    page = loaders.job_page(service_name, cron_id)
    delete = partial(actions.delete, service_name, page["job"])
    return respond(DeleteCronForm(), delete, "cron/delete.html", page)
