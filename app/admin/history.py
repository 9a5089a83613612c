"""The audit log (filters, pages, CSV) and the panel's OVH connection."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Response, current_app, render_template, request, stream_with_context
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from app import loaders
from app.access import Action, requires
from app.accounts.users import all_users
from app.admin import bp
from app.admin.forms import OUTCOME_CHOICES, FilterAuditForm
from app.admin.log import AuditFilter, csv_lines, known_actions, query
from app.extensions import db
from app.services.tasks import FAILED

PER_PAGE = 50


@bp.get("/audit")
@requires(Action.ADMIN)
def audit() -> str:
    form, filters = _filters()
    page = db.paginate(query(filters), per_page=PER_PAGE, max_per_page=PER_PAGE, error_out=False)
    args = {key: value for key, value in request.args.items() if key != "page"}
    return render_template(
        "admin/audit.html",
        form=form,
        page=page,
        args=args,
        outcome_labels={choice.value: choice.label for choice in OUTCOME_CHOICES},
        failed_statuses=FAILED,
    )


@bp.get("/audit.csv")
@requires(Action.ADMIN)
def audit_csv() -> Response:
    _, filters = _filters()

    def lines() -> Iterator[str]:  # queried inside the stream, while its session is open
        entries = db.session.scalars(query(filters).execution_options(yield_per=500))
        try:
            yield from csv_lines(entries)
        finally:
            entries.close()  # a download stopped midway must not leave a server cursor open

    return Response(
        stream_with_context(lines()),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=audit.csv"},
    )


@bp.get("/connection")
@requires(Action.ADMIN)
def connection() -> str:
    page = loaders.connection_page(current_app.config["OVH"]["endpoint"])
    return render_template("admin/connection.html", **page)


def _filters() -> tuple[FilterAuditForm, AuditFilter]:
    form = FilterAuditForm(request.args)
    form.user.choices = [SelectChoice("", _("Anyone"))]
    form.user.choices += [SelectChoice(str(u.id), u.email) for u in all_users()]
    form.action.choices = [SelectChoice("", _("Any action"))]
    form.action.choices += [SelectChoice(action) for action in known_actions()]
    if not form.validate():
        return form, AuditFilter()
    return form, AuditFilter(
        user_id=int(form.user.data) if form.user.data else None,
        service=(form.service.data or "").strip() or None,
        action=form.action.data or None,
        outcome=form.outcome.data or None,
        start=form.start.data,
        end=form.end.data,
    )
