"""Page loaders: the hosting service read with a page's own data, and what the hosting, Domains
and administration pages show (the other tabs keep theirs in ``app/<area>/loaders.py``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from app.charts import chart_of
from app.extensions import ovh_api
from app.services import access_rules, account, domains, hosting, ssl, statistics
from app.services.client import OvhGateway
from app.services.errors import PanelError
from app.trends.pages import plan_trend


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


def service_labels() -> dict[str, str]:
    """The account's services by technical name, with the names people know them by."""
    return hosting.service_labels(ovh_api.gateway)


def site_labels() -> dict[str, str]:
    """The same, or nothing when OVH cannot be reached: for pages showing the panel's own
    records (history, approvals), which then name sites technically."""
    try:
        return service_labels()
    except PanelError:
        return {}


def overview_page(service_name: str, period: str, kind: str, days: int) -> dict[str, Any]:
    """The service, and the addresses whose HTTPS is asked for but not in the certificate yet:
    said on the overview too, so it never suggests every site is secure while one is not; the
    plan's activity chart (``period``, ``kind``), read in the same round trip; and its disk use
    over the last ``days`` days, from the panel's own snapshots (today's noted from this read)."""
    activity = partial(statistics.hosting_statistics, period=period, measure=kind)
    service, attached, names, series = with_service(
        service_name, domains.list_domains, ssl.certificate_names, activity
    )
    pending = set() if service.multiple_ssl else ssl.https_pending(names, attached)
    https_pending = [domain for domain in attached if domain.domain in pending]
    return {
        "service": service,
        "https_pending": https_pending,
        "activity": chart_of(series),
        "period": period,
        "kind": kind,
        "trend": plan_trend(service, days),
    }


def connection_page(endpoint: str) -> dict[str, Any]:
    """The panel's OVH access as OVH describes it, or why it cannot be read just now."""
    try:
        info, error = account.connection_info(ovh_api.gateway, endpoint), None
    except PanelError as failure:
        info, error = None, failure
    return {
        "info": info,
        "error": error,
        "endpoint": endpoint,
        # What a service account's IAM policy needs, for the page to list.
        "iam_actions": access_rules.iam_actions(),
    }


def service_and_domains(
    service_name: str,
) -> tuple[hosting.HostingService, list[domains.AttachedDomain]]:
    service, attached = with_service(service_name, domains.list_domains)
    return service, attached


def index_page(service_name: str, with_dns: bool, fresh: bool) -> dict[str, Any]:
    """The list; the DNS diagnosis only when asked for inline (it is kept and shared, a few
    domains asked per view; ``fresh`` is "Check again")."""
    # The certificate's names too, in the same round trip: HTTPS asked for but not in the
    # certificate yet shows as pending, not as on. On offers where each domain has its own
    # certificate the SSL tab tells instead.
    service, attached, names = with_service(
        service_name, domains.list_domains, ssl.certificate_names
    )
    report = dns_of(service_name, fresh, attached) if with_dns else None
    pending = frozenset() if service.multiple_ssl else ssl.https_pending(names, attached)
    return {"service": service, "domains": attached, "dns": report, "https_pending": pending}


def dns_of(
    service_name: str, fresh: bool, attached: list[domains.AttachedDomain] | None = None
) -> domains.DnsReport:
    gateway = ovh_api.gateway
    if attached is None:
        attached = domains.list_domains(gateway, service_name)
    names = [d.domain for d in attached]
    return domains.diagnose_dns(gateway, service_name, names, refresh=fresh)


def https_without_dns(
    service_name: str, current: domains.AttachedDomain, wanted: domains.DomainSettings
) -> domains.DnsDiagnosis | None:
    """Switching HTTPS on for a domain whose DNS points elsewhere: the certificate cannot cover
    it until it points here, so the person is told before confirming (one ``digStatus`` call)."""
    if current.ssl or not wanted.ssl:
        return None
    report = domains.diagnose_dns(ovh_api.gateway, service_name, [current.domain], checks=1)
    found = report.diagnoses.get(current.domain)
    return None if found is None or found.verdict == domains.POINTS_HERE else found


def detach_page(service_name: str, domain: str) -> dict[str, Any]:
    service, current = with_service(service_name, partial(domains.get_domain, domain=domain))
    return {"service": service, "domain": current}
