"""Languages: English and French, following the user's choice, else the browser's."""

from __future__ import annotations

from flask import Blueprint, Flask, has_request_context, redirect, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from app.extensions import babel
from app.security import local_target

LANGUAGES = {"en": "English", "fr": "Français"}
LANGUAGE_PROMPTS = {"en": _l("Switch to English"), "fr": _l("Passer en français")}

bp = Blueprint("i18n", __name__)


def select_locale() -> str | None:
    if not has_request_context():  # command-line tools speak the default language
        return None
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if user_locale in LANGUAGES:
        return str(user_locale)
    if session.get("locale") in LANGUAGES:
        return str(session["locale"])
    return request.accept_languages.best_match(list(LANGUAGES), default="en")


@bp.post("/language")
def switch_language() -> Response:
    """Remember the chosen language for this browser (and for the user, when signed in)."""
    locale = request.form.get("locale", "")
    if locale in LANGUAGES:
        session["locale"] = locale
        if getattr(current_user, "is_authenticated", False) and hasattr(current_user, "locale"):
            from app.extensions import db

            current_user.locale = locale
            db.session.commit()
    return redirect(local_target(request.form.get("next")) or "/")


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "../translations")
    babel.init_app(app, locale_selector=select_locale)
    app.register_blueprint(bp)
