"""What each page of the SSL tab shows: read from OVH in one round trip per page, and Let's
Encrypt's weekly renewal limit, counted from the panel's own audit trail."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from flask import abort
from flask_babel import format_datetime
from sqlalchemy import select

from app.extensions import db, ovh_api
from app.loaders import with_service
from app.models import AuditEntry, utcnow
from app.services import domains, ssl
from app.services.client import OvhGateway
from app.services.errors import Refused
from app.services.ssl import REGENERATIONS_PER_WEEK

WINDOW = timedelta(days=7)
REGENERATE_ACTION = "ssl.regenerate"


@dataclass(frozen=True)
class RegenerationBudget:
    used: int
    limit: int
    next_possible: datetime | None  # when the oldest counted renewal leaves the window (UTC)

    @property
    def exhausted(self) -> bool:
        return self.used >= self.limit

    @property
    def last_one(self) -> bool:
        return self.used == self.limit - 1


def regeneration_budget(service_name: str, target: str) -> RegenerationBudget:
    """Renewals of this certificate OVH accepted through the panel in the last 7 days."""
    since = utcnow() - WINDOW
    times = sorted(
        db.session.execute(
            select(AuditEntry.created_at).where(
                AuditEntry.action == REGENERATE_ACTION,
                AuditEntry.service_name == service_name,
                AuditEntry.target == target,
                AuditEntry.outcome == "accepted",
                AuditEntry.created_at > since,
            )
        ).scalars()
    )
    next_possible = None
    if len(times) >= REGENERATIONS_PER_WEEK:
        next_possible = times[len(times) - REGENERATIONS_PER_WEEK] + WINDOW
    return RegenerationBudget(len(times), REGENERATIONS_PER_WEEK, next_possible)


def certificate_page(service_name: str, domain: str | None = None) -> dict[str, Any]:
    """The service, its certificate (or a domain's own) and its attached domains; a domain's own
    certificate only exists on services that give each domain one (else 404)."""

    def certificate(gateway: OvhGateway, service_name: str) -> ssl.Certificate | None:
        try:
            return ssl.get_certificate(gateway, service_name, domain)
        except Refused:
            if domain is None:
                raise
            return None  # OVH refuses per-domain reads on such services: answered just below

    service, found, attached = with_service(service_name, certificate, domains.list_domains)
    if domain is not None and not service.multiple_ssl:
        abort(404)
    return {"service": service, "certificate": found, "attached": attached, "domain": domain}


def index_page(service_name: str, fresh: bool) -> dict[str, Any]:
    page = certificate_page(service_name)
    service, attached = page["service"], page["attached"]
    per_domain = None
    if service.multiple_ssl:
        names = [d.domain for d in attached if d.domain != service_name]
        per_domain = ssl.list_domain_certificates(
            ovh_api.gateway, service_name, names, refresh=fresh
        )
    return {
        **page,
        "per_domain": per_domain,
        "coverage": ssl.coverage(page["certificate"], attached),
    }


def order_page(service_name: str, domain: str | None) -> dict[str, Any]:
    """What an order would include: a domain's own order counts that domain, HTTPS on."""
    page = certificate_page(service_name, domain)
    attached = page["attached"]
    if domain is not None:
        attached = [replace(d, ssl=True) for d in attached if d.domain == domain]
    return {**page, "readiness": ssl.check_readiness(ovh_api.gateway, service_name, attached)}


def regenerate_page(service_name: str, domain: str | None) -> dict[str, Any]:
    page = certificate_page(service_name, domain)
    certificate = page["certificate"]
    renewable = certificate is not None and certificate.lets_encrypt and not certificate.busy
    budget = regeneration_budget(service_name, domain or service_name)
    return {
        **page,
        "budget": budget,
        "coverage": ssl.coverage(certificate, page["attached"]),
        "next_possible": format_datetime(budget.next_possible) if budget.next_possible else None,
        "possible": renewable and not budget.exhausted,
    }
