"""The administrators' Background work page: the queue's workers, the jobs that kept failing, and
running the daily watch now."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app import queue
from app.access import Action, requires
from app.queue import failures

bp = Blueprint("background", __name__)


@bp.get("/")
@requires(Action.ADMIN)
def index() -> str:
    return render_template(
        "queue/index.html",
        backend=queue.backend(),
        workers=failures.workers(),
        alive=failures.alive_workers(),
        failed=failures.open_failures(),
        caught_mail=bool(current_app.config.get("MAIL_CATCH_DIR")),
    )


@bp.post("/failures/<int:failure_id>/seen")
@requires(Action.ADMIN)
def seen(failure_id: int) -> Response:
    failures.mark_seen(failure_id)
    flash(_("Marked as seen."), "info")
    return redirect(url_for("background.index"))


@bp.post("/watch")
@requires(Action.ADMIN)
def run_watch() -> Response:
    from app.watch.jobs import daily_watch_now

    daily_watch_now()
    flash(_("The watch is running. Each person gets their digest when it is done."), "success")
    return redirect(url_for("background.index"))
