"""What the watch looks at on one plan, through the service layer, at background priority:

- the certificate: in a state other than ``created``, or not covering a domain with HTTPS on;
  an imported certificate expiring within 21 days, from the end date the panel read when it was
  imported (OVH's hosted SSL gives no expiry date: see the UNCONFIRMED table; Let's Encrypt renews
  itself, and a certificate imported outside the panel has no known date);
- domains whose DNS no longer points to the plan (``digStatus``, kept answers, a few asked now);
- databases above 80 % of their quota;
- the plan itself: not ``active``, a billing status other than ``ok``, or expiring within 30 days
  without automatic renewal (``serviceInfos``);
- operations that failed in the last two days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.audit import imported_certificate_ends
from app.services import databases, domains, hosting, ssl, tasks
from app.services.client import OvhGateway

DATABASE_FULL = 80.0
RENEWAL_WITHIN = 30  # days
FAILED_WITHIN = timedelta(days=2)
DNS_CHECKS = 5  # asked now per plan; the others come from kept answers
EXPIRY_WITHIN = timedelta(days=21)


@dataclass(frozen=True)
class Finding:
    kind: str
    subject: str = ""
    detail: dict[str, Any] = field(default_factory=dict)


def check_plan(gateway: OvhGateway, service: hosting.HostingService, today: date) -> list[Finding]:
    name = service.service_name
    found: list[Finding] = []
    if service.state != "active":
        found.append(Finding("state", name, {"state": service.state}))
    renewal, attached, bases, failed = gateway.gather(
        lambda: hosting.get_renewal(gateway, name),
        lambda: domains.list_domains(gateway, name),
        lambda: databases.list_databases(gateway, name),
        lambda: tasks.list_tasks(gateway, name, status="failed"),
    )
    found += _renewal(renewal, today)
    found += _certificates(gateway, service, attached)
    found += _dns(gateway, name, attached)
    for base in bases:
        percent = base.disk.percent
        if percent is not None and percent > DATABASE_FULL:
            found.append(Finding("database", base.name, {"percent": round(percent)}))
    since = datetime.now(UTC) - FAILED_WITHIN
    for task in failed.tasks:
        when = task.done or task.last_update or task.started
        if when is not None and when.astimezone(UTC) >= since:
            found.append(
                Finding(
                    "task",
                    str(task.id),
                    {"function": task.function, "object_id": task.object_id, "status": task.status},
                )
            )
    return found


def _renewal(renewal: hosting.Renewal, today: date) -> list[Finding]:
    found = []
    if renewal.status not in ("ok", "autorenewInProgress", "inCreation"):
        found.append(Finding("billing", "", {"status": renewal.status}))
    days = renewal.days_left(today)
    if (
        days is not None
        and days <= RENEWAL_WITHIN
        and (not renewal.automatic or renewal.delete_at_expiration)
    ):
        expiration = renewal.expiration.isoformat() if renewal.expiration else ""
        found.append(
            Finding(
                "renewal",
                "",
                {"date": expiration, "days": days, "deleted": renewal.delete_at_expiration},
            )
        )
    return found


def _certificates(
    gateway: OvhGateway, service: hosting.HostingService, attached: list[domains.AttachedDomain]
) -> list[Finding]:
    with_https = [domain for domain in attached if domain.ssl]
    if not with_https:
        return []
    if service.multiple_ssl:
        pairs = gateway.map(
            lambda d: (d, ssl.get_certificate(gateway, service.service_name, d.domain)),
            with_https,
        )
    else:
        certificate = ssl.get_certificate(gateway, service.service_name)
        pairs = [(domain, certificate) for domain in with_https]
    found = []
    states = {c.status for _, c in pairs if c is not None and c.status != "created"}
    found += [Finding("certificate", "", {"state": state}) for state in sorted(states)]
    for domain, certificate in pairs:
        if certificate is None or not certificate.covers(domain.domain):
            found.append(Finding("https", domain.domain))
    plan_wide = {c for _, c in pairs if c is not None and c.provider == "CUSTOM"}
    if plan_wide and not service.multiple_ssl:
        found += _imported_expiry(service.service_name)
    return found


def _imported_expiry(service_name: str) -> list[Finding]:
    """The end date of the certificate last imported through the panel (OVH gives none)."""
    ends = imported_certificate_ends([service_name]).get(service_name)
    if ends is None:
        return []
    left = ends - datetime.now(UTC)
    if left > EXPIRY_WITHIN:
        return []
    return [Finding("expiry", "", {"date": ends.date().isoformat(), "days": max(left.days, 0)})]


def _dns(
    gateway: OvhGateway, service_name: str, attached: list[domains.AttachedDomain]
) -> list[Finding]:
    names = [domain.domain for domain in attached]
    report = domains.diagnose_dns(gateway, service_name, names, checks=DNS_CHECKS)
    return [
        Finding("dns", name, {"verdict": diagnosis.verdict})
        for name, diagnosis in report.diagnoses.items()
        if diagnosis.verdict != domains.POINTS_HERE
    ]
