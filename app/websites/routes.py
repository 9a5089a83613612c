"""The Websites tab, and an application's new admin password and removal."""

from __future__ import annotations

from functools import partial

from flask import render_template
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response
from wtforms import SubmitField

from app.access import Action, requires
from app.actions import change, respond
from app.forms import PanelForm
from app.services import modules
from app.websites import bp, loaders


class NewAdminPasswordForm(PanelForm):
    submit = SubmitField(_l("Send me a new password"))


class RemoveApplicationForm(PanelForm):
    submit = SubmitField(_l("Remove the application"))


@bp.get("/")
@requires(Action.VIEW)
def index(service_name: str) -> str:
    return render_template("websites/index.html", **loaders.index_page(service_name))


@bp.route("/application/<int:install_id>/password", methods=["GET", "POST"])
@requires(Action.OPERATE)
def password(service_name: str, install_id: int) -> str | Response:
    page = loaders.module_page(service_name, install_id)
    send = partial(modules.new_admin_password, install_id=install_id)
    action = partial(change, "websites.index", "module.password", str(install_id), send,
                     service_name)  # fmt: skip
    return respond(NewAdminPasswordForm(), action, "websites/password.html", page)


@bp.route("/application/<int:install_id>/remove", methods=["GET", "POST"])
@requires(Action.DESTROY)
def remove(service_name: str, install_id: int) -> str | Response:
    page = loaders.module_page(service_name, install_id)
    send = partial(modules.remove_module, install_id=install_id)
    parameters = {"path": page["module"].path, "database": page["module"].database}
    action = partial(change, "websites.index", "module.remove", str(install_id), send,
                     service_name, parameters=parameters)  # fmt: skip
    return respond(RemoveApplicationForm(), action, "websites/remove.html", page)
