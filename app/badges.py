"""Badges: the colour and plain words of every value OVH reports, by kind, for every template.

Each area keeps its own table (its labels module); this is the one helper templates call, as
``badge_of(kind, value)`` through the ``badge`` macro of ``_macros/ui.html``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.databases import labels as databases
from app.domains import labels as domains
from app.hosting import labels as hosting
from app.ssl import labels as ssl
from app.tasks import names as tasks

TABLES: Mapping[str, Mapping[str, tuple[str, Any]]] = {
    "hosting": hosting.STATE_BADGES,
    "php": hosting.PHP_SUPPORT_BADGES,
    "domain": domains.STATUS_BADGES,
    "dns": domains.DNS_BADGES,
    "ssl": ssl.STATUSES,
    "ssl_report": ssl.REPORT_STATUSES,
    "database": databases.STATUS_BADGES,
    "database_state": databases.STATE_BADGES,
    "version_support": databases.SUPPORT_BADGES,
    "task": tasks.STATUS_BADGES,
}
# A value no table knows is shown as it is, in grey; a task's in orange, never as success.
UNKNOWN_COLOURS = {"task": "warning", "domain": "primary"}


def badge_of(kind: str, value: str | None) -> tuple[str, Any]:
    """The colour and words for ``value`` of this kind (the value itself when unknown)."""
    colour, label = TABLES[kind].get(value or "", (UNKNOWN_COLOURS.get(kind, "secondary"), None))
    return colour, value if label is None else label
