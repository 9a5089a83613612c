"""Page loaders every area shares: the hosting service read with a page's own data, the
hosting pages, and what the administration pages read from OVH."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from app.extensions import ovh_api
from app.services import account, hosting
from app.services.client import OvhGateway
from app.services.errors import PanelError


def with_service(service_name: str, *reads: Callable[[OvhGateway, str], Any]) -> list[Any]:
    """The service, then each of ``reads(gateway, service_name)``: read at once, one round trip."""
    gateway = ovh_api.gateway
    return gateway.gather(
        *(partial(read, gateway, service_name) for read in (hosting.get_service, *reads))
    )


def all_services() -> list[hosting.HostingService]:
    return hosting.list_services(ovh_api.gateway)


def service(service_name: str) -> hosting.HostingService:
    return hosting.get_service(ovh_api.gateway, service_name)


def service_names() -> list[str]:
    return hosting.list_service_names(ovh_api.gateway)


def connection_page(endpoint: str) -> dict[str, Any]:
    """The panel's OVH access as OVH describes it, or why it cannot be read just now."""
    try:
        info, error = account.connection_info(ovh_api.gateway, endpoint), None
    except PanelError as failure:
        info, error = None, failure
    return {"info": info, "error": error, "endpoint": endpoint}
