"""Each form is sent once: a double click, or back and resubmit, starts one OVH task, not two.

Every form carries a random ``_once`` value (rendered by the form macros). The first POST with a
value reserves it, under a hash of the person's session, the value and the form's data, in the
database every worker shares, before any OVH call. An identical POST that comes while the first
is running gets a calm "already being sent" page; one that comes after it is sent where the first
was (its task page, usually). A first POST that ends in anything but a redirect (a form shown
again with its errors, an error page) frees the value, so the corrected form can be sent.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import Flask, flash, g, redirect, render_template, request, session
from flask_babel import gettext as _
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from app.extensions import db
from app.models import FormSubmission, utcnow

FIELD = "_once"
# How long a sent form is remembered (a kept page lives 30 s; back-and-resubmit takes minutes).
REMEMBER = timedelta(minutes=10)


def once_token() -> str:
    return secrets.token_urlsafe(16)


def reserve() -> Response | tuple[str, int] | None:
    if request.method != "POST" or not request.form.get(FIELD):
        return None
    key = _key()
    db.session.execute(
        delete(FormSubmission).where(FormSubmission.created_at < utcnow() - REMEMBER)
    )
    db.session.add(FormSubmission(key=key))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        earlier = db.session.get(FormSubmission, key)
        if earlier is not None and earlier.done and earlier.location:
            flash(_("This form was already sent; here is what it did."), "info")
            return redirect(earlier.location)
        return render_template("errors/already_sent.html"), 409
    g.once_key = key
    return None


def settle(response: Response) -> Response:
    key = g.pop("once_key", None)
    if key is None:
        return response
    row = db.session.get(FormSubmission, key)
    if row is not None:
        if 300 <= response.status_code < 400 and response.location:
            row.done = True
            row.location = response.location[:2000]
        else:
            db.session.delete(row)
        db.session.commit()
    return response


def _key() -> str:
    data = sorted(
        (name, value) for name, value in request.form.items(multi=True) if name != "csrf_token"
    )
    parts = [
        str(session.get("_user_id") or session.get("csrf_token") or ""),
        request.path,
        repr(data),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def init_app(app: Flask) -> None:
    app.before_request(reserve)
    app.after_request(settle)
    app.jinja_env.globals["once_token"] = once_token
