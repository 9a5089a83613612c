"""The audit log (filters, pages, CSV), the history staff see of their own sites, and the panel's
OVH connection."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from flask import Response, current_app, render_template, request, stream_with_context
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app import loaders
from app.access import Action, requires
from app.accounts.users import all_users
from app.admin import bp
from app.admin.forms import OUTCOME_CHOICES, FilterAuditForm
from app.admin.log import AuditFilter, csv_lines, known_actions, known_services, query
from app.admin.words import ACCOUNT_ACTIONS, SIGN_INS, action_label, details, error_text
from app.extensions import db
from app.services.tasks import FAILED

PER_PAGE = 50


@bp.get("/audit")
@requires(Action.ADMIN)
def audit() -> str:
    return history_page("admin.audit", staff=False)


def history_page(endpoint: str, staff: bool) -> str:
    """The history with its filters: everything for administrators; for staff, what was done on
    the sites they may see (not sign-ins, nor changes to people and access)."""
    labels = loaders.site_labels()
    form, filters = _filters(labels, staff)
    page = db.paginate(query(filters), per_page=PER_PAGE, max_per_page=PER_PAGE, error_out=False)
    args = {key: value for key, value in request.args.items() if key != "page"}
    return render_template(
        "admin/audit.html",
        form=form,
        page=page,
        args=args,
        endpoint=endpoint,
        staff=staff,
        labels=labels,
        periods=_periods(),
        action_label=action_label,
        entry_details=details,
        error_text=error_text,
        outcome_labels={choice.value: choice.label for choice in OUTCOME_CHOICES},
        failed_statuses=FAILED,
    )


def _periods() -> list[tuple[str, dict[str, str]]]:
    """Today, yesterday and the last seven days, as ``start``/``end`` filter values (UTC, the
    dates the history is kept in)."""
    today = datetime.now(UTC).date()
    yesterday = today - timedelta(days=1)
    return [
        (_("Today"), {"start": today.isoformat(), "end": today.isoformat()}),
        (_("Yesterday"), {"start": yesterday.isoformat(), "end": yesterday.isoformat()}),
        (_("Last 7 days"), {"start": (today - timedelta(days=6)).isoformat(), "end": ""}),
    ]


@bp.get("/audit.csv")
@requires(Action.ADMIN)
def audit_csv() -> Response:
    _, filters = _filters({})

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


def _filters(labels: dict[str, str], staff: bool = False) -> tuple[FilterAuditForm, AuditFilter]:
    form = FilterAuditForm(request.args)
    form.user.choices = [SelectChoice("", _("Anyone"))]
    if not staff:  # staff see who acted on their sites, not the list of every account
        form.user.choices += [SelectChoice(str(u.id), u.email) for u in all_users()]
    if staff:
        visible = tuple(sorted(grant.service_name for grant in current_user.grants))
        sites = {name: labels.get(name, name) for name in visible}
    else:
        visible = None
        sites = {**{name: name for name in known_services()}, **labels}
    form.service.choices = [SelectChoice("", _("Any site"))]
    form.service.choices += [
        SelectChoice(name, label)
        for name, label in sorted(sites.items(), key=lambda item: item[1].lower())
    ]
    actions = [a for a in known_actions() if not (staff and a.startswith(ACCOUNT_ACTIONS))]
    form.action.choices = [SelectChoice("", _("Any action"))]
    form.action.choices += sorted(
        (SelectChoice(action, action_label(action)) for action in actions),
        key=lambda choice: choice.label.lower(),
    )
    prefixes = ACCOUNT_ACTIONS if staff else ()
    if not form.validate():
        return form, AuditFilter(services=visible, hidden_prefixes=prefixes)
    return form, AuditFilter(
        user_id=int(form.user.data) if form.user.data else None,
        service=form.service.data or None,
        action=form.action.data or None,
        outcome=form.outcome.data or None,
        start=form.start.data,
        end=form.end.data,
        hidden_actions=SIGN_INS if form.hide_sign_ins.data else (),
        services=visible,
        hidden_prefixes=prefixes,
    )
