"""The inventory page and its downloads: every plan the person may see, nothing else."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Response, abort, render_template
from flask_login import current_user

from app import loaders
from app.access import Action, requires, visible_services
from app.inventory import bp, formats
from app.inventory.loaders import inventory
from app.inventory.sheets import SHEETS, Sheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheets(only: str | None = None) -> list[Sheet]:
    specs = [spec for spec in SHEETS if only is None or spec.key == only]
    if not specs:
        abort(404)
    return inventory(visible_services(current_user, loaders.all_services()), specs)


def _download(body: str | bytes, mimetype: str, name: str) -> Response:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    answer = Response(body, mimetype=mimetype)
    answer.headers["Content-Disposition"] = f'attachment; filename="inventory-{name}-{stamp}"'
    return answer


@bp.get("/")
@requires(Action.SIGNED_IN)
def index() -> str:
    services = visible_services(current_user, loaders.all_services())
    return render_template("inventory/index.html", services=services, sheets=SHEETS)


@bp.get("/inventory.xlsx")
@requires(Action.SIGNED_IN)
def xlsx() -> Response:
    return _download(formats.to_xlsx(_sheets()), XLSX, "all.xlsx")


@bp.get("/inventory.json")
@requires(Action.SIGNED_IN)
def json() -> Response:
    return _download(formats.to_json(_sheets()), "application/json", "all.json")


@bp.get("/<sheet>.csv")
@requires(Action.SIGNED_IN)
def csv(sheet: str) -> Response:
    (found,) = _sheets(sheet)
    return _download(formats.to_csv(found), "text/csv", f"{found.key}.csv")
