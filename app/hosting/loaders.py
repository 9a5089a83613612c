"""What the hosting pages show; the admin pages offer the same list of services to grant."""

from __future__ import annotations

from app.extensions import ovh_api
from app.services import hosting


def all_services() -> list[hosting.HostingService]:
    return hosting.list_services(ovh_api.gateway)


def service(service_name: str) -> hosting.HostingService:
    return hosting.get_service(ovh_api.gateway, service_name)


def service_names() -> list[str]:
    return hosting.list_service_names(ovh_api.gateway)
