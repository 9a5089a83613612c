"""Panel tests: every call the pages make to the sandbox is checked against OVH's schema."""

from tests.support.conformance import schema_conformance  # noqa: F401
