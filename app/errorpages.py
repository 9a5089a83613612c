"""One handler for every error page, written for people: 400, 403, 404, 429, 500, 502 (OVH
answered with an error the panel did not expect) and 503 (OVH did not answer)."""

from __future__ import annotations

import logging
import math

from flask import Flask, g, render_template, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.extensions import db
from app.services.errors import PanelError

log = logging.getLogger(__name__)
PAGES = (400, 403, 404, 429, 500, 502, 503)


def render_error(
    status: int, error: PanelError | None = None, detail: str | None = None
) -> tuple[str, int]:
    page = status if status in PAGES else (500 if status >= 500 else 400)
    return render_template(f"errors/{page}.html", error=error, detail=detail), status


def handle_http_exception(error: HTTPException) -> tuple[str, int] | HTTPException:
    if error.code is None or error.code < 400:
        return error
    if error.code == 413:
        return render_error(413, detail="too_large")
    description = error.description if error.code == 403 and _custom(error) else None
    return render_error(error.code, detail=description)


def handle_csrf_error(error: CSRFError) -> tuple[str, int]:
    return render_error(400, detail="csrf")


def handle_panel_error(error: PanelError) -> tuple[str, int] | tuple[str, int, dict[str, str]]:
    status = error.status_code
    log.warning("OVH error shown as %s: %s (query id %s)", status, error.detail, error.query_id)
    if "uncertain_write" in g:
        service_name = g.uncertain_write
        tasks = url_for("tasks.index", service_name=service_name) if service_name else None
        page = render_template("errors/uncertain.html", error=error, tasks_url=tasks)
        return page, 503
    if status == 429 and error.retry_after:
        # The calm busy page: nothing is known to show instead; say when to come back.
        page, status = render_error(status, error=error)
        return page, status, {"Retry-After": str(math.ceil(error.retry_after))}
    return render_error(status, error=error)


def handle_unexpected(error: Exception) -> tuple[str, int]:
    log.exception("Unexpected error")
    db.session.rollback()
    return render_error(500)


def _custom(error: HTTPException) -> bool:
    return type(error).description != error.description


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(PanelError, handle_panel_error)
    app.register_error_handler(Exception, handle_unexpected)
