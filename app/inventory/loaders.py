"""What the inventory reads from OVH, per plan: its attached domains, its certificate (what it
covers, no report), its databases, and the DNS verdicts the panel keeps (at most
:data:`DNS_CHECKS` asked now; the others say "Not checked yet"). About five calls per plan, the
plans read concurrently, every call within the fair-use budget like any page's."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from app.extensions import ovh_api
from app.inventory.sheets import SHEETS, Plan, Sheet, SheetSpec, build
from app.services import databases, domains, hosting, ssl
from app.services.client import OvhGateway

DNS_CHECKS = 3


def _certificate(gateway: OvhGateway, service_name: str) -> ssl.Certificate | None:
    return ssl.get_certificate(gateway, service_name, with_report=False)


# Each read a sheet may name: ``read(gateway, service_name)``.
READS: dict[str, Callable[[OvhGateway, str], Any]] = {
    "domains": domains.list_domains,
    "certificate": _certificate,
    "databases": databases.list_databases,
}
# Reads that need another's answer first: ``read(gateway, service_name, reads)``.
AFTER: dict[str, Callable[[OvhGateway, str, dict[str, Any]], Any]] = {
    "dns": lambda gateway, service_name, reads: domains.diagnose_dns(
        gateway, service_name, [d.domain for d in reads["domains"]], checks=DNS_CHECKS
    ),
}


def inventory(
    services: Sequence[hosting.HostingService], specs: Sequence[SheetSpec] = SHEETS
) -> list[Sheet]:
    """The sheets, for the plans ``services`` (those the person may see)."""
    gateway = ovh_api.gateway
    wanted = {name for spec in specs for name in spec.reads}
    if "dns" in wanted:
        wanted.add("domains")
    first = [name for name in READS if name in wanted]

    def read(service: hosting.HostingService) -> Plan:
        name = service.service_name
        answers = gateway.gather(*(partial(READS[each], gateway, name) for each in first))
        reads = dict(zip(first, answers, strict=True))
        for each, after in AFTER.items():
            if each in wanted:
                reads[each] = after(gateway, name, reads)
        return Plan(service, reads)

    return build(specs, gateway.map(read, services))
