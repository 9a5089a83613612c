"""Pages under OVH's fair use: a page built from last known answers says how old they are.

Each request collects the ages of the answers the gateway served from what it kept because the
call budget was spent (or OVH answered 429); the page shows "as of N seconds ago" above its
content. Pages that nothing is known for get the calm busy page (errors/429.html) instead.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, g
from werkzeug.wrappers import Response

from app.services.freshness import stale_ages
from app.templating import seconds_ago


def collect_stale_ages() -> None:
    g.stale_ages_token = stale_ages.set([])


def forget_stale_ages(response: Response) -> Response:
    token = g.pop("stale_ages_token", None)
    if token is not None:
        stale_ages.reset(token)
    return response


def data_age() -> dict[str, Any]:
    """``data_age``: how long ago the oldest last known answer on this page was read (words in
    the person's language, e.g. "45 seconds"), else ``None``."""
    ages = stale_ages.get()
    if not ages:
        return {"data_age": None}
    return {"data_age": seconds_ago(max(ages))}


def init_app(app: Flask) -> None:
    app.before_request(collect_stale_ages)
    app.after_request(forget_stale_ages)
    app.context_processor(data_age)
