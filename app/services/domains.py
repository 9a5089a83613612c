"""Attached domains (multisite): the addresses a hosting plan answers for, and where each points."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from typing import Any

from app.services.client import OvhGateway, path
from app.services.domain_names import display_name, registrable_domain, relative_name, zone_of
from app.services.errors import NotFound
from app.services.kept import read_kept
from app.services.tasks import Task, task_from_ovh

# OVH's hosting.web.CountryEnum: where an attached domain's IP may be located.
IP_LOCATIONS = ("BE", "CA", "CZ", "DE", "ES", "FI", "FR", "IE", "IT", "LT", "NL", "PL", "PT", "UK")

# How far the panel's clock and OVH's may differ when matching a task to the write that made it.
CLOCK_MARGIN = timedelta(minutes=2)

POINTS_HERE = "points_here"
POINTS_ELSEWHERE = "points_elsewhere"
NOT_CONFIGURED = "not_configured"
# digStatus calls one page view may make while the person waits; the rest come from what is kept
# (shared by everyone, for OVH_SLOW_CACHE_SECONDS) or are checked in the background.
DNS_CHECKS_PER_VIEW = 6


@dataclass(frozen=True)
class DnsRecord:
    """One DNS record; ``name`` is the full ASCII name, without the trailing dot."""

    type: str
    name: str
    value: str

    @property
    def zone(self) -> str:
        """The zone to edit, in Unicode (``café.fr``)."""
        return display_name(zone_of(self.name))

    @property
    def relative(self) -> str:
        """The name as typed into the zone's editor, in Unicode: ``boutique``, or ``@``."""
        return display_name(relative_name(self.name))

    @property
    def relative_ascii(self) -> str:
        """The same in ASCII (``xn--caf-dma``), for DNS editors that refuse accents."""
        return relative_name(self.name)


@dataclass(frozen=True)
class DnsDiagnosis:
    """Where a domain points, the records that point it elsewhere (to remove, by type) and the
    records that make it point to this hosting."""

    domain: str
    verdict: str
    records_to_create: tuple[DnsRecord, ...] = field(default=())
    records_to_remove: tuple[str, ...] = field(default=())

    @property
    def zone(self) -> str:
        return display_name(zone_of(self.domain))

    @property
    def relative(self) -> str:
        return display_name(relative_name(self.domain))


def ownership_records(domain: str, token: str) -> tuple[DnsRecord, ...]:
    """The ``ovhcontrol`` TXT record OVH asks for before attaching a domain managed outside the
    account, then, for a subdomain, the same record named after the subdomain.

    OVH's multisite guide puts it at the top of the zone (``ovhcontrol.example.com`` even for
    ``blog.example.com``); OVH's newer control panel names it after the full domain
    (``ovhcontrol.blog.example.com``). Which one OVH checks for a subdomain is not known
    (ovh_sandbox/README.md, UNCONFIRMED), so the second is offered as a fallback."""
    top = DnsRecord("TXT", f"ovhcontrol.{zone_of(domain)}", token)
    if zone_of(domain) == domain:
        return (top,)
    return (top, DnsRecord("TXT", f"ovhcontrol.{domain}", token))


@dataclass(frozen=True)
class DnsReport:
    """The diagnoses known for a list of domains, those still being checked, and how old the
    oldest one is (seconds)."""

    diagnoses: dict[str, DnsDiagnosis]
    pending: tuple[str, ...]
    oldest_age: float | None


@dataclass(frozen=True)
class DomainSettings:
    """The six things that can be chosen for an attached domain, in the panel's words: the one
    list of them (forms, changes, the summary and OVH's names all follow it)."""

    path: str
    ssl: bool
    cdn: bool
    firewall: bool
    ip_location: str | None
    own_log: str | None

    def to_ovh(self) -> dict[str, Any]:
        """The settings as OVH names them; a setting left empty is left out, never ``null``
        (OVH's control panel leaves an unchosen field out, and null is no enum value)."""
        body = {
            "path": self.path,
            "ssl": self.ssl,
            "cdn": "active" if self.cdn else "none",
            "firewall": "active" if self.firewall else "none",
            "ipLocation": self.ip_location,
            "ownLog": self.own_log,
        }
        return {name: value for name, value in body.items() if value is not None}


SETTINGS = tuple(setting.name for setting in fields(DomainSettings))


@dataclass(frozen=True)
class AttachedDomain(DomainSettings):
    domain: str
    status: str
    task_id: int | None

    @property
    def unicode(self) -> str:
        return display_name(self.domain)

    @property
    def busy(self) -> bool:
        return self.status != "created"


# The DomainSettings field behind each OVH body field.
OVH_FIELDS = {
    "path": "path",
    "ssl": "ssl",
    "cdn": "cdn",
    "firewall": "firewall",
    "ipLocation": "ip_location",
    "ownLog": "own_log",
}


@dataclass(frozen=True)
class Change:
    """One setting that differs: ``setting`` is a :class:`DomainSettings` field name."""

    setting: str
    before: Any
    after: Any


def changes_between(current: AttachedDomain, wanted: DomainSettings) -> list[Change]:
    return [
        Change(setting, getattr(current, setting), getattr(wanted, setting))
        for setting in SETTINGS
        if getattr(current, setting) != getattr(wanted, setting)
    ]


def update_body(current: AttachedDomain, wanted: DomainSettings) -> dict[str, Any]:
    """Only what the person changed, as OVH names it.

    A separate log switched off is sent as ``ownLog: null`` (the field is a plain string that can
    be null); an IP location cannot be unset through the API (no enum value means "none"), so
    choosing none leaves it as it is (README, UNCONFIRMED table).
    """
    changed = {change.setting for change in changes_between(current, wanted)}
    new = wanted.to_ovh()
    body: dict[str, Any] = {}
    for ovh_name, setting in OVH_FIELDS.items():
        if setting not in changed:
            continue
        if ovh_name in new:
            body[ovh_name] = new[ovh_name]
        elif ovh_name == "ownLog":
            body[ovh_name] = None
    return body


def find(domains: Sequence[AttachedDomain], name: str) -> AttachedDomain:
    """The attached domain called ``name`` (ASCII or Unicode form), or :class:`NotFound`."""
    for domain in domains:
        if name in (domain.domain, domain.unicode):
            return domain
    raise NotFound()


def list_domains(gateway: OvhGateway, service_name: str) -> list[AttachedDomain]:
    raw = gateway.get_objects(
        path("/hosting/web", service_name, "attachedDomain"), scope=service_name
    )
    return sorted((_domain(item) for item in raw), key=lambda domain: _sort_key(domain.domain))


def get_domain(gateway: OvhGateway, service_name: str, domain: str) -> AttachedDomain:
    return _domain(
        gateway.get(
            path("/hosting/web", service_name, "attachedDomain", domain), scope=service_name
        )
    )


def diagnose_dns(
    gateway: OvhGateway,
    service_name: str,
    domains: Sequence[str],
    refresh: bool = False,
    checks: int = DNS_CHECKS_PER_VIEW,
) -> DnsReport:
    """Each domain's DNS verdict (``digStatus``) as kept, at most ``checks`` calls now."""
    targets = {
        domain: path("/hosting/web", service_name, "attachedDomain", domain, "digStatus")
        for domain in domains
    }
    kept = read_kept(gateway, service_name, list(targets.values()), checks, refresh=refresh)
    diagnoses = {
        domain: _diagnosis(domain, kept[target].value)
        for domain, target in targets.items()
        if target in kept
    }
    ages = [answer.age for answer in kept.values()]
    return DnsReport(
        diagnoses=diagnoses,
        pending=tuple(domain for domain in domains if domain not in diagnoses),
        oldest_age=max(ages) if ages else None,
    )


def attach_domain(
    gateway: OvhGateway,
    service_name: str,
    domain: str,
    settings: DomainSettings,
    auto_dns: bool = True,
) -> Task:
    """Attach ``domain``. With ``auto_dns``, OVH also points it here when its DNS zone is in the
    same account (OVH's control panel's "automatic configuration", sent as
    ``bypassDNSConfiguration: false``; true leaves the zone alone)."""
    body = {"domain": domain, **settings.to_ovh(), "bypassDNSConfiguration": not auto_dns}
    raw = gateway.post(
        path("/hosting/web", service_name, "attachedDomain"), scope=service_name, **body
    )
    return task_from_ovh(service_name, raw)


def update_domain(
    gateway: OvhGateway, service_name: str, domain: str, body: dict[str, Any]
) -> int | None:
    """Send the new settings; returns the id of the task applying them.

    OVH answers a PUT with nothing: the task is the domain's ``taskId`` while it runs, else the
    newest ``attachedDomain/update`` task about this domain (it may already be over).
    """
    target = path("/hosting/web", service_name, "attachedDomain", domain)
    sent_at = datetime.now(UTC)
    gateway.put(target, scope=service_name, **body)
    task_id = get_domain(gateway, service_name, domain).task_id
    if task_id is not None:
        return int(task_id)
    updates = [
        task_from_ovh(service_name, raw)
        for raw in gateway.get_objects(
            path("/hosting/web", service_name, "tasks"),
            scope=service_name,
            function="attachedDomain/update",
        )
    ]
    return _update_task_of(updates, domain, sent_at)


def _update_task_of(updates: Sequence[Task], domain: str, sent_at: datetime) -> int | None:
    """The update task the PUT started. A task naming the domain is taken first; on OVH the
    ``objectId`` is the attached domain's number, which no read shows, so otherwise the newest
    update task started since the PUT (give or take the clocks' difference)."""
    by_name = [task.id for task in updates if task.object_id == domain]
    if by_name:
        return max(by_name)
    since = sent_at - CLOCK_MARGIN
    recent = [task.id for task in updates if task.started is not None and task.started >= since]
    return max(recent, default=None)


def detach_domain(gateway: OvhGateway, service_name: str, domain: str, leave_dns: bool) -> Task:
    raw = gateway.delete(
        path("/hosting/web", service_name, "attachedDomain", domain),
        scope=service_name,
        bypassDNSConfiguration=leave_dns,
    )
    return task_from_ovh(service_name, raw)


def _domain(raw: dict[str, Any]) -> AttachedDomain:
    return AttachedDomain(
        domain=str(raw["domain"]),
        path=str(raw.get("path") or ""),
        ssl=bool(raw.get("ssl")),
        cdn=raw.get("cdn") == "active",
        firewall=raw.get("firewall") == "active",
        ip_location=raw.get("ipLocation"),
        own_log=raw.get("ownLog"),
        status=str(raw.get("status") or "created"),
        task_id=raw.get("taskId"),
    )


def _diagnosis(domain: str, raw: dict[str, Any] | None) -> DnsDiagnosis:
    raw = raw or {}  # a 404: the domain is gone, so nothing points to it through this hosting
    records = raw.get("records") or {}
    recommended = raw.get("recommendedIps") or {}
    wanted = [
        *(DnsRecord("A", domain, ip) for ip in recommended.get("recommendedIpV4") or ()),
        *(DnsRecord("AAAA", domain, ip) for ip in recommended.get("recommendedIpV6") or ()),
    ]
    address_records = [
        status
        for kind, status in records.items()
        if kind in ("A", "AAAA") and isinstance(status, dict)
    ]
    if not address_records:
        return DnsDiagnosis(domain, NOT_CONFIGURED, tuple(wanted))
    # A record of this name that exists but does not point here sends visitors elsewhere: it
    # has to go, or browsers pick between the old server and this one at random.
    elsewhere = tuple(
        sorted(
            kind
            for kind, status in records.items()
            if kind in ("A", "AAAA")
            and isinstance(status, dict)
            and not status.get("dnsConfigured")
        )
    )
    if any(status.get("dnsConfigured") for status in address_records):
        missing = {
            kind
            for kind, status in records.items()
            if isinstance(status, dict) and not status.get("dnsConfigured")
        }
        to_create = tuple(r for r in wanted if r.type in missing)
        return DnsDiagnosis(domain, POINTS_HERE, to_create, elsewhere)
    return DnsDiagnosis(domain, POINTS_ELSEWHERE, tuple(wanted), elsewhere)


def _sort_key(domain: str) -> tuple[str, bool, str]:
    """Each registrable domain, then its subdomains: example.com, www.example.com, blog.…"""
    parent = registrable_domain(domain) or domain
    return (parent, domain != parent and domain != f"www.{parent}", domain)
