"""Plain words and badge colours for what OVH says about a hosting plan."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

# Colour and plain words for every state OVH reports; anything else is shown as it is, in grey.
STATE_BADGES: dict[str, tuple[str, Any]] = {
    "active": ("success", _l("Active")),
    "bloqued": ("danger", _l("Blocked")),
    "blocked": ("danger", _l("Blocked")),
    "hardBlocked": ("danger", _l("Blocked by OVH")),
    "hardBloqued": ("danger", _l("Blocked by OVH")),
    "maintenance": ("warning", _l("Under maintenance")),
}

# hosting.web.PhpVersionStateEnum: how long OVH keeps a PHP version up to date.
PHP_SUPPORT_BADGES: dict[str, tuple[str, Any]] = {
    "SUPPORTED": ("success", None),
    "SECURITY_FIXES": ("warning", None),
}
