"""The profile's Notifications page, and (demo) the administrators' page of caught mail."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.access import Action, requires
from app.notify import bp
from app.notify.caught import caught_messages
from app.notify.forms import NotificationsForm
from app.notify.settings import Choices, choices_of, save_choices


@bp.route("/profile/notifications", methods=["GET", "POST"])
@requires(Action.SIGNED_IN)
def preferences() -> Response | str:
    choices = choices_of(current_user.id)
    form = NotificationsForm(obj=choices)
    if form.validate_on_submit():
        chosen = Choices(
            my_tasks=bool(form.my_tasks.data),
            plan_tasks=bool(form.plan_tasks.data),
            watch=bool(form.watch.data),
            by_email=bool(form.by_email.data),
        )
        chat = (form.chat.data or "").strip() or None
        save_choices(current_user.id, chosen, chat, forget_chat=bool(form.forget_chat.data))
        flash(_("Your notifications are saved."), "success")
        return redirect(url_for("notify.preferences"))
    form.chat.data = ""  # never echoed: it holds the service's key
    return render_template("notify/preferences.html", form=form, choices=choices)


@bp.get("/admin/mail")
@requires(Action.ADMIN)
def caught() -> str:
    folder = current_app.config.get("MAIL_CATCH_DIR")
    if not folder:
        abort(404)
    return render_template("notify/caught.html", messages=caught_messages(folder))
