"""The Websites tab, and an application's new admin password and removal."""

from __future__ import annotations

from functools import partial

from flask import render_template
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response
from wtforms import SubmitField

from app.access import Action, requires
from app.actions import change, respond
from app.approvals.ask import asking_form, must_ask, respond_or_ask
from app.forms import PanelForm
from app.services import modules
from app.websites import actions, bp, loaders


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
@requires(Action.OPERATE)  # staff who may operate ask an administrator (Approvals)
def remove(service_name: str, install_id: int) -> str | Response:
    page = loaders.module_page(service_name, install_id)
    module = page["module"]
    asking = must_ask(service_name)
    form = (asking_form(RemoveApplicationForm) if asking else RemoveApplicationForm)()

    def values() -> dict[str, object]:
        return {"install_id": install_id, "path": module.path}

    asked = ("module.remove", service_name, module.path, values)
    action = partial(actions.remove, service_name, module)
    return respond_or_ask(form, action, "websites/remove.html", page, asked)
