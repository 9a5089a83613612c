"""Who may do what: the one function that decides access, and the decorator views declare it with.

Every view says what it needs with ``@requires(Action.X)``. For views that take a
``<service_name>`` in their URL, a staff user without any grant on that service gets 404 (the
service might as well not exist), and one whose grant is below the action gets 403 with a sentence
saying who can help. Signing in is enforced app-wide by :func:`require_sign_in`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, Protocol, TypeVar

from flask import Flask, abort, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response


class Action(enum.Enum):
    ANYONE = "anyone"  # no sign-in needed (sign-in page, one-time links, health check)
    SIGNED_IN = "signed_in"  # any signed-in user; lists filter what they show
    VIEW = "view"  # read everything about one service
    OPERATE = "operate"  # change one service: attach domains, SSL, databases
    DESTROY = "destroy"  # detach, delete: administrators only
    ADMIN = "admin"  # users, audit log, the panel's OVH connection


# Actions on one service, and the grant level each one needs.
SERVICE_ACTIONS = {Action.VIEW: 1, Action.OPERATE: 2, Action.DESTROY: 3}
GRANT_LEVELS = {"view": 1, "operate": 2}

# Views registered by Flask or extensions, which cannot carry a declaration themselves.
PUBLIC_ENDPOINTS = frozenset({"static", "health.healthz", "i18n.switch_language"})

WHO_CAN_HELP: dict[Action, Any] = {
    Action.OPERATE: _l(
        "You can look at this site but not change it. If you need to make this change, ask one "
        "of the panel's administrators to give you more access."
    ),
    Action.DESTROY: _l(
        "Only the panel's administrators can delete, detach or overwrite things (restore a "
        "backup, copy over a database). Ask one of them if this needs doing."
    ),
    Action.ADMIN: _l("Only the panel's administrators can open this page."),
}


class Named(Protocol):
    @property
    def service_name(self) -> str: ...


S = TypeVar("S", bound=Named)
V = TypeVar("V", bound=Callable[..., Any])


def can(user: Any, service_name: str | None, action: Action) -> bool:
    """Whether ``user`` may do ``action`` (on ``service_name``, for service actions)."""
    if action is Action.ANYONE:
        return True
    user = _unproxied(user)
    if user is None or not user.is_authenticated:
        return False
    if user.is_admin or action is Action.SIGNED_IN:
        return True
    if action not in SERVICE_ACTIONS or action is Action.DESTROY or service_name is None:
        return False
    level = user.grant_level(service_name)
    return level is not None and GRANT_LEVELS[level] >= SERVICE_ACTIONS[action]


def visible_services(user: Any, services: Iterable[S]) -> list[S]:
    """The services ``user`` may see, in the order given."""
    user = _unproxied(user)
    return [service for service in services if can(user, service.service_name, Action.VIEW)]


def _unproxied(user: Any) -> Any:
    """The user behind Flask-Login's ``current_user`` proxy, so a long list asks for it once."""
    unwrap = getattr(user, "_get_current_object", None)
    return unwrap() if unwrap is not None else user


def requires(action: Action) -> Callable[[V], V]:
    """Declare (and enforce) what a view needs; the declaration is read by :func:`access_of`."""

    def decorate(view: V) -> V:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            service_name = kwargs.get("service_name")
            if not can(current_user, service_name, action):
                refuse(action, service_name)
            return view(*args, **kwargs)

        guarded.access = action  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate


def refuse(action: Action, service_name: str | None) -> None:
    if not current_user.is_authenticated:  # only when sign-in is not enforced app-wide
        abort(redirect(url_for("auth.sign_in")))
    hidden = service_name is not None and action in SERVICE_ACTIONS
    if hidden and not can(current_user, service_name, Action.VIEW):
        abort(404)
    abort(403, description=WHO_CAN_HELP.get(action, WHO_CAN_HELP[Action.ADMIN]))


def access_of(app: Flask, endpoint: str) -> Action | None:
    """What the view behind ``endpoint`` declared, or ``None`` when it declared nothing."""
    if endpoint in PUBLIC_ENDPOINTS or endpoint.endswith(".static"):
        return Action.ANYONE
    return getattr(app.view_functions.get(endpoint), "access", None)


def require_sign_in() -> Response | None:
    """Send anyone not signed in to the sign-in page, except for public views."""
    from flask import current_app

    endpoint = request.endpoint
    if endpoint is not None and access_of(current_app, endpoint) is Action.ANYONE:
        return None
    if current_user.is_authenticated:
        return None
    next_path = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("auth.sign_in", next=next_path))


def may(action: Action, service_name: str | None = None) -> bool:
    """For templates: whether the person reading the page may do ``action``."""
    return can(current_user, service_name, action)


def init_app(app: Flask) -> None:
    app.before_request(require_sign_in)
