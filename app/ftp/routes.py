"""The Access tab: the logins, each one's connection details, create, password, SSH, switch off,
delete."""

from __future__ import annotations

from functools import partial

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from app.access import Action, requires
from app.actions import respond
from app.ftp import actions, bp, loaders
from app.ftp.forms import (
    AccessSshForm,
    ChangeAccessPasswordForm,
    DeleteAccessForm,
    SwitchAccessForm,
)
from app.services.ftp_users import UserChanges


@bp.get("/")
@requires(Action.VIEW)
def index(service_name: str) -> str:
    return render_template("ftp/index.html", **loaders.index_page(service_name))


@bp.route("/new", methods=["GET", "POST"])
@requires(Action.OPERATE)
def create(service_name: str) -> Response | str:
    """Once OVH accepts, the new login's connection details, with its creation followed there."""
    page, form = loaders.create_page(service_name)
    started = form.attempt(lambda: actions.create(service_name, form.new_user()))
    if started:
        return redirect(
            url_for(
                "ftp.show", service_name=service_name, login=form.full_login, task=started.task_id
            )
        )
    return render_template("ftp/create.html", form=form, **page)


@bp.get("/<login>/")
@requires(Action.VIEW)
def show(service_name: str, login: str) -> str:
    task_id = request.args.get("task", type=int)
    return render_template("ftp/show.html", **loaders.show_page(service_name, login, task_id))


@bp.get("/<login>/status")
@requires(Action.VIEW)
def status(service_name: str, login: str) -> str:
    """The status badge of one list row, for the page's script to swap in while OVH works."""
    return render_template("ftp/_status.html", **loaders.status_of(service_name, login))


@bp.route("/<login>/password", methods=["GET", "POST"])
@requires(Action.OPERATE)
def change_password(service_name: str, login: str) -> Response | str:
    form = ChangeAccessPasswordForm()
    change = partial(actions.change_password, service_name, login)
    page = partial(loaders.user_page, service_name, login)
    return respond(form, lambda: change(form.password.data or ""), "ftp/password.html", page)


@bp.route("/<login>/ssh", methods=["GET", "POST"])
@requires(Action.OPERATE)
def ssh(service_name: str, login: str) -> Response | str:
    page = loaders.user_page(service_name, login)
    form = AccessSshForm(page["user"].ssh_state)
    update = partial(actions.update, service_name, login)
    return respond(form, lambda: update(form.changes()), "ftp/ssh.html", page)


@bp.route("/<login>/switch", methods=["GET", "POST"])
@requires(Action.DESTROY)
def switch(service_name: str, login: str) -> Response | str:
    """Switch a login off (it can no longer connect, its files and history stay) or back on."""
    page = loaders.user_page(service_name, login)
    user = page["user"]
    wanted = UserChanges(state="off" if user.enabled else "rw")
    update = partial(actions.update, service_name, login, wanted)
    return respond(SwitchAccessForm(), update, "ftp/switch.html", page, allowed=not user.primary)


@bp.route("/<login>/delete", methods=["GET", "POST"])
@requires(Action.DESTROY)
def delete(service_name: str, login: str) -> Response | str:
    page = loaders.user_page(service_name, login)
    delete = partial(actions.delete, service_name, login)
    allowed = not page["user"].primary
    return respond(DeleteAccessForm(login), delete, "ftp/delete.html", page, allowed)
