"""Hosting services: the plans of the connected OVH account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.services.client import OvhGateway, path
from app.services.units import Quantity, Usage


@dataclass(frozen=True)
class PhpVersion:
    version: str
    support: str


@dataclass(frozen=True)
class HostingService:
    service_name: str
    display_name: str | None
    offer: str
    state: str
    cluster: str
    datacenter: str
    home: str
    primary_login: str
    disk: Usage
    traffic: Usage
    php_versions: tuple[PhpVersion, ...]
    hosting_ipv4: str | None
    hosting_ipv6: str | None
    ovhcontrol_token: str | None
    multiple_ssl: bool
    has_hosted_ssl: bool
    default_attached_domain: str | None

    @property
    def name(self) -> str:
        """What people call the service: its display name, else its technical name."""
        return self.display_name or self.service_name


def list_services(gateway: OvhGateway) -> list[HostingService]:
    """Every hosting service of the account, sorted by name, in one round trip."""
    services = [_service(raw) for raw in gateway.get_objects("/hosting/web")]
    return sorted(services, key=lambda service: service.name.lower())


def get_service(gateway: OvhGateway, service_name: str) -> HostingService:
    return _service(gateway.get(path("/hosting/web", service_name), scope=service_name))


def service_labels(gateway: OvhGateway) -> dict[str, str]:
    """Each service's name as people know it (its display name, else its technical name), by
    technical name, in the order people read them."""
    return {service.service_name: service.name for service in list_services(gateway)}


def _service(raw: dict[str, Any]) -> HostingService:
    return HostingService(
        service_name=raw["serviceName"],
        display_name=raw.get("displayName") or None,
        offer=str(raw.get("offer") or ""),
        state=str(raw.get("state") or "unknown"),
        cluster=str(raw.get("cluster") or ""),
        datacenter=str(raw.get("datacenter") or ""),
        home=str(raw.get("home") or ""),
        primary_login=str(raw.get("primaryLogin") or ""),
        disk=Usage(
            Quantity.from_ovh(raw.get("quotaUsed")), Quantity.from_ovh(raw.get("quotaSize"))
        ),
        traffic=Usage(
            Quantity.from_ovh(raw.get("trafficQuotaUsed")),
            Quantity.from_ovh(raw.get("trafficQuotaSize")),
        ),
        php_versions=tuple(
            PhpVersion(version=str(item.get("version")), support=str(item.get("support")))
            for item in raw.get("phpVersions") or ()
        ),
        hosting_ipv4=raw.get("hostingIp") or raw.get("clusterIp"),
        hosting_ipv6=raw.get("hostingIpv6") or raw.get("clusterIpv6"),
        ovhcontrol_token=raw.get("token"),
        multiple_ssl=bool(raw.get("multipleSSL")),
        has_hosted_ssl=bool(raw.get("hasHostedSsl")),
        default_attached_domain=raw.get("defaultAttachedDomain"),
    )


@dataclass(frozen=True)
class Renewal:
    """``services.Service`` of a plan: when it expires, whether OVH renews it by itself, and its
    billing status (``ok``, ``expired``, ``unPaid``, ``pendingDebt``…)."""

    expiration: date | None
    automatic: bool
    delete_at_expiration: bool
    status: str

    def days_left(self, today: date) -> int | None:
        return (self.expiration - today).days if self.expiration else None


def get_renewal(gateway: OvhGateway, service_name: str) -> Renewal:
    raw = gateway.get(path("/hosting/web", service_name, "serviceInfos"), scope=service_name)
    renew = raw.get("renew") or {}
    expiration = raw.get("expiration")
    return Renewal(
        expiration=date.fromisoformat(expiration[:10]) if expiration else None,
        automatic=bool(renew.get("automatic")),
        delete_at_expiration=bool(renew.get("deleteAtExpiration")),
        status=str(raw.get("status") or "ok"),
    )
