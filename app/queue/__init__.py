"""The panel's task queue: Huey, on Redis when the panel has one, else on a SQLite file beside the
panel (``make demo``), and run at once in the calling process for the tests (immediate mode).

Any number of web processes put jobs on it; any number of ``flask queue worker`` processes, on any
number of machines sharing the same Redis, run them. A job is a plain function decorated with
:func:`job`: it runs inside the panel's app context, is retried with exponential backoff when it
raises, and when it keeps failing after its last try it is written to ``job_failures``, which the
administrators' Background work page shows. Jobs must be idempotent: a worker may stop midway and
another take the job again.

Adding a job is one function::

    @job(retries=5, delay=30)
    def advance(plan_id: int) -> None:
        ...

    advance(plan_id)                         # queued now
    advance.schedule((plan_id,), delay=60)   # queued for later
"""

from __future__ import annotations

import importlib
import logging
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from flask import Flask, current_app, has_app_context
from huey import Huey, MemoryHuey
from huey.api import TaskWrapper
from huey.exceptions import RetryTask
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])

# One queue per process; :func:`init_app` points it at the app's storage. Until then (imports,
# tools) it is an in-memory queue running jobs at once.
huey: Huey = MemoryHuey("panel", immediate=True, results=False)
_app: Flask | None = None

MODELS = (
    "app.queue.models",
    "app.notify.models",
    "app.watch.models",
    "app.approvals.models",
    "app.trends.models",
    "app.inventory.models",
    "app.operations.models",
)
# Modules defining jobs: a worker imports them all before taking the first job.
JOBS = (
    "app.queue.jobs",
    "app.notify.jobs",
    "app.watch.jobs",
    "app.approvals.jobs",
    "app.launch.jobs",
    "app.trends.jobs",
    "app.inventory.jobs",
    "app.operations.jobs",
)


class NotYet(Exception):
    """Raised by a job that must look again later (a task still running): retried after
    ``delay`` seconds without counting as a failure."""

    def __init__(self, delay: float) -> None:
        super().__init__(f"again in {delay:.0f} s")
        self.delay = delay


def init_app(app: Flask) -> None:
    """Point the process's queue at this app's storage (Redis, SQLite, or immediate)."""
    global _app
    _app = app
    for module in (*MODELS, *JOBS):  # their tables, and every job registered by name
        importlib.import_module(module)

    configure(
        name=app.config["QUEUE_NAME"],
        redis_url=app.config.get("REDIS_URL"),
        sqlite_path=str(Path(app.instance_path) / "queue.db"),
        immediate=bool(app.config["QUEUE_IMMEDIATE"]),
    )
    app.extensions["queue"] = huey


def configure(name: str, redis_url: str | None, sqlite_path: str, immediate: bool) -> None:
    storage: dict[str, Any]
    if redis_url:
        huey.storage_class, storage = RedisStorage, {"url": redis_url}
    else:
        Path(sqlite_path).parent.mkdir(parents=True, exist_ok=True)
        huey.storage_class, storage = SqliteStorage, {"filename": sqlite_path}
    huey.name = name
    huey.storage_kwargs = storage
    huey._immediate = immediate
    huey.storage = MemoryStorage(name) if immediate else huey.get_storage(**storage)


def backend() -> str:
    """Which store the queue is on, for the administrators' page and ``/healthz``."""
    if huey.immediate:
        return "immediate"
    return "redis" if isinstance(huey.storage, RedisStorage) else "sqlite"


@contextmanager
def app_context() -> Iterator[None]:
    """The caller's app context (immediate mode, inside a request), else the worker's app."""
    if has_app_context():
        yield
        return
    if _app is None:
        raise RuntimeError("The queue runs jobs only after init_app(app).")
    with _app.app_context():
        try:
            yield
        finally:
            from app.extensions import db

            db.session.remove()


def job(
    retries: int = 5, delay: float = 10.0, backoff: float = 2.0, name: str | None = None
) -> Callable[[F], TaskWrapper]:
    """A queued function, retried ``retries`` times with exponential backoff (``delay``,
    ``delay × backoff``, …); after the last try it is recorded as failed for administrators."""

    def decorate(function: F) -> TaskWrapper:
        job_name = name or function.__name__

        def run(*args: Any, task: Any = None, **kwargs: Any) -> Any:
            with app_context():
                try:
                    return function(*args, **kwargs)
                except NotYet as later:
                    raise RetryTask(delay=later.delay) from None
                except Exception as error:
                    last = task is None or not task.retries
                    label = f"{function.__module__}.{job_name}"
                    log.warning("Job %s%r failed (%s)", label, args, type(error).__name__)
                    if last:
                        from app.queue.failures import record_failure

                        record_failure(label, args, error, traceback.format_exc(limit=5))
                    raise

        run.__name__ = function.__name__
        run.__doc__ = function.__doc__
        run.__module__ = function.__module__  # registered as module.name
        return huey.task(
            retries=retries,
            retry_delay=delay,
            retry_backoff=backoff,
            context=True,
            name=job_name,
        )(run)

    return decorate


def current_queue_name() -> str:
    return str(current_app.config["QUEUE_NAME"])
