"""The suite runs apart from the developer's own settings and never writes into the working tree.

Called first thing by ``tests/conftest.py``, before the panel is imported:

- every ``OVH_*`` and ``SANDBOX_*`` variable, ``SECRET_KEY`` and ``FLASK_DEBUG`` leave this
  process's environment (the suite's own ``DATABASE_URL`` and ``REDIS_URL`` stay: they choose the
  test database and Redis, as ``.ci/run`` does);
- python-ovh reads no ``ovh.conf`` (not ``./ovh.conf``, ``~/.ovh.conf`` nor ``/etc/ovh.conf``);
- the panel's instance folder is a temporary directory, removed at exit, so nothing is written
  under ``instance/``.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import ovh.config

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
    return instance
