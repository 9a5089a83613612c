"""SSL certificates of a hosting service: read, order (Let's Encrypt), import, regenerate, delete.

OVH answers every SSL write with the certificate (``hosting.web.SSL``), not a task: the task to
follow is its ``taskId``. On offers with ``multipleSSL`` each attached domain has its own
certificate under ``…/attachedDomain/{domain}/ssl``; ``domain=None`` means the service's one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from app.services.certificates import name_covers
from app.services.client import OvhGateway, path
from app.services.domains import POINTS_HERE, AttachedDomain, DnsDiagnosis, diagnose_dns
from app.services.errors import NotFound
from app.services.kept import read_kept

LETS_ENCRYPT = "LETSENCRYPT"
IMPORTED = "CUSTOM"
REPORT_FIELDS = (
    "certificateSigningRequestStatus",
    "domainControlValidationStatus",
    "organizationValidationStatus",
    "phoneCallApprovalStatus",
    "termsAndConditionsAcceptanceStatus",
    "tradeNameVerificationStatus",
)
REGENERATIONS_PER_WEEK = 5  # Let's Encrypt's limit as OVH documents it.
# Per-domain certificate calls (two per domain) one view of the SSL tab may make while the person
# waits; the others come from what is kept or are read in the background.
DOMAIN_CERTIFICATE_CALLS_PER_VIEW = 6
# digStatus calls the order page may make: it needs more of them than the domains tab shows.
ORDER_DNS_CHECKS = 10


@dataclass(frozen=True)
class Certificate:
    provider: str
    type: str
    status: str
    regenerable: bool
    task_id: int | None
    domains: tuple[str, ...]
    report: tuple[tuple[str, str], ...]
    domain: str | None = None

    @property
    def lets_encrypt(self) -> bool:
        return self.provider == LETS_ENCRYPT

    @property
    def busy(self) -> bool:
        return self.status != "created"

    def covers(self, domain: str) -> bool:
        return any(name_covers(name, domain) for name in self.domains)


@dataclass(frozen=True)
class Coverage:
    """How the attached domains relate to a certificate."""

    covered: tuple[AttachedDomain, ...]
    waiting: tuple[AttachedDomain, ...]  # SSL ticked, not in the certificate yet
    without_ssl: tuple[AttachedDomain, ...]


@dataclass(frozen=True)
class Readiness:
    """Which domains a Let's Encrypt order will include, and which will fail and why."""

    ready: tuple[str, ...]
    failing: tuple[DnsDiagnosis, ...]
    without_ssl: tuple[str, ...]
    unchecked: tuple[str, ...] = ()  # DNS not checked yet (being checked in the background)


@dataclass(frozen=True)
class DomainCertificates:
    """Each attached domain's own certificate as known, those still being read, and the age of
    the oldest answer (seconds)."""

    domains: tuple[str, ...]
    found: dict[str, Certificate | None]
    pending: tuple[str, ...]
    oldest_age: float | None


def _base(service_name: str, domain: str | None) -> str:
    if domain is None:
        return path("/hosting/web", service_name, "ssl")
    return path("/hosting/web", service_name, "attachedDomain", domain, "ssl")


def get_certificate(
    gateway: OvhGateway, service_name: str, domain: str | None = None, with_report: bool = True
) -> Certificate | None:
    """The certificate with what it covers and its validation report; ``None`` when none.

    The three reads go out together, one round trip: when there is no certificate the other
    two answer "not found" too, which costs two calls but no wait.
    """
    base = _base(service_name, domain)

    def read(target: str) -> Callable[[], Any]:
        return lambda: _read(lambda: gateway.get(target, scope=service_name))

    if domain is None and not with_report:
        raw, names = gateway.gather(read(base), read(base + "/domains"))
        report = None
    elif domain is None:
        raw, names, report = gateway.gather(
            read(base), read(base + "/domains"), read(base + "/report")
        )
    else:
        raw, report = gateway.gather(read(base), read(base + "/report"))
        names = [domain]
    if not isinstance(raw, dict) or not raw.get("provider"):
        return None
    return _certificate(raw, names, report, domain)


def certificate_names(gateway: OvhGateway, service_name: str) -> tuple[str, ...]:
    """The names the service's certificate covers (``…/ssl/domains``); none without one."""
    names = _read(lambda: gateway.get(_base(service_name, None) + "/domains", scope=service_name))
    return tuple(str(name) for name in names or ())


def https_pending(names: Sequence[str], domains: Sequence[AttachedDomain]) -> frozenset[str]:
    """The domains with HTTPS asked for (``ssl``) that a certificate covering ``names`` does not
    cover: HTTPS is switched on for them, but visitors do not have it yet."""
    return frozenset(d.domain for d in domains if d.ssl and not names_cover(names, d.domain))


def names_cover(names: Sequence[str], domain: str) -> bool:
    """Whether a certificate for ``names`` covers ``domain`` (wildcards included)."""
    return any(name_covers(name, domain) for name in names)


def list_domain_certificates(
    gateway: OvhGateway,
    service_name: str,
    domains: Sequence[str],
    refresh: bool = False,
    calls: int = DOMAIN_CERTIFICATE_CALLS_PER_VIEW,
    with_report: bool = True,
) -> DomainCertificates:
    """Each attached domain's own certificate (offers with ``multipleSSL``), as kept, at most
    ``calls`` calls now; ``with_report`` reads each one's validation report too."""
    reads = ("", "/report") if with_report else ("",)
    targets = [_base(service_name, domain) + each for domain in domains for each in reads]
    kept = read_kept(gateway, service_name, targets, calls, refresh=refresh)
    found: dict[str, Certificate | None] = {}
    for domain in domains:
        base = _base(service_name, domain)
        if base not in kept:
            continue
        raw = kept[base].value
        report = kept[base + "/report"].value if base + "/report" in kept else None
        has_one = isinstance(raw, dict) and raw.get("provider")
        found[domain] = _certificate(raw, [domain], report, domain) if has_one else None
    ages = [answer.age for answer in kept.values()]
    return DomainCertificates(
        domains=tuple(domains),
        found=found,
        pending=tuple(domain for domain in domains if domain not in found),
        oldest_age=max(ages) if ages else None,
    )


def coverage(certificate: Certificate | None, domains: Sequence[AttachedDomain]) -> Coverage:
    with_ssl = [d for d in domains if d.ssl]
    covered = [d for d in with_ssl if certificate is not None and certificate.covers(d.domain)]
    return Coverage(
        covered=tuple(covered),
        waiting=tuple(d for d in with_ssl if d not in covered),
        without_ssl=tuple(d for d in domains if not d.ssl),
    )


def check_readiness(
    gateway: OvhGateway, service_name: str, domains: Sequence[AttachedDomain]
) -> Readiness:
    """Let's Encrypt includes domains with SSL ticked that point here; ask ``digStatus`` first."""
    wanted = [d.domain for d in domains if d.ssl]
    report = diagnose_dns(gateway, service_name, wanted, checks=ORDER_DNS_CHECKS)
    diagnoses = report.diagnoses
    checked = [d for d in wanted if d in diagnoses]
    return Readiness(
        ready=tuple(d for d in checked if diagnoses[d].verdict == POINTS_HERE),
        failing=tuple(diagnoses[d] for d in checked if diagnoses[d].verdict != POINTS_HERE),
        without_ssl=tuple(d.domain for d in domains if not d.ssl),
        unchecked=report.pending,
    )


def order_lets_encrypt(
    gateway: OvhGateway, service_name: str, domain: str | None = None
) -> int | None:
    """Order the free certificate; returns the id of the task creating it, when OVH says.

    The service's route requires a body (``hosting.web.SSLInput``) and OVH's control panel sends
    ``{}``; the per-domain route takes none."""
    if domain is None:
        raw = gateway.post_object(_base(service_name, None), scope=service_name, body={})
    else:
        raw = gateway.post(_base(service_name, domain), scope=service_name)
    return _task_id(gateway, service_name, domain, raw)


def import_certificate(
    gateway: OvhGateway, service_name: str, certificate: str, key: str, chain: str
) -> int | None:
    body = {"certificate": certificate, "key": key}
    if chain:
        body["chain"] = chain
    raw = gateway.post(_base(service_name, None), scope=service_name, **body)
    return _task_id(gateway, service_name, None, raw)


def regenerate_certificate(
    gateway: OvhGateway, service_name: str, domain: str | None = None
) -> int | None:
    base = _base(service_name, domain)
    if domain is None:
        raw = gateway.post(base + "/regenerate", scope=service_name)
    else:
        raw = gateway.put(base, scope=service_name, regenerate=True)
    return _task_id(gateway, service_name, domain, raw)


def delete_certificate(
    gateway: OvhGateway, service_name: str, domain: str | None = None
) -> int | None:
    raw = gateway.delete(_base(service_name, domain), scope=service_name)
    return _task_id(gateway, service_name, domain, raw)


def _task_id(gateway: OvhGateway, service_name: str, domain: str | None, raw: Any) -> int | None:
    """The task working on the certificate; when the answer has none yet, read it once more."""
    if isinstance(raw, dict) and raw.get("taskId") is not None:
        return int(raw["taskId"])
    again = _read(lambda: gateway.get(_base(service_name, domain), scope=service_name, cache=False))
    if isinstance(again, dict) and again.get("taskId") is not None:
        return int(again["taskId"])
    return None


def _read(call: Callable[[], Any]) -> Any:
    """An answer, or ``None`` when OVH says there is nothing there (no certificate)."""
    try:
        return call()
    except NotFound:
        return None


def _certificate(raw: dict[str, Any], names: Any, report: Any, domain: str | None) -> Certificate:
    task_id = raw.get("taskId")
    report_items = report if isinstance(report, dict) else {}
    return Certificate(
        provider=str(raw.get("provider") or ""),
        type=str(raw.get("type") or ""),
        status=str(raw.get("status") or "created"),
        regenerable=bool(raw.get("regenerable")),
        task_id=int(task_id) if task_id is not None else None,
        domains=tuple(str(name) for name in names or ()),
        report=tuple(
            (name, str(report_items[name])) for name in REPORT_FIELDS if report_items.get(name)
        ),
        domain=domain,
    )
