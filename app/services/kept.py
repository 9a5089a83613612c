"""Slow-changing answers read for many objects at a bounded cost: kept long, shared, refreshed.

A DNS diagnosis (``digStatus``) or a domain's own certificate changes rarely, but a page lists one
per attached domain. Asking OVH for each on every view would spend the fair-use budget in
proportion to the number of domains. Instead each answer is kept ``gateway.slow_seconds`` in the
shared cache (a change made through the panel drops it with the rest of the service's answers),
at most a few are asked while the person waits, and the others are refreshed in the background.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from app.services.budget import in_background
from app.services.client import OvhGateway
from app.services.errors import NotFound, RateLimited
from app.services.freshness import note_live_read

CLAIM_SECONDS = 30.0  # how long one worker's "I am asking OVH for this" holds


@dataclass(frozen=True)
class Kept:
    """An answer as the panel knows it (``None``: OVH has nothing there) and its age."""

    value: Any
    age: float


def read_kept(
    gateway: OvhGateway,
    scope: str,
    targets: Sequence[str],
    ask_at_most: int,
    refresh: bool = False,
) -> dict[str, Kept]:
    """The kept answers of ``targets`` (GET paths); those not known yet are left out: pending.

    At most ``ask_at_most`` are asked from OVH now (missing or old ones that no other worker is
    already asking for); the others are queued for the background. ``refresh`` ("Check again")
    asks again even what is still fresh, within the same bound.
    """
    cache = gateway.cache
    if not cache.enabled:
        ask_at_most = len(targets)  # nothing can be kept: every answer is asked each time
    known: dict[str, Kept] = {}
    to_ask: list[str] = []
    for target in targets:
        entry = cache.entry(scope, "GET " + target)
        if entry is not None and entry.fresh and not refresh:
            known[target] = Kept(entry.value, entry.age)
            if entry.age > gateway.slow_seconds / 2:  # refreshed before anyone waits for it
                refresh_later(gateway, scope, target, older_than=gateway.slow_seconds / 2)
            continue
        if len(to_ask) < ask_at_most and cache.claim(scope, target, CLAIM_SECONDS):
            to_ask.append(target)
            continue
        refresh_later(gateway, scope, target, older_than=0.0 if refresh else None)
        note_live_read("GET " + target)  # a page showing it pending or old is not kept as is
        if entry is not None:
            known[target] = Kept(entry.value, entry.age)
    # Asked as background work: only from the part of the budget above the reserve, which keeps
    # the page's own reads (the service, the lists) possible however many people look at once.
    asked = gateway.map(lambda target: _ask_now(gateway, scope, target), to_ask)
    known.update({target: kept for target, kept in zip(to_ask, asked, strict=True) if kept})
    return {target: known[target] for target in targets if target in known}


def refresh_later(
    gateway: OvhGateway, scope: str, target: str, older_than: float | None = None
) -> None:
    """Queue a background refresh; when it runs it asks OVH only if the answer is still missing,
    no longer fresh, or older than ``older_than`` seconds, and no other worker is asking."""
    job = partial(refresh_if_old, gateway, scope, target, older_than)
    gateway.refresher.submit(f"{scope} {target}", job, (scope, target, older_than))


def refresh_if_old(
    gateway: OvhGateway, scope: str, target: str, older_than: float | None = None
) -> None:
    """The refresh itself (a queue job, or drained in-process): idempotent, it asks OVH only
    when the kept answer is missing or old and this caller holds the claim."""
    entry = gateway.cache.entry(scope, "GET " + target)
    limit = gateway.slow_seconds if older_than is None else older_than
    if entry is not None and entry.fresh and entry.age < limit:
        return
    if gateway.cache.claim(scope, target, CLAIM_SECONDS):
        _ask(gateway, scope, target, background=True)


def _ask_now(gateway: OvhGateway, scope: str, target: str) -> Kept | None:
    with in_background():
        return _ask(gateway, scope, target)


def _ask(gateway: OvhGateway, scope: str, target: str, background: bool = False) -> Kept | None:
    """Ask OVH now; when the budget (or OVH's 429) says not now, the last known answer."""
    key = "GET " + target
    try:
        value = gateway.call_with_retries(lambda: gateway.client.get(target))
    except NotFound:
        value = None
    except RateLimited:
        gateway.cache.release(scope, target)
        if background:
            raise
        refresh_later(gateway, scope, target, older_than=0.0)
        entry = gateway.cache.entry(scope, key)
        return Kept(entry.value, entry.age) if entry is not None else None
    gateway.keep(scope, key, value, fresh_for=gateway.slow_seconds)
    gateway.cache.release(scope, target)  # answered: "Check again" may ask at once
    return Kept(value, 0.0)
