"""The gateway's concurrent calls: a page's independent reads at once (``gather``), a list's
details at once (``map``), on two bounded pools that keep the request's context."""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class ConcurrentCalls:
    def __init__(self, max_workers: int) -> None:
        # Two pools, so a concurrent page section (gather) can itself fan out (map) without
        # waiting on a pool its own callers fill.
        self._pages = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="ovh-page")
        self._details = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="ovh-detail")

    def map(self, function: Callable[[Any], T], items: Iterable[Any]) -> list[T]:
        """Run ``function`` over ``items`` concurrently on the bounded pool, keeping order."""
        items = list(items)
        if len(items) <= 1 or threading.current_thread().name.startswith("ovh-detail"):
            return [function(item) for item in items]
        context = contextvars.copy_context
        return list(self._details.map(lambda item: context().run(function, item), items))

    def gather(self, *calls: Callable[[], Any]) -> list[Any]:
        """Run independent calls concurrently; the first failure is raised once all are done."""
        if len(calls) <= 1:
            return [call() for call in calls]
        if threading.current_thread().name.startswith("ovh-"):
            # Already inside a pooled call: waiting here on the same pool could deadlock once
            # every pool thread waits, so these few calls get threads of their own.
            return _in_own_threads(calls)
        futures = [self._pages.submit(contextvars.copy_context().run, call) for call in calls]
        results = []
        failure: BaseException | None = None
        for future in futures:
            try:
                results.append(future.result())
            except BaseException as error:
                failure = failure or error
                results.append(None)
        if failure is not None:
            raise failure
        return results


def _in_own_threads(calls: Sequence[Callable[[], Any]]) -> list[Any]:
    results: list[Any] = [None] * len(calls)
    failures: list[BaseException] = []

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            results[index] = call()
        except BaseException as error:
            failures.append(error)

    threads = [
        threading.Thread(
            target=contextvars.copy_context().run,
            args=(run, index, call),
            name=f"ovh-nested-{index}",
        )
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return results
