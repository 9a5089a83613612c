"""The inventory page and its downloads: every plan the person may see, nothing else. Up to
``INVENTORY_DIRECT_PLANS`` plans the files are made while the person waits; above, the queue
prepares them (``jobs.py``) and a page follows its progress, then offers the same downloads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from flask import Response, abort, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from app import loaders
from app.access import Action, requires, visible_services
from app.extensions import db
from app.forms import PanelForm
from app.inventory import bp, formats, jobs
from app.inventory.loaders import CALLS_PER_PLAN, DNS_CHECKS, DOMAIN_CERTIFICATES, inventory
from app.inventory.models import PreparedInventory
from app.inventory.sheets import SHEETS, Sheet, SheetSpec
from app.models import utcnow

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.context_processor
def _numbers() -> dict[str, int]:
    """The calls per plan, for the pages' help."""
    return {
        "calls_per_plan": CALLS_PER_PLAN,
        "dns_checks": DNS_CHECKS,
        "domain_certificates": DOMAIN_CERTIFICATES,
    }


def _specs(only: str | None) -> list[SheetSpec]:
    specs = [spec for spec in SHEETS if only is None or spec.key == only]
    if not specs:
        abort(404)
    return specs


def _sheets(only: str | None = None) -> list[Sheet]:
    specs = _specs(only)
    services = visible_services(current_user, loaders.all_services())
    if len(services) > jobs.direct_limit():
        abort(redirect(url_for("inventory.index")))  # prepared by the queue: the page says so
    return inventory(services, specs)


def _download(body: str | bytes, mimetype: str, name: str, extension: str) -> Response:
    """The file, named ``inventory-<name>-<date>.<extension>`` (the extension last, so the
    person's computer knows what opens it)."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    answer = Response(body, mimetype=mimetype)
    filename = f"inventory-{name}-{stamp}.{extension}"
    answer.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer


def _files(sheets: Sequence[Sheet], kind: str) -> Response:
    if kind == "xlsx":
        return _download(formats.to_xlsx(sheets), XLSX, "all", "xlsx")
    if kind == "json":
        return _download(formats.to_json(sheets), "application/json", "all", "json")
    (found,) = sheets
    return _download(formats.to_csv(found), "text/csv", found.key, "csv")


@bp.get("/")
@requires(Action.SIGNED_IN)
def index() -> str:
    jobs.remove_expired()
    services = visible_services(current_user, loaders.all_services())
    prepared = db.session.scalars(
        db.select(PreparedInventory)
        .where(PreparedInventory.user_id == current_user.id)
        .order_by(PreparedInventory.created_at.desc())
    ).all()
    return render_template(
        "inventory/index.html",
        services=services,
        sheets=SHEETS,
        direct=len(services) <= jobs.direct_limit(),
        prepared=prepared,
        form=PanelForm(),
    )


@bp.get("/inventory.xlsx")
@requires(Action.SIGNED_IN)
def xlsx() -> Response:
    return _files(_sheets(), "xlsx")


@bp.get("/inventory.json")
@requires(Action.SIGNED_IN)
def json() -> Response:
    return _files(_sheets(), "json")


@bp.get("/<sheet>.csv")
@requires(Action.SIGNED_IN)
def csv(sheet: str) -> Response:
    return _files(_sheets(sheet), "csv")


@bp.post("/prepare")
@requires(Action.SIGNED_IN)
def prepare() -> BaseResponse:
    if not PanelForm().validate_on_submit():
        return redirect(url_for("inventory.index"))
    prepared = jobs.prepare(current_user)
    return redirect(url_for("inventory.prepared", prepared_id=prepared.id))


def _mine(prepared_id: int) -> PreparedInventory:
    """A prepared inventory of the person asking, while it is kept; else 404."""
    prepared = db.session.get(PreparedInventory, prepared_id)
    if prepared is None or prepared.user_id != current_user.id or prepared.expires_at < utcnow():
        abort(404)
    return prepared


@bp.get("/prepared/<int:prepared_id>")
@requires(Action.SIGNED_IN)
def prepared(prepared_id: int) -> str:
    return render_template(
        "inventory/prepared.html", prepared=_mine(prepared_id), sheets=SHEETS, keep=jobs.KEEP
    )


@bp.get("/prepared/<int:prepared_id>/progress")
@requires(Action.SIGNED_IN)
def progress(prepared_id: int) -> str:
    """The progress block alone, for the page's script."""
    return render_template(
        "inventory/_progress.html", prepared=_mine(prepared_id), sheets=SHEETS, keep=jobs.KEEP
    )


def _prepared_sheets(prepared_id: int, only: str | None = None) -> list[Sheet]:
    """The prepared rows, of the plans the person may still see now."""
    prepared = _mine(prepared_id)
    if prepared.state != "ready":
        abort(404)
    visible = {s.service_name for s in visible_services(current_user, loaders.all_services())}
    names = [name for name in prepared.order if name in visible and name in prepared.rows]
    return [
        Sheet(
            spec.key,
            spec.title,
            spec.columns,
            tuple(tuple(row) for name in names for row in prepared.rows[name].get(spec.key, ())),
        )
        for spec in _specs(only)
    ]


@bp.get("/prepared/<int:prepared_id>/inventory.xlsx")
@requires(Action.SIGNED_IN)
def prepared_xlsx(prepared_id: int) -> Response:
    return _files(_prepared_sheets(prepared_id), "xlsx")


@bp.get("/prepared/<int:prepared_id>/inventory.json")
@requires(Action.SIGNED_IN)
def prepared_json(prepared_id: int) -> Response:
    return _files(_prepared_sheets(prepared_id), "json")


@bp.get("/prepared/<int:prepared_id>/<sheet>.csv")
@requires(Action.SIGNED_IN)
def prepared_csv(prepared_id: int, sheet: str) -> Response:
    return _files(_prepared_sheets(prepared_id, sheet), "csv")
