"""What each page of the Domains tab shows, read from OVH in one round trip per page."""

from __future__ import annotations

from functools import partial
from typing import Any

from app.extensions import ovh_api
from app.loaders import with_service
from app.services import domains, hosting


def service_and_domains(
    service_name: str,
) -> tuple[hosting.HostingService, list[domains.AttachedDomain]]:
    service, attached = with_service(service_name, domains.list_domains)
    return service, attached


def index_page(service_name: str, with_dns: bool) -> dict[str, Any]:
    """The list; the DNS diagnosis (one call per domain) only when asked for inline."""
    service, attached = service_and_domains(service_name)
    diagnoses = dns_of(service_name, attached) if with_dns else None
    return {"service": service, "domains": attached, "diagnoses": diagnoses}


def dns_of(
    service_name: str, attached: list[domains.AttachedDomain] | None = None
) -> dict[str, domains.DnsDiagnosis]:
    gateway = ovh_api.gateway
    if attached is None:
        attached = domains.list_domains(gateway, service_name)
    return domains.diagnose_dns(gateway, service_name, [d.domain for d in attached])


def detach_page(service_name: str, domain: str) -> dict[str, Any]:
    service, current = with_service(service_name, partial(domains.get_domain, domain=domain))
    return {"service": service, "domain": current}
