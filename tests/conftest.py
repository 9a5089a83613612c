"""Every test's fixtures, from ``tests/support``: the loopback guard, the sandbox on a loopback
port, and the panel app against it."""

from tests.support.isolation import isolate

isolate()

pytest_plugins = ["tests.support.network", "tests.support.sandbox", "tests.support.panel"]
