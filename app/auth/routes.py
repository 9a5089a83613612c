"""Sign-in, sign-out, one-time links, the first-admin page and the profile page."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from app.access import Action, requires
from app.accounts import sessions as user_sessions
from app.accounts.demo import DEMO_ACCOUNTS
from app.accounts.passwords import check_password
from app.accounts.signin import Refusal, authenticate
from app.accounts.users import any_user, set_password, update_profile, use_link, valid_link
from app.auth import bp
from app.auth.forms import ChangePasswordForm, EditProfileForm, SetPasswordForm, SignInForm
from app.extensions import limiter
from app.models import User
from app.security import local_target


def sign_in_limit() -> str:
    return str(current_app.config["SIGN_IN_LIMIT"])


REFUSALS = {
    Refusal.WRONG: lambda seconds: _("The email or the password is not right. Please try again."),
    Refusal.WAIT: lambda seconds: _(
        "Too many attempts from here for this account. Please wait a moment (%(seconds)d s), "
        "then try again.",
        seconds=seconds,
    ),
    Refusal.LOCKED: lambda seconds: _(
        "After very many failed attempts, this account can only be signed in to from a computer "
        "that has signed in to it before. Elsewhere, ask one of the panel's administrators to "
        "unlock it or to give you a new password link."
    ),
    Refusal.INACTIVE: lambda seconds: _(
        "This account has been switched off. Ask one of the panel's administrators if you still "
        "need it."
    ),
}


@bp.route("/sign-in", methods=["GET", "POST"])
@requires(Action.ANYONE)
@limiter.limit(sign_in_limit, methods=["POST"])
def sign_in() -> Response | str:
    if current_user.is_authenticated:
        return redirect(url_for("index"))
    if not any_user():
        return redirect(url_for("auth.first_admin"))
    form = SignInForm()
    if form.validate_on_submit():
        attempt = authenticate(
            form.email.data or "", form.password.data or "", request.remote_addr or ""
        )
        if attempt.user is not None:
            next_path = local_target(request.args.get("next"))
            _start_session(attempt.user, remember=bool(form.remember.data))
            return redirect(next_path or url_for("index"))
        if attempt.refusal is not None:
            form.form_errors.append(REFUSALS[attempt.refusal](attempt.wait_seconds))
    demo = DEMO_ACCOUNTS if current_app.config["ON_SANDBOX"] else ()
    return render_template("auth/sign_in.html", form=form, demo_accounts=demo)


@bp.post("/sign-out")
@requires(Action.SIGNED_IN)
def sign_out() -> Response:
    user_sessions.end_session(current_user, current_user.current_token)
    _end_browser_session()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.sign_in"))


@bp.post("/sign-out-everywhere")
@requires(Action.SIGNED_IN)
def sign_out_everywhere() -> Response:
    user_sessions.end_every_session(current_user)
    _end_browser_session()
    flash(_("You are signed out everywhere."), "info")
    return redirect(url_for("auth.sign_in"))


@bp.post("/sessions/<int:session_id>/end")
@requires(Action.SIGNED_IN)
def end_session(session_id: int) -> Response:
    if not user_sessions.end_other_session(current_user, session_id):
        abort(404)
    flash(_("That session is signed out."), "success")
    return redirect(url_for("auth.profile"))


def _start_session(user: User, remember: bool) -> None:
    """A fresh browser session: nothing from before signing in (CSRF secret included) is kept."""
    session.clear()
    user_sessions.start_session(
        user, remember, request.user_agent.string, request.remote_addr or ""
    )
    login_user(user, remember=remember)


def _end_browser_session() -> None:
    logout_user()
    session.clear()


@bp.route("/set-password", methods=["GET", "POST"])
@requires(Action.ANYONE)
@limiter.limit(sign_in_limit, methods=["POST"])
def set_password_with_link() -> Response | tuple[str, int] | str:
    form = SetPasswordForm()
    if request.method == "GET":
        return render_template("auth/set_password.html", form=form)
    link = valid_link(form.token.data or "")
    if link is None:
        return render_template("auth/link_expired.html"), 404
    if form.validate_on_submit():
        use_link(link, form.password.data or "")
        _end_browser_session()
        flash(_("Your password is set. You can sign in with it now."), "success")
        return redirect(url_for("auth.sign_in"))
    return render_template("auth/set_password.html", form=form, user=link.user)


def one_time_link(token: str) -> str:
    """The address to hand out: ``PANEL_URL`` (never the request's Host), the token after ``#``
    (browsers never send the fragment, so it reaches no server or access log)."""
    return f"{current_app.config['PANEL_URL']}{url_for('auth.set_password_with_link')}#{token}"


@bp.get("/welcome")
@requires(Action.ANYONE)
def first_admin() -> Response | str:
    if any_user():
        return redirect(url_for("auth.sign_in"))
    return render_template("auth/first_admin.html")


@bp.route("/profile", methods=["GET", "POST"])
@requires(Action.SIGNED_IN)
def profile() -> Response | str:
    form = EditProfileForm(obj=current_user)
    if form.validate_on_submit():
        update_profile(current_user, form.display_name.data or "", form.locale.data)
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("auth.profile"))
    return _profile_page(form, ChangePasswordForm())


def _profile_page(form: EditProfileForm, password_form: ChangePasswordForm) -> str:
    user = current_user._get_current_object()
    return render_template(
        "auth/profile.html",
        form=form,
        password_form=password_form,
        sessions=[
            (row, user_sessions.is_current(row, user)) for row in user_sessions.sessions_of(user)
        ],
    )


@bp.post("/profile/password")
@requires(Action.SIGNED_IN)
@limiter.limit(sign_in_limit)
def change_password() -> Response | str:
    password_form = ChangePasswordForm()
    if password_form.validate_on_submit():
        user = current_user._get_current_object()
        if check_password(user.password_hash, password_form.current.data or ""):
            set_password(user, password_form.password.data or "")
            # Every session ended with the old password; this browser carries on in a new one.
            _start_session(user, remember=False)
            flash(_("Your password is changed. Your other sessions are now signed out."), "success")
            return redirect(url_for("auth.profile"))
        password_form.current.errors.append(_("This is not your current password."))
    return _profile_page(EditProfileForm(obj=current_user), password_form)
