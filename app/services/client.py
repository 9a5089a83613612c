"""The OVH API gateway: one ``ovh.Client`` per worker, with timeouts, retries, a bounded pool for
concurrent calls, expanded list answers, a short cache, and OVH's fair-use call budget.

Service modules call the gateway with OVH paths and get JSON back, or a :class:`PanelError`. When
the budget is spent (or OVH answers 429), a read falls back to the last known answer, noted with
its age for the page to show; only when nothing is known does the error reach the page.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, TypeVar

import ovh
import ovh.exceptions
import requests

from app.services.budget import CallBudget
from app.services.cache import ACCOUNT_SCOPE, ResponseCache
from app.services.concurrency import ConcurrentCalls
from app.services.errors import (
    NotFound,
    PanelError,
    RateLimited,
    UpstreamUnavailable,
    from_response,
    translate,
)
from app.services.freshness import (
    NOT_FOUND,
    answer_of,
    in_flux,
    last_known,
    live_reads,
    note_live_read,
    stale_ages,
)
from app.services.oauth2 import is_oauth2
from app.services.ovh_answers import header_int, list_body, refused_for_time, time_refusal_body
from app.services.ovh_paths import path, query_string
from app.services.refresh import Refresher

# Split along its seams, the gateway's names stay importable from here: the paths
# (ovh_paths), what may be kept and what a page must know of it (freshness), the concurrent
# calls (concurrency); the gateway is built from settings in gateway_setup.
__all__ = [
    "NOT_FOUND",
    "OvhGateway",
    "in_flux",
    "live_reads",
    "note_live_read",
    "path",
    "query_string",
    "stale_ages",
]

log = logging.getLogger(__name__)

T = TypeVar("T")
PAGINATION_MODE = "CachedObjectList-Pages"
PAGE_SIZE = 5000  # what OVH's control panel asks for
MAX_PAGES = 1000  # a guard against an answer that never ends, far above any real list
# OVH keeps list answers a while on its side; for this long after the panel changes a service,
# its list reads ask for a fresh answer with Pragma: no-cache, as OVH's control panel does.
FRESH_AFTER_WRITE_SECONDS = 120.0
RETRY_DELAYS = (0.2, 0.6)


class OvhGateway(ConcurrentCalls):
    def __init__(
        self,
        client: ovh.Client,
        cache: ResponseCache,
        max_workers: int = 8,
        sleep: Callable[[float], None] = time.sleep,
        page_size: int = PAGE_SIZE,
        budget: CallBudget | None = None,
        refresher: Refresher | None = None,
        slow_seconds: float = 600.0,
    ) -> None:
        super().__init__(max_workers)
        self.client = client
        self.cache = cache
        self.page_size = page_size
        self.budget = budget
        self.refresher = refresher or Refresher(budget)
        self.slow_seconds = slow_seconds
        self._clock_lock = threading.Lock()
        self._sleep = sleep

    # Reads -------------------------------------------------------------------------------------

    def get(
        self, target: str, scope: str = ACCOUNT_SCOPE, cache: bool = True, **params: Any
    ) -> Any:
        """GET ``target``, cached per ``scope`` (a serviceName) unless ``cache`` is off."""
        key = "GET " + target + ("?" + query_string(params) if params else "")
        entry = self.cache.entry(scope, key) if cache else None
        if entry is not None and entry.fresh:
            return answer_of(entry.value)
        try:
            result = self.call_with_retries(lambda: self.client.get(target, **params))
        except NotFound:
            # "Nothing there" is an answer too (e.g. no certificate): asking again on every
            # view would spend the budget for nothing. A change through the panel drops it.
            self.keep(scope, key, NOT_FOUND, settled=cache)
            raise
        except RateLimited as error:
            return answer_of(last_known(entry, key, error))
        self.keep(scope, key, result, settled=cache and result is not None)
        return result

    def get_secret(self, target: str) -> Any:
        """GET an answer that carries a secret (a backup's download address): read now, never
        kept anywhere, not even as the last known answer."""
        return self.call_with_retries(lambda: self.client.get(target))

    def get_secret_objects(self, target: str, scope: str) -> list[dict[str, Any]]:
        """The full objects of a list whose items carry a secret (backups and their download
        addresses): read fresh (``Pragma: no-cache`` after a change) and never kept."""
        fresh = self.cache.recently_written(scope)
        items = self._with_retries(lambda: self._expanded_list(target, {}, fresh))
        if items and not all(isinstance(item, dict) for item in items):
            items = self.map(lambda item: self.get_secret(path(target, item)), items)
        return list(items)

    def get_objects(
        self, target: str, scope: str = ACCOUNT_SCOPE, **params: Any
    ) -> list[dict[str, Any]]:
        """The full objects of a list route, in as few round trips as the API allows.

        Asks for expanded objects (``X-Pagination-Mode``); where the API answers with ids instead,
        fetches every detail concurrently.
        """
        key = "LIST " + target + ("?" + query_string(params) if params else "")
        entry = self.cache.entry(scope, key)
        if entry is not None and entry.fresh:
            return list(entry.value)
        fresh = self.cache.recently_written(scope)
        try:
            items = self._with_retries(lambda: self._expanded_list(target, params, fresh))
            if items and not all(isinstance(item, dict) for item in items):
                items = self.map(lambda item: self.get(path(target, item), scope=scope), items)
        except RateLimited as error:
            return list(last_known(entry, key, error))
        self.keep(scope, key, items)
        return list(items)

    # Writes: never retried, since OVH may have acted before the answer was lost -------------------

    def post(self, target: str, scope: str, **body: Any) -> Any:
        return self._write(lambda: self.client.post(target, **body), scope)

    def post_object(self, target: str, scope: str, body: Mapping[str, Any]) -> Any:
        """POST ``body`` as a JSON object even when empty: python-ovh sends no body at all for a
        ``post`` without fields, which OVH refuses where a body is required (``{}`` is sent)."""
        return self._write(lambda: self.client.call("POST", target, dict(body), True), scope)

    def put(self, target: str, scope: str, **body: Any) -> Any:
        return self._write(lambda: self.client.put(target, **body), scope)

    def delete(self, target: str, scope: str, **params: Any) -> Any:
        return self._write(lambda: self.client.delete(target, **params), scope)

    def call_with_retries(self, call: Callable[[], T]) -> T:
        """A signed read, retried where that may help (see :meth:`_with_retries`)."""
        return self._with_retries(lambda: self._signed(call))

    def invalidate(self, scope: str) -> None:
        """The service changed (a write, a task that ended): drop what the panel kept about it,
        and ask OVH for fresh lists a while, since OVH keeps list answers on its side too."""
        self.cache.invalidate(scope)
        for written in {scope, ACCOUNT_SCOPE}:
            self.cache.mark_written(written, FRESH_AFTER_WRITE_SECONDS)

    # Internals ---------------------------------------------------------------------------------

    def keep(
        self,
        scope: str,
        key: str,
        result: Any,
        settled: bool = True,
        fresh_for: float | None = None,
    ) -> None:
        """Keep an answer: fresh when settled, else only as the last known one."""
        settled = settled and not in_flux(result)
        self.cache.set(scope, key, result, fresh_for=fresh_for if settled else 0)
        if not settled:
            note_live_read(key)

    def _write(self, call: Callable[[], Any], scope: str) -> Any:
        try:
            return self._signed(call)
        except Exception as error:
            raise translate(error) from error
        finally:
            self.invalidate(scope)

    def _signed(self, call: Callable[[], T]) -> T:
        """``call``, once more if OVH refused its signature for time: python-ovh measures the
        clock offset once per client, and a long-lived worker drifts. Nothing ran the first time
        (OVH checks the signature first), so even a write may be sent again."""
        try:
            self._clock_ready()
            return call()
        except ovh.exceptions.APIError as error:
            if not refused_for_time(error):
                raise
            log.warning("OVH refused a signature for time; measuring the clock offset again")
            self.client._time_delta = None  # python-ovh re-reads /auth/time on next use
            self._clock_ready()
            return call()

    def _clock_ready(self) -> None:
        """python-ovh reads OVH's clock before its first signed call; one thread does it, not
        each of the threads that start at once (each read would spend the budget). An OAuth2
        service account signs nothing, so it never needs the clock."""
        if getattr(self.client, "_time_delta", 0) is None and not is_oauth2(self.client):
            with self._clock_lock:
                _ = self.client.time_delta

    def _expanded_list(self, target: str, params: Mapping[str, Any], fresh: bool) -> list[Any]:
        """Every page of a list, as full objects where the API offers them (Iceberg)."""
        url = target + ("?" + query_string(params) if params else "")
        base = {"X-Pagination-Mode": PAGINATION_MODE, "X-Pagination-Size": str(self.page_size)}
        if fresh:
            base["Pragma"] = "no-cache"
        items: list[Any] = []
        headers = {**base, "X-Pagination-Number": "1"}
        for number in range(1, MAX_PAGES + 1):
            response = self._signed(partial(self._list_page, url, headers))
            body = list_body(response)
            items += body
            cursor = response.headers.get("X-Pagination-Cursor-Next")
            if cursor:
                headers = {**base, "X-Pagination-Cursor": cursor}
                continue
            if not body or number >= header_int(response, "X-Pagination-Total", 1):
                break
            # X-Pagination-Elements is the item count: stop once every item has come, whatever
            # X-Pagination-Total turns out to count.
            if len(items) >= header_int(response, "X-Pagination-Elements", len(items) + 1):
                break
            headers = {**base, "X-Pagination-Number": str(number + 1)}
        return items

    def _list_page(self, url: str, headers: dict[str, str]) -> requests.Response:
        try:
            response = self.client.raw_call("GET", url, headers=dict(headers))
        except requests.RequestException as error:
            raise translate(
                ovh.exceptions.HTTPError("Low HTTP request failed error", error)
            ) from error
        if response.status_code >= 300:
            refused = from_response(response)
            if time_refusal_body(response):
                # As python-ovh raises it, so _signed measures the clock again.
                raise ovh.exceptions.BadParametersError(str(refused.detail), response=response)
            raise refused
        return response

    def _with_retries(self, call: Callable[[], T]) -> T:
        """Retry what may pass a moment later (5xx, network); never a 429 or a spent budget:
        those pause the shared budget instead, and the caller falls back to what it knows."""
        for attempt in range(len(RETRY_DELAYS) + 1):
            try:
                return call()
            except Exception as error:
                panel_error = translate(error)
                if attempt == len(RETRY_DELAYS) or not _retryable(panel_error):
                    raise panel_error from error
                delay = RETRY_DELAYS[attempt]
                log.info("OVH GET failed (%s), retrying in %.1fs", panel_error.detail, delay)
                self._sleep(delay)
        raise AssertionError("unreachable")


def _retryable(error: PanelError) -> bool:
    return isinstance(error, UpstreamUnavailable)
