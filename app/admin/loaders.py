"""What the administration pages read from OVH."""

from __future__ import annotations

from typing import Any

from app.extensions import ovh_api
from app.services import account
from app.services.errors import PanelError


def connection_page(endpoint: str) -> dict[str, Any]:
    """The panel's OVH access as OVH describes it, or why it cannot be read just now."""
    try:
        info, error = account.connection_info(ovh_api.gateway, endpoint), None
    except PanelError as failure:
        info, error = None, failure
    return {"info": info, "error": error, "endpoint": endpoint}
