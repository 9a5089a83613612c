"""Pages kept briefly for the session that saw them, so looking again costs no rendering.

Only the read-only pages of hosting services are kept, and only when nothing on them is still in
progress at OVH. A kept page belongs to one session (its CSRF secret is in the key), one user as
they are now (role, grants, language), one address, and the current version of the OVH data it
shows: a change made through the panel bumps that version, so the next view is rebuilt, always.
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask import Flask, Response, current_app, g, request, session
from flask_babel import get_locale
from flask_login import current_user

from app.extensions import ovh_api
from app.services.cache import ACCOUNT_SCOPE, MemoryStore, ResponseCache
from app.services.freshness import live_reads

PAGES = frozenset(
    {
        "hosting.index",
        "hosting.show",
        "domains.index",
        "ssl.index",
        "databases.index",
        "tasks.index",
    }
)
MAX_PAGES_PER_WORKER = 300


def page_key() -> str | None:
    """Who is asking for what, as of which OVH data; ``None`` when the page must be built."""
    if request.method != "GET" or request.endpoint not in PAGES:
        return None
    if (
        not current_user.is_authenticated
        or session.get("_flashes")
        or not session.get("csrf_token")
    ):
        return None
    user = current_user._get_current_object()
    service = (request.view_args or {}).get("service_name")
    cache = ovh_api.gateway.cache
    versions = [cache.generation(ACCOUNT_SCOPE)]
    if service:
        versions.append(cache.generation(service))
    grants = (
        sorted((grant.service_name, grant.level) for grant in user.grants)
        if not user.is_admin
        else []
    )
    parts = [
        user.get_id(),
        user.role,
        repr(grants),
        str(get_locale()),
        str(session["csrf_token"]),
        request.full_path,
        repr(versions),
    ]
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def serve_kept_page() -> Response | None:
    g.page_key = key = page_key()
    if key is None:
        return None
    kept = _pages().get(ACCOUNT_SCOPE, key)
    if kept is None:
        g.page_live_reads = live_reads.set([])
        return None
    g.page_key = None  # served as kept: nothing to keep again
    return Response(kept, mimetype="text/html")


def keep_page(response: Response) -> Response:
    key = g.pop("page_key", None)
    token = g.pop("page_live_reads", None)
    if key is None or token is None:
        return response
    built_from_live_reads = bool(live_reads.get())
    live_reads.reset(token)
    keep = response.status_code == 200 and response.mimetype == "text/html"
    if keep and not built_from_live_reads and not session.get("_flashes"):
        _pages().set(ACCOUNT_SCOPE, key, response.get_data(as_text=True))
    return response


def _pages() -> ResponseCache:
    pages: ResponseCache = current_app.extensions["page_cache"]
    return pages


def init_app(app: Flask) -> None:
    """Registered after sign-in is enforced, so only signed-in people's pages are ever kept."""
    ttl = float(app.config["OVH_CACHE_SECONDS"])
    redis_url = app.config.get("REDIS_URL")
    store: Any
    if redis_url:
        from app.services.cache import RedisStore

        store = RedisStore(redis_url, app.config["OVH_CACHE_PREFIX"] + "pages:")
    else:
        store = MemoryStore(max_entries=MAX_PAGES_PER_WORKER)
    app.extensions["page_cache"] = ResponseCache(store, ttl=ttl)
    app.before_request(serve_kept_page)
    app.after_request(keep_page)
