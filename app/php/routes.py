"""The PHP tab: the configuration in use and what the plan can run; change (with a review of what
changes) and go back to an earlier configuration."""

from __future__ import annotations

from flask import render_template
from werkzeug.wrappers import Response

from app.access import Action, requires
from app.actions import follow, respond
from app.php import actions, bp, loaders
from app.php.forms import ChangePhpForm, RollbackPhpForm
from app.php.words import NOTHING_CHANGES, describe_config


@bp.get("/")
@requires(Action.VIEW)
def index(service_name: str) -> str:
    return render_template("php/index.html", **loaders.index_page(service_name))


@bp.route("/<int:config_id>/change", methods=["GET", "POST"])
@requires(Action.OPERATE)
def change(service_name: str, config_id: int) -> Response | str:
    page = loaders.config_page(service_name, config_id)
    form = ChangePhpForm(page["config"], page["versions"])
    page["form"] = form
    if not form.validate_on_submit():
        return render_template("php/change.html", **page)
    changes = form.changes()
    if not changes:
        form.form_errors.append(str(NOTHING_CHANGES))
        return render_template("php/change.html", **page)
    if not form.confirm.data:
        return render_template("php/confirm.html", changes=changes, **page)
    config = page["config"]
    started = form.send(lambda: actions.change_configuration(service_name, config, changes))
    return follow(started) if started else render_template("php/change.html", **page)


@bp.route("/<int:config_id>/rollback", methods=["GET", "POST"])
@requires(Action.OPERATE)
def rollback(service_name: str, config_id: int) -> Response | str:
    page = loaders.config_page(service_name, config_id)
    form = RollbackPhpForm(page["earlier"], describe_config)
    config = page["config"]
    return respond(
        form,
        lambda: actions.rollback(service_name, config, form.chosen),
        "php/rollback.html",
        page,
        allowed=bool(page["earlier"]),
    )
