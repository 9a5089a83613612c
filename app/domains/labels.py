"""Badge colours and plain words for an attached domain's status and its DNS verdict."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app.services.domains import NOT_CONFIGURED, POINTS_ELSEWHERE, POINTS_HERE

# hosting.web.attachedDomain.StatusEnum.
STATUS_BADGES: dict[str, tuple[str, Any]] = {
    "created": ("success", _l("Ready")),
    "creating": ("primary", _l("Being attached")),
    "updating": ("primary", _l("Being changed")),
    "deleting": ("primary", _l("Being detached")),
}

DNS_BADGES: dict[str, tuple[str, Any]] = {
    POINTS_HERE: ("success", _l("Points to this hosting")),
    POINTS_ELSEWHERE: ("warning", _l("Points elsewhere")),
    NOT_CONFIGURED: ("secondary", _l("Not configured")),
}
