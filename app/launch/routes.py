"""Launch a site: the form, the summary of the steps before anything is sent, then one page that
follows every step live (2-second updates, a refresh link without JavaScript), with retry and
undo when a step fails."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.access import Action, requires
from app.forms import PanelForm
from app.launch import actions, bp, keeping, loaders
from app.launch.forms import LaunchForm, RetryForm
from app.launch.plans import database_offer
from app.models import LaunchPlan


@bp.route("/", methods=["GET", "POST"])
@requires(Action.OPERATE)
def new(service_name: str) -> str | Response:
    page = loaders.form_page(service_name)
    form = LaunchForm()
    form.offer_choices(page["attached"])
    form.offer_catalogue(page["catalogue"], str(get_locale() or "en")[:2])
    form.offer_databases(database_offer(page["offers"]) is not None, page["empty_databases"])
    if not form.is_submitted():  # the application most sites start with, when OVH offers it
        form.module.data = next(
            (str(m.id) for m in page["catalogue"] if m.name == "wordpress"), form.module.data
        )
    if form.validate_on_submit():
        plan = actions.prepare(page["service"], form, page["offers"], page["existing"])
        return redirect(url_for("launch.show", service_name=service_name, plan_id=plan.id))
    return render_template("launch/new.html", form=form, **page)


@bp.get("/<int:plan_id>")
@requires(Action.VIEW)
def show(service_name: str, plan_id: int) -> str | Response:
    plan = loaders.plan_of(service_name, plan_id)
    if plan.state == "draft":
        if loaders.draft_expired(plan):
            actions.discard(plan)
            flash(_("That launch was prepared too long ago and never started: prepare it again."))
            return redirect(url_for("launch.new", service_name=service_name))
        return render_template(
            "launch/summary.html", form=PanelForm(), **loaders.summary_page(service_name, plan)
        )
    # Before the page moves the plan on: the install may send (and forget) the password.
    reveal = keeping.reveal_once(plan, current_user.id)
    page = loaders.progress_page(service_name, plan_id)
    service = loaders.with_service(service_name)[0]
    return render_template("launch/progress.html", service=service, reveal=reveal, **page)


@bp.get("/<int:plan_id>/progress")
@requires(Action.VIEW)
def progress(service_name: str, plan_id: int) -> str:
    """The steps block alone, for the page's script (and each call moves the plan on)."""
    return render_template("launch/_steps.html", **loaders.progress_page(service_name, plan_id))


def _act(service_name: str, plan_id: int, change: Callable[[LaunchPlan], None]) -> Response:
    plan = loaders.plan_of(service_name, plan_id)
    if PanelForm().validate_on_submit():
        change(plan)
    if change is actions.discard:
        return redirect(url_for("launch.new", service_name=service_name))
    return redirect(url_for("launch.show", service_name=service_name, plan_id=plan_id))


@bp.post("/<int:plan_id>/start")
@requires(Action.OPERATE)
def start(service_name: str, plan_id: int) -> Response:
    return _act(service_name, plan_id, actions.start)


@bp.route("/<int:plan_id>/retry", methods=["GET", "POST"])
@requires(Action.OPERATE)
def retry(service_name: str, plan_id: int) -> str | Response:
    """Try the failed step again; when the admin password it needs was erased, a small form asks
    for it again first."""
    plan = loaders.plan_of(service_name, plan_id)
    if plan.state != "failed" or keeping.ADMIN not in keeping.missing(plan):
        if request.method == "GET":
            return redirect(url_for("launch.show", service_name=service_name, plan_id=plan_id))
        return _act(service_name, plan_id, actions.retry)
    form = RetryForm()
    if form.validate_on_submit():
        actions.retry(plan, form.admin_password.data)
        return redirect(url_for("launch.show", service_name=service_name, plan_id=plan_id))
    service = loaders.with_service(service_name)[0]
    return render_template(
        "launch/retry.html", service=service, plan=plan, form=form, **loaders.kept_for()
    )


@bp.post("/<int:plan_id>/undo")
@requires(Action.OPERATE)
def undo(service_name: str, plan_id: int) -> Response:
    """Removes only what this launch created; staff who may launch may take it back."""
    return _act(service_name, plan_id, actions.undo)


@bp.post("/<int:plan_id>/discard")
@requires(Action.OPERATE)
def discard(service_name: str, plan_id: int) -> Response:
    return _act(service_name, plan_id, actions.discard)
