"""Users and their access: the list, adding someone, one person's page and its buttons."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from app.access import Action, requires
from app.accounts import users as accounts
from app.admin import bp
from app.admin.forms import ACCESS_SUMMARIES, ChangeRoleForm, GrantServiceForm, add_user_form
from app.extensions import db, ovh_api
from app.models import User
from app.services import hosting
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
        try:
            accounts.set_role(person, form.role.data, by=current_user)
        except accounts.AccountError:
            flash(_("You cannot take away your own administrator role."), "error")
        else:
            flash(_("The role of %(email)s is changed.", email=person.email), "success")
    return redirect(url_for("admin.user", user_id=person.id))


@bp.post("/users/<int:user_id>/deactivate")
@requires(Action.ADMIN)
def deactivate(user_id: int) -> Response:
    person = _user_or_404(user_id)
    try:
        accounts.set_active(person, False, by=current_user)
    except accounts.AccountError:
        flash(_("You cannot switch off your own account."), "error")
    else:
        flash(_("%(email)s is switched off and signed out.", email=person.email), "success")
    return redirect(url_for("admin.user", user_id=person.id))


@bp.post("/users/<int:user_id>/reactivate")
@requires(Action.ADMIN)
def reactivate(user_id: int) -> Response:
    person = _user_or_404(user_id)
    accounts.set_active(person, True, by=current_user)
    flash(_("%(email)s can sign in again.", email=person.email), "success")
    return redirect(url_for("admin.user", user_id=person.id))


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
    labels = _labels()
    form = _grant_form(person, labels)
    if form is not None and form.validate_on_submit():
        accounts.grant(person, form.service_name.data, form.level.data, by=current_user)
        site = (labels or {}).get(form.service_name.data, form.service_name.data)
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


def _user_or_404(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


def _labels() -> dict[str, str] | None:
    """The account's services by technical name, with the names people know them by; ``None``
    when OVH cannot be reached (pages then show technical names)."""
    try:
        return hosting.service_labels(ovh_api.gateway)
    except PanelError:
        return None


def _grant_form(person: User, labels: dict[str, str] | None) -> GrantServiceForm | None:
    """The grant form, offering the account's services this person cannot see yet, or ``None``
    when OVH is unreachable."""
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
    link = url_for("auth.set_password_with_link", token=token, _external=True)
    access = [
        (labels.get(grant.service_name, grant.service_name), ACCESS_SUMMARIES[grant.level])
        for grant in sorted(person.grants, key=lambda g: labels.get(g.service_name, "").lower())
        if grant.level in ACCESS_SUMMARIES
    ]
    return render_template("admin/link.html", person=person, link=link, access=access)
