"""Page loaders: the hosting service read with a page's own data, and what the hosting, Domains
and administration pages show (the other tabs keep theirs in ``app/<area>/loaders.py``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from app.extensions import ovh_api
from app.services import account, domains, hosting
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


def service_and_domains(
    service_name: str,
) -> tuple[hosting.HostingService, list[domains.AttachedDomain]]:
    service, attached = with_service(service_name, domains.list_domains)
    return service, attached


def index_page(service_name: str, with_dns: bool, fresh: bool) -> dict[str, Any]:
    """The list; the DNS diagnosis only when asked for inline (it is kept and shared, a few
    domains asked per view; ``fresh`` is "Check again")."""
    service, attached = service_and_domains(service_name)
    report = dns_of(service_name, fresh, attached) if with_dns else None
    return {"service": service, "domains": attached, "dns": report}


def dns_of(
    service_name: str, fresh: bool, attached: list[domains.AttachedDomain] | None = None
) -> domains.DnsReport:
    gateway = ovh_api.gateway
    if attached is None:
        attached = domains.list_domains(gateway, service_name)
    names = [d.domain for d in attached]
    return domains.diagnose_dns(gateway, service_name, names, refresh=fresh)


def detach_page(service_name: str, domain: str) -> dict[str, Any]:
    service, current = with_service(service_name, partial(domains.get_domain, domain=domain))
    return {"service": service, "domain": current}
