"""What every page loader shares: the hosting service read together with the page's own data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.extensions import ovh_api
from app.services import hosting
from app.services.client import OvhGateway


def with_service(service_name: str, *reads: Callable[[OvhGateway], Any]) -> list[Any]:
    """The service, then what each of ``reads`` returns: all read at once, one round trip."""
    gateway = ovh_api.gateway
    return gateway.gather(
        lambda: hosting.get_service(gateway, service_name),
        *(lambda read=read: read(gateway) for read in reads),
    )
