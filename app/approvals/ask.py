"""The same form, for staff who must ask: its last button says "Ask an administrator" and it takes
a reason; sending it files a request instead of calling OVH."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.access import Action, may
from app.actions import Started, respond
from app.approvals import requests
from app.forms import PanelForm

REASON_MAX = 1000


@cache
def asking_form(form_class: type[PanelForm]) -> type[PanelForm]:
    """``form_class`` with a reason and the button "Ask an administrator"."""
    fields = {
        "why": TextAreaField(
            _l("Why is this needed?"),
            validators=[DataRequired(), Length(max=REASON_MAX)],
            description=_l("The administrator reads this before approving or declining."),
        ),
        "submit": SubmitField(_l("Ask an administrator")),
    }
    return type(f"Asking{form_class.__name__}", (form_class,), fields)


def must_ask(service_name: str) -> bool:
    """Staff who may operate the plan but not do this themselves ask an administrator."""
    return not may(Action.DESTROY, service_name)


def respond_or_ask(
    form: PanelForm,
    action: Callable[[], Started],
    template: str,
    page: Mapping[str, Any] | Callable[[], Mapping[str, Any]],
    request: tuple[str, str, str, Callable[[], dict[str, Any]]],
    allowed: bool = True,
) -> Response | str:
    """:func:`app.actions.respond` for administrators; for staff, the same form files a request
    (``request`` is the approvable action, the plan, the target and the exact values)."""
    key, service_name, target, values = request
    if not must_ask(service_name):
        return respond(form, action, template, page, allowed)
    if allowed and form.validate_on_submit():
        filed = requests.create(
            current_user, key, service_name, target, values(), str(form.why.data or "").strip()
        )
        flash(
            gettext("Your request is waiting for an administrator. You will hear of their answer."),
            "success",
        )
        return redirect(url_for("approvals.show", request_id=filed.id))
    shown = page() if callable(page) else page
    return render_template(template, form=form, asking=True, **shown)
