"""What the inventory reads from OVH, per plan: its attached domains, its certificate (what it
covers, no report), its databases, its installed applications, its FTP logins, and the DNS
verdicts the panel keeps (at most :data:`DNS_CHECKS` asked now; the others say "Not checked
yet"). Six calls per plan plus at most three DNS checks, and one per application version in the
whole account (kept); the plans read concurrently, every call within the fair-use budget like any
page's. When an imported certificate ends comes from the panel's audit trail (one query)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from app.audit import imported_certificate_ends
from app.extensions import ovh_api
from app.inventory.sheets import SHEETS, Plan, Sheet, SheetSpec, build
from app.services import databases, domains, ftp_users, hosting, modules, ssl
from app.services.client import OvhGateway

DNS_CHECKS = 3
# A plan with a certificate per domain (multipleSSL): at most this many asked now, instead of
# the plan's certificate (two calls); the others come from what the panel keeps, or are read in
# the background and said "Not read yet".
DOMAIN_CERTIFICATES = 3
# The calls the reads below make per plan: its domains, its certificate (two), databases,
# applications and FTP logins; then at most DNS_CHECKS, and once per application version.
CALLS_PER_PLAN = 6


def _certificate(gateway: OvhGateway, service_name: str) -> ssl.Certificate | None:
    return ssl.get_certificate(gateway, service_name, with_report=False)


# Each read a sheet may name: ``read(gateway, service_name)``, all sent together.
READS: dict[str, Callable[[OvhGateway, str], Any]] = {
    "domains": domains.list_domains,
    "certificate": _certificate,
    "databases": databases.list_databases,
    "modules": modules.list_installed,
    "users": ftp_users.list_users,
}
# Reads that need another's answer first: ``read(gateway, service_name, reads)``.
AFTER: dict[str, Callable[[OvhGateway, str, dict[str, Any]], Any]] = {
    "dns": lambda gateway, service_name, reads: domains.diagnose_dns(
        gateway, service_name, [d.domain for d in reads["domains"]], checks=DNS_CHECKS
    ),
    "applications": lambda gateway, _name, reads: modules.catalogue_entries(
        gateway, [m.module_id for m in reads["modules"]]
    ),
}
NEEDS = {"dns": "domains", "applications": "modules", "certificate": "domains"}


def read_plans(
    services: Sequence[hosting.HostingService], specs: Sequence[SheetSpec] = SHEETS
) -> list[Plan]:
    """What the sheets ``specs`` need about each of ``services``."""
    gateway = ovh_api.gateway
    wanted = {name for spec in specs for name in spec.reads}
    wanted |= {NEEDS[name] for name in wanted if name in NEEDS}
    first = [name for name in READS if name in wanted]
    ends = (
        imported_certificate_ends([s.service_name for s in services])
        if "certificate_end" in wanted
        else {}
    )

    def read(service: hosting.HostingService) -> Plan:
        name = service.service_name
        now = [each for each in first if not (each == "certificate" and service.multiple_ssl)]
        answers = gateway.gather(*(partial(READS[each], gateway, name) for each in now))
        reads: dict[str, Any] = {"certificate": None, "domain_certificates": None}
        reads.update(zip(now, answers, strict=True))
        for each, after in AFTER.items():
            if each in wanted:
                reads[each] = after(gateway, name, reads)
        if "certificate" in wanted and service.multiple_ssl:
            reads["domain_certificates"] = ssl.list_domain_certificates(
                gateway,
                name,
                [d.domain for d in reads["domains"] if d.ssl],
                calls=DOMAIN_CERTIFICATES,
                with_report=False,
            )
        reads["certificate_end"] = ends.get(name)
        return Plan(service, reads)

    return gateway.map(read, services)


def inventory(
    services: Sequence[hosting.HostingService], specs: Sequence[SheetSpec] = SHEETS
) -> list[Sheet]:
    """The sheets, for the plans ``services`` (those the person may see)."""
    return build(specs, read_plans(services, specs))
