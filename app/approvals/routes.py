"""The Approvals page: administrators see every request and decide; staff see their own."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from app import loaders
from app.access import Action, requires
from app.actions import follow
from app.approvals import bp, requests
from app.approvals.models import ApprovalRequest
from app.approvals.registry import APPROVABLE
from app.forms import PanelForm


class DeclineForm(PanelForm):
    reason = TextAreaField(
        _l("Why you decline"),
        validators=[DataRequired(), Length(max=1000)],
        description=_l("The person who asked reads this."),
    )
    submit = SubmitField(_l("Decline"))


class ApproveForm(PanelForm):
    submit = SubmitField(_l("Approve and run it now"))


@bp.get("/")
@requires(Action.SIGNED_IN)
def index() -> str:
    return render_template(
        "approvals/index.html",
        requests=requests.visible_to(current_user),
        approvable=APPROVABLE,
        labels=loaders.site_labels(),
    )


@bp.get("/<int:request_id>")
@requires(Action.SIGNED_IN)
def show(request_id: int) -> str:
    return _page(_request_or_404(request_id), DeclineForm())


@bp.post("/<int:request_id>/approve")
@requires(Action.ADMIN)
def approve(request_id: int) -> Response | str:
    request = _request_or_404(request_id)
    form = ApproveForm()
    if not form.validate_on_submit():
        return _page(request, DeclineForm())
    started = requests.approve(current_user, request)
    if started is None:
        flash(_("Not run: %(why)s", why=request.error or _("it was already decided.")), "warning")
        return redirect(url_for("approvals.show", request_id=request.id))
    return follow(started)


@bp.post("/<int:request_id>/decline")
@requires(Action.ADMIN)
def decline(request_id: int) -> Response | str:
    request = _request_or_404(request_id)
    form = DeclineForm()
    if not form.validate_on_submit():
        return _page(request, form)
    if requests.decline(current_user, request, (form.reason.data or "").strip()):
        flash(_("Declined. The person who asked is told why."), "info")
    return redirect(url_for("approvals.index"))


def _page(request: ApprovalRequest, decline_form: DeclineForm) -> str:
    return render_template(
        "approvals/show.html",
        request=request,
        decline_form=decline_form,
        approve_form=ApproveForm(),
        approvable=APPROVABLE[request.action],
        labels=loaders.site_labels(),
    )


def _request_or_404(request_id: int) -> ApprovalRequest:
    request = requests.get_for(current_user, request_id)
    if request is None:
        abort(404)
    return request
