"""Every test's fixtures, from ``tests/support``: the loopback guard, the sandbox on a loopback
port, and the panel app against it."""

import os

from tests.support.isolation import isolate

isolate()
# The suite runs the panel on its sandbox: the demo mode, chosen by name as production never does.
# Tests of production settings take it away with monkeypatch.
os.environ["PANEL_DEMO"] = "1"

pytest_plugins = [
    "tests.support.network",
    "tests.support.sandbox",
    "tests.support.panel",
    "tests.support.mail",
]
