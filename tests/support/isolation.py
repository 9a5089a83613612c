"""The suite runs apart from the developer's own settings and never writes into the working tree.

Called first thing by ``tests/conftest.py``, before the panel is imported:

- every ``OVH_*`` and ``SANDBOX_*`` variable, ``SECRET_KEY`` and ``FLASK_DEBUG`` leave this
  process's environment (the suite's own ``DATABASE_URL`` and ``REDIS_URL`` stay: they choose the
  test database and Redis, as ``.ci/run`` does);
- python-ovh reads no ``ovh.conf`` (not ``./ovh.conf``, ``~/.ovh.conf`` nor ``/etc/ovh.conf``);
- the panel's instance folder is a temporary directory, removed at exit, so nothing is written
  under ``instance/``;
- under pytest-xdist (``make test`` runs two workers), each worker gets a PostgreSQL database of
  its own (``<name>_gw0``, created empty and dropped at exit) and a Redis database number of its
  own (the given one plus the worker's number),
  so workers never see each other's rows, rate limits or queue.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import ovh.config
import psycopg
from sqlalchemy.engine import make_url

SCRUBBED_PREFIXES = ("OVH_", "SANDBOX_", "PANEL_")
SCRUBBED_NAMES = frozenset({"SECRET_KEY", "FLASK_DEBUG", "SSL_REPLACE_WAIT_SECONDS"})
INSTANCE_VARIABLE = "PANEL_INSTANCE_PATH"


def isolate() -> str:
    """Apply the isolation; returns the temporary instance folder."""
    for name in list(os.environ):
        if name.startswith(SCRUBBED_PREFIXES) or name in SCRUBBED_NAMES:
            del os.environ[name]
    ovh.config.CONFIG_PATH[:] = []
    instance = tempfile.mkdtemp(prefix="panel-tests-instance-")
    atexit.register(shutil.rmtree, instance, ignore_errors=True)
    os.environ[INSTANCE_VARIABLE] = instance
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        _apart(worker)
    return instance


def _apart(worker: str) -> None:
    """This xdist worker's own PostgreSQL database and Redis database number."""
    database = os.environ.get("DATABASE_URL")
    if database and database.startswith("postgresql"):
        url = make_url(database)
        name = f"{url.database}_{worker}"
        server = url.set(drivername="postgresql", database="postgres")
        conninfo = server.render_as_string(hide_password=False)

        def run(statement: str) -> None:
            with psycopg.connect(conninfo, autocommit=True) as connection:
                connection.execute(statement.encode())

        run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        run(f'CREATE DATABASE "{name}"')
        atexit.register(run, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        os.environ["DATABASE_URL"] = url.set(database=name).render_as_string(hide_password=False)
    redis = os.environ.get("REDIS_URL")
    if redis:
        url = make_url(redis)
        number = int(url.database or 0) + int(worker.removeprefix("gw"))
        os.environ["REDIS_URL"] = url.set(database=str(number)).render_as_string(
            hide_password=False
        )
