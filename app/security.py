"""Security headers on every answer, and the check that keeps redirects on this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, request
from werkzeug.exceptions import SecurityError
from werkzeug.wrappers import Response

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def local_target(target: str | None) -> str | None:
    """``target`` when it is a path on this site, else ``None`` (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(char) < 32 for char in target):
        return None
    return target


PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)
HSTS = "max-age=63072000; includeSubDomains"


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if not (request.endpoint or "").endswith("static"):
        # Pages hold people's data and forms: no browser or proxy keeps a copy (back button
        # after sign-out, shared computers).
        response.headers["Cache-Control"] = "no-store"
    return response


def refuse_untrusted_host() -> Response | None:
    """A ``Host`` outside ``TRUSTED_HOSTS`` gets a bare 400: no page, no link, no redirect is
    built from it (and Flask has no URL adapter for it)."""
    if isinstance(request.routing_exception, SecurityError):
        return Response("Unknown host.\n", 400, mimetype="text/plain")
    return None


def init_app(app: Flask) -> None:
    # First of all the checks, before anything builds a URL.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_untrusted_host)
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    # Flask's defaults hold SESSION_COOKIE_SAMESITE = None, so setdefault would keep None.
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config.setdefault("REMEMBER_COOKIE_HTTPONLY", True)
    app.config.setdefault("REMEMBER_COOKIE_SAMESITE", "Lax")
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]
    app.after_request(add_security_headers)
