"""Users and their access: the list, adding someone, one person's page and its buttons."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from app import loaders
from app.access import Action, requires
from app.accounts import users as accounts
from app.admin import bp
from app.admin.forms import ACCESS_SUMMARIES, ChangeRoleForm, GrantServiceForm, add_user_form
from app.auth.routes import one_time_link
from app.extensions import db
from app.models import User
from app.services.errors import PanelError


@bp.get("/users")
@requires(Action.ADMIN)
def users() -> str:
    return render_template("admin/users.html", users=accounts.all_users(), labels=_labels() or {})


@bp.route("/users/new", methods=["GET", "POST"])
@requires(Action.ADMIN)
def add_user() -> str:
    labels = _labels()
    form = add_user_form(labels or {})
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                form.email.data or "", form.role.data, form.display_name.data or "", by=current_user
            )
        except accounts.AccountError:
            form.email.errors.append(_("Someone already uses this email."))
        else:
            for service_name, level in form.chosen_access().items():
                accounts.grant(user, service_name, level, by=current_user)
            token = accounts.issue_link(user, "invite", by=current_user)
            return _link_page(user, token, labels or {})
    return render_template("admin/add_user.html", form=form, sites_unavailable=labels is None)


@bp.get("/users/<int:user_id>")
@requires(Action.ADMIN)
def user(user_id: int) -> str:
    person = _user_or_404(user_id)
    labels = _labels()
    return render_template(
        "admin/user.html",
        person=person,
        role_form=ChangeRoleForm(role=person.role),
        grant_form=_grant_form(person, labels),
        labels=labels or {},
    )


@bp.post("/users/<int:user_id>/role")
@requires(Action.ADMIN)
def change_role(user_id: int) -> Response:
    person = _user_or_404(user_id)
    form = ChangeRoleForm()
    if form.validate_on_submit():
        _change(
            lambda: accounts.set_role(person, form.role.data, by=current_user),
            refused=_("You cannot take away your own administrator role."),
            done=_("The role of %(email)s is changed.", email=person.email),
        )
    return redirect(url_for("admin.user", user_id=person.id))


@bp.post("/users/<int:user_id>/deactivate", endpoint="deactivate", defaults={"active": False})
@bp.post("/users/<int:user_id>/reactivate", endpoint="reactivate", defaults={"active": True})
@requires(Action.ADMIN)
def set_active(user_id: int, active: bool) -> Response:
    """Switch an account off (signing it out) or back on; nobody switches off their own."""
    person = _user_or_404(user_id)
    if active:
        done = _("%(email)s can sign in again.", email=person.email)
    else:
        done = _("%(email)s is switched off and signed out.", email=person.email)
    refused = _("You cannot switch off your own account.")
    _change(lambda: accounts.set_active(person, active, by=current_user), refused, done)
    return redirect(url_for("admin.user", user_id=person.id))


@bp.post("/users/<int:user_id>/unlock")
@requires(Action.ADMIN)
def unlock(user_id: int) -> Response:
    person = _user_or_404(user_id)
    accounts.unlock_sign_in(person, by=current_user)
    flash(_("%(email)s can sign in from anywhere again.", email=person.email), "success")
    return redirect(url_for("admin.user", user_id=person.id))


@bp.post("/users/<int:user_id>/delete")
@requires(Action.ADMIN)
def delete(user_id: int) -> Response:
    person = _user_or_404(user_id)
    email = person.email
    try:
        accounts.delete_user(person, by=current_user)
    except accounts.AccountError:
        flash(_("You cannot delete your own account."), "error")
        return redirect(url_for("admin.user", user_id=person.id))
    db.session.commit()
    flash(_("%(email)s is deleted. The history keeps what they did.", email=email), "success")
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/reset-link")
@requires(Action.ADMIN)
def reset_password(user_id: int) -> str:
    person = _user_or_404(user_id)
    token = accounts.issue_link(person, "reset", by=current_user)
    return _link_page(person, token, _labels() or {})


@bp.post("/users/<int:user_id>/grants")
@requires(Action.ADMIN)
def grant_service(user_id: int) -> Response:
    person = _user_or_404(user_id)
    try:
        labels = loaders.service_labels()
    except PanelError as error:  # the sites to choose from are OVH's: say it cannot be reached
        flash(error.message, "error")
        return redirect(url_for("admin.user", user_id=person.id))
    form = _grant_form(person, labels)
    if form is not None and form.validate_on_submit():
        accounts.grant(person, form.service_name.data, form.level.data, by=current_user)
        site = labels.get(form.service_name.data, form.service_name.data)
        flash(_("%(email)s now has access to %(site)s.", email=person.email, site=site), "success")
    else:
        flash(_("Choose a site and a level of access."), "error")
    return redirect(url_for("admin.user", user_id=person.id))


@bp.post("/users/<int:user_id>/grants/<service_name>/revoke")
@requires(Action.ADMIN)
def revoke_service(user_id: int, service_name: str) -> Response:
    person = _user_or_404(user_id)
    accounts.revoke(person, service_name, by=current_user)
    site = (_labels() or {}).get(service_name, service_name)
    flash(
        _("%(email)s no longer has access to %(site)s.", email=person.email, site=site), "success"
    )
    return redirect(url_for("admin.user", user_id=person.id))


def _change(change: Callable[[], object], refused: str, done: str) -> None:
    """Make an account change; what the rules refuse (an admin's own account) is said."""
    try:
        change()
    except accounts.AccountError:
        flash(refused, "error")
    else:
        flash(done, "success")


def _user_or_404(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


def _labels() -> dict[str, str] | None:
    """The account's services by technical name, with the names people know them by; ``None``
    when OVH cannot be reached (pages then show technical names)."""
    try:
        return loaders.service_labels()
    except PanelError:
        return None


def _grant_form(person: User, labels: dict[str, str] | None) -> GrantServiceForm | None:
    """The grant form, offering the account's services this person cannot see yet, or ``None``
    when OVH is unreachable (the page says the sites cannot be listed just now)."""
    if labels is None:
        return None
    granted = {grant.service_name for grant in person.grants}
    form = GrantServiceForm()
    form.service_name.choices = [
        SelectChoice(name, site_choice(name, label))
        for name, label in labels.items()
        if name not in granted
    ]
    return form


def site_choice(service_name: str, label: str) -> str:
    """``Example shop (example.cluster01.hosting.ovh.net)``: the name people know, then the one
    OVH's emails and invoices use."""
    return label if label == service_name else f"{label} ({service_name})"


def _link_page(person: User, token: str, labels: dict[str, str]) -> str:
    """The last step: the link to send, and what the person will see once they use it."""
    access = [
        (labels.get(grant.service_name, grant.service_name), ACCESS_SUMMARIES[grant.level])
        for grant in sorted(person.grants, key=lambda g: labels.get(g.service_name, "").lower())
        if grant.level in ACCESS_SUMMARIES
    ]
    return render_template(
        "admin/link.html", person=person, link=one_time_link(token), access=access
    )
