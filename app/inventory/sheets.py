"""The inventory's sheets. Each is one function, registered with :func:`sheet`: it names the OVH
reads it needs (``app/inventory/loaders.py:READS``) and turns one plan's into rows. Adding a
sheet (applications, FTP accounts…) is one more such function, and its read if it is new."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l

from app.services.domains import AttachedDomain, DnsReport
from app.services.hosting import HostingService
from app.services.ssl import IMPORTED, Certificate, DomainCertificates
from app.services.units import Usage


@dataclass(frozen=True)
class Column:
    key: str  # the JSON key, and the column's identity
    title: Any  # what a person reads atop the column
    words: str | None = None  # a kind of ``app.labels.WORDS``: shown as words in CSV and XLSX


@dataclass(frozen=True)
class Plan:
    """One plan and what was read about it (by read name)."""

    service: HostingService
    reads: Mapping[str, Any]


Rows = Callable[[Plan], Iterable[Sequence[Any]]]


@dataclass(frozen=True)
class SheetSpec:
    key: str
    title: Any
    columns: tuple[Column, ...]
    reads: tuple[str, ...]
    rows: Rows


@dataclass(frozen=True)
class Sheet:
    key: str
    title: Any
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]


SHEETS: list[SheetSpec] = []
PLAN = Column("plan", _l("Plan (technical name)"))


def sheet(key: str, title: Any, columns: Sequence[Column], reads: Sequence[str] = ()) -> Any:
    """Register ``rows(plan)`` as a sheet; every sheet starts with the plan's technical name."""

    def register(rows: Rows) -> Rows:
        SHEETS.append(SheetSpec(key, title, (PLAN, *columns), tuple(reads), rows))
        return rows

    return register


def build(specs: Sequence[SheetSpec], plans: Sequence[Plan]) -> list[Sheet]:
    return [
        Sheet(
            spec.key,
            spec.title,
            spec.columns,
            tuple((plan.service.service_name, *row) for plan in plans for row in spec.rows(plan)),
        )
        for spec in specs
    ]


def _bytes(usage: Usage, part: str) -> int | None:
    quantity = getattr(usage, part)
    return int(quantity.bytes) if quantity is not None and quantity.bytes is not None else None


@sheet(
    "plans",
    _l("Hosting plans"),
    [
        Column("name", _l("Name")),
        Column("offer", _l("Offer"), "offer"),
        Column("state", _l("State"), "hosting"),
        Column("cluster", _l("Cluster")),
        Column("datacenter", _l("Datacenter")),
        Column("disk_used_bytes", _l("Disk used (bytes)")),
        Column("disk_quota_bytes", _l("Disk space (bytes)")),
        Column("ipv4", _l("IPv4 address")),
    ],
)
def plans(plan: Plan) -> Iterable[Sequence[Any]]:
    service = plan.service
    yield (
        service.name,
        service.offer,
        service.state,
        service.cluster,
        service.datacenter,
        _bytes(service.disk, "used"),
        _bytes(service.disk, "size"),
        service.hosting_ipv4,
    )


@sheet(
    "domains",
    _l("Domains"),
    [
        Column("domain", _l("Domain")),
        Column("folder", _l("Folder")),
        Column("status", _l("Status"), "domain"),
        Column("dns", _l("DNS"), "dns"),
        Column("https", _l("HTTPS asked")),
        Column("https_covered", _l("HTTPS covered by the certificate")),
        Column("cdn", _l("CDN")),
        Column("firewall", _l("Firewall")),
    ],
    reads=("domains", "dns", "certificate"),
)
def domains(plan: Plan) -> Iterable[Sequence[Any]]:
    attached: list[AttachedDomain] = plan.reads["domains"]
    report: DnsReport = plan.reads["dns"]
    for domain in attached:
        diagnosis = report.diagnoses.get(domain.domain)
        covered = _covered(plan, domain.domain)
        yield (
            domain.unicode,
            domain.path,
            domain.status,
            diagnosis.verdict if diagnosis else "pending",
            domain.ssl,
            covered if domain.ssl else None,
            domain.cdn,
            domain.firewall,
        )


@sheet(
    "certificates",
    _l("Certificates"),
    [
        Column("provider", _l("Issued by"), "ssl_provider"),
        Column("type", _l("Type"), "ssl_type"),
        Column("status", _l("Status"), "ssl"),
        Column("covers", _l("Covers")),
        Column("uncovered_https", _l("Domains with HTTPS it does not cover")),
        Column("expires", _l("Ends on")),
        Column("expires_known", _l("About the end date"), "certificate_end"),
    ],
    reads=("certificate", "domains", "certificate_end"),
)
def certificates(plan: Plan) -> Iterable[Sequence[Any]]:
    attached: list[AttachedDomain] = plan.reads["domains"]
    per_domain: DomainCertificates | None = plan.reads["domain_certificates"]
    if per_domain is not None:  # multipleSSL: each domain with HTTPS has its own
        names = {d.domain: d.unicode for d in attached}
        for name in per_domain.domains:
            found = per_domain.found.get(name)
            if name in per_domain.pending:
                yield (None, None, None, names.get(name, name), "", None, "pending")
            elif found is not None:
                ends, known = certificate_end(found, None)
                left_out = "" if found.covers(name) else names.get(name, name)
                yield (found.provider, found.type, found.status, names.get(name, name), left_out,
                       ends, known)  # fmt: skip
        return
    certificate: Certificate | None = plan.reads["certificate"]
    if certificate is None:
        return
    uncovered = [d.unicode for d in attached if d.ssl and not certificate.covers(d.domain)]
    ends, known = certificate_end(certificate, plan.reads["certificate_end"])
    yield (
        certificate.provider,
        certificate.type,
        certificate.status,
        ", ".join(certificate.domains),
        ", ".join(uncovered),
        ends,
        known,
    )


def _covered(plan: Plan, domain: str) -> bool | None:
    """Whether the plan's certificate, or the domain's own, covers it; ``None`` if not read yet."""
    per_domain: DomainCertificates | None = plan.reads["domain_certificates"]
    if per_domain is None:
        certificate: Certificate | None = plan.reads["certificate"]
    elif domain in per_domain.pending:
        return None
    else:
        certificate = per_domain.found.get(domain)
    return certificate is not None and certificate.covers(domain)


def certificate_end(
    certificate: Certificate, imported_end: datetime | None
) -> tuple[str | None, str]:
    """What is truthfully known of when the certificate ends: OVH's hosted SSL has no end date
    (``hosting.web.SSL``); Let's Encrypt is renewed by OVH; an imported certificate's end was
    read from it when it was installed through the panel (the audit trail), else it is unknown."""
    if certificate.lets_encrypt:
        return None, "renewed_by_ovh"
    if certificate.provider == IMPORTED and imported_end is not None:
        return imported_end.date().isoformat(), "imported"
    return None, "unknown" if certificate.provider == IMPORTED else "ordered"


@sheet(
    "databases",
    _l("Databases"),
    [
        Column("name", _l("Name")),
        Column("engine", _l("Engine"), "engine"),
        Column("version", _l("Version")),
        Column("status", _l("Status"), "database"),
        Column("size_bytes", _l("Size (bytes)")),
        Column("quota_bytes", _l("Quota (bytes)")),
        Column("server", _l("Server")),
        Column("user", _l("User")),
    ],
    reads=("databases",),
)
def databases(plan: Plan) -> Iterable[Sequence[Any]]:
    for database in plan.reads["databases"]:
        yield (
            database.name,
            database.engine,
            database.version,
            database.status,
            _bytes(database.disk, "used"),
            _bytes(database.disk, "size"),
            database.server,
            database.user,
        )
