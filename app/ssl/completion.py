"""Finishing HTTPS: after a domain is attached or modified with HTTPS, get its certificate.

OVH's Let's Encrypt certificate covers the domains with ``ssl`` on *when it is issued or
regenerated*: ticking HTTPS alone changes nothing a visitor sees. So when such a task ends, the
panel itself regenerates the certificate (or orders one when there is none) if OVH allows it, and
otherwise records exactly why not (the DNS does not point here, the weekly budget, an imported
certificate). :func:`complete_https` is a plain action: a request that sees the task end calls it
today, a background queue can call it tomorrow. What it decided is one ``ssl.complete`` entry in
the audit trail, which :func:`follow_up` reads back for the task's page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from app import audit
from app.extensions import db
from app.models import AuditEntry, utcnow
from app.services import domains, hosting, ssl
from app.services.client import OvhGateway
from app.services.errors import PanelError
from app.services.tasks import Task, get_task
from app.ssl.loaders import REGENERATE_ACTION, regeneration_budget

HTTPS_ACTIONS = frozenset({"domain.attach", "domain.modify"})
FOLLOW_UP = "ssl.complete"
# What the panel decided; the first three started (or found) a certificate task to follow.
REGENERATING, ORDERED, BUSY = "regenerating", "ordered", "busy"
COVERED, DNS, BUDGET, IMPORTED, REFUSED = "covered", "dns", "budget", "imported", "refused"
UNCHECKED = "unchecked"
FOLLOWED = frozenset({REGENERATING, ORDERED, BUSY})
UNDECIDED_AFTER = timedelta(minutes=2)


@dataclass(frozen=True)
class HttpsFollowUp:
    """Where HTTPS stands for the domain a finished task switched it on for."""

    domain: str
    state: str  # "active", "working" (a certificate task runs) or "pending"
    # Why pending: DNS, BUDGET, IMPORTED, REFUSED, "failed", "waiting" or "unchecked".
    reason: str | None = None
    task_id: int | None = None  # the certificate task, when there is one
    next_possible: datetime | None = None
    detail: str | None = None

    @property
    def settled(self) -> bool:
        """Nothing more will change by itself: the page may stop asking."""
        return self.state != "working" and self.reason != "waiting"


def https_target(entry: AuditEntry | None) -> str | None:
    """The domain whose HTTPS this entry switched on, or None."""
    if entry is None or entry.action not in HTTPS_ACTIONS:
        return None
    parameters: dict[str, Any] = entry.parameters or {}
    if parameters.get("ssl") is not True:
        return None
    return entry.target


def complete_https(gateway: OvhGateway, task: Task) -> str | None:
    """After ``task`` ended, make HTTPS real for its domain, once; returns what was decided.

    Call it only when the caller has claimed the end (:func:`app.audit.record_task_status`
    returned True), so two pollers seeing the end never start two regenerations."""
    entry = audit.entry_for_task(task.service_name, task.id)
    domain = https_target(entry)
    if domain is None or not task.succeeded:
        return None
    service_name = task.service_name
    found: dict[str, Any] = {}
    try:
        result = decide_https(gateway, service_name, domain, task.id, found)
    except PanelError as error:
        result = REFUSED
        found["detail"] = str(error.detail or error.message)
        found["query_id"] = error.query_id
    audit.record_event(
        FOLLOW_UP,
        service_name=service_name,
        target=domain,
        outcome="rejected" if result == REFUSED else "accepted",
        parameters={"after_task": task.id, "result": result, **found},
        error=found.get("detail"),
    )
    return result


def decide_https(
    gateway: OvhGateway, service_name: str, domain: str, after: int, found: dict[str, Any]
) -> str:
    """Renew (or order) the certificate for ``domain`` if OVH allows it now, else say why not;
    what was found (the certificate task, the DNS verdict…) goes into ``found``. The launch flow's
    HTTPS step calls it too."""
    # On offers with ``multipleSSL`` each domain has its own certificate (OVH's per-domain
    # routes); elsewhere the service's one certificate covers every domain.
    own = hosting.get_service(gateway, service_name).multiple_ssl
    scope = domain if own else None
    if own:
        found["certificate_domain"] = domain
    certificate = ssl.get_certificate(gateway, service_name, scope)
    if certificate is not None and certificate.covers(domain):
        return COVERED
    # Asked fresh: a DNS diagnosis kept from before the attach may be out of date. When the
    # call budget leaves none for now, the panel says it could not check rather than guess.
    report = domains.diagnose_dns(gateway, service_name, [domain], refresh=True, checks=1)
    diagnosis = report.diagnoses.get(domain)
    if diagnosis is None:
        return UNCHECKED
    if diagnosis.verdict != domains.POINTS_HERE:
        found["verdict"] = diagnosis.verdict
        return DNS
    reason = {"after_task": after, "domain": domain}
    if certificate is None:
        with audited_call("ssl.order", service_name, {"domains": [domain], **reason},
                          scope) as entry:  # fmt: skip
            found["task_id"] = ssl.order_lets_encrypt(gateway, service_name, scope)
            entry.accepted(task_id=found["task_id"])
        return ORDERED
    if not certificate.lets_encrypt:
        return IMPORTED
    if certificate.busy:
        found["task_id"] = certificate.task_id
        return BUSY
    budget = regeneration_budget(service_name, scope or service_name)
    if budget.exhausted:
        found["next_possible"] = budget.next_possible.isoformat() if budget.next_possible else None
        return BUDGET
    with audited_call(REGENERATE_ACTION, service_name, reason, scope) as entry:
        found["task_id"] = ssl.regenerate_certificate(gateway, service_name, scope)
        entry.accepted(task_id=found["task_id"])
    return REGENERATING


def audited_call(
    action: str, service_name: str, parameters: dict[str, Any], scope: str | None
) -> Any:
    """Recorded as the SSL tab records it: the target is the certificate (the service's, or a
    domain's own), so the weekly budget counts these renewals too."""
    return audit.audited(action, service_name=service_name, target=scope or service_name,
                         parameters=parameters)  # fmt: skip


def decision_for(service_name: str, domain: str, task_id: int) -> dict[str, Any] | None:
    """What :func:`complete_https` recorded after this task, if it ran."""
    entries = db.session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.action == FOLLOW_UP,
            AuditEntry.service_name == service_name,
            AuditEntry.target == domain,
        )
        .order_by(AuditEntry.id.desc())
        .limit(20)
    )
    for entry in entries:
        parameters = entry.parameters or {}
        if parameters.get("after_task") == task_id:
            return dict(parameters)
    return None


def follow_up(gateway: OvhGateway, task: Task) -> HttpsFollowUp | None:
    """Where HTTPS stands after ``task``, for its page; None when the task did not ask for it."""
    if not task.succeeded:
        return None
    domain = https_target(audit.entry_for_task(task.service_name, task.id))
    if domain is None:
        return None
    decision = decision_for(task.service_name, domain, task.id)
    if decision is None:
        # Another request claimed the end and is deciding right now; one that stopped midway
        # (a crash) leaves no decision: after a while, say so instead of waiting for ever.
        if task.done is not None and utcnow() - task.done.astimezone(UTC).replace(tzinfo=None) > (
            UNDECIDED_AFTER
        ):
            return HttpsFollowUp(domain, "pending", "unchecked")
        return HttpsFollowUp(domain, "pending", "waiting")
    result = decision.get("result")
    if result == COVERED:
        return HttpsFollowUp(domain, "active")
    if result in FOLLOWED:
        scope = decision.get("certificate_domain")
        return _following(gateway, task.service_name, domain, decision.get("task_id"), scope)
    next_possible = decision.get("next_possible")
    return HttpsFollowUp(
        domain,
        "pending",
        str(result),
        next_possible=datetime.fromisoformat(next_possible) if next_possible else None,
        detail=decision.get("detail"),
    )


def _following(
    gateway: OvhGateway, service_name: str, domain: str, task_id: int | None, scope: str | None
) -> HttpsFollowUp:
    if task_id is not None:
        certificate_task = get_task(gateway, service_name, int(task_id))
        if certificate_task.final:
            audit.record_task_status(service_name, certificate_task.id, certificate_task.status)
        if certificate_task.in_progress:
            return HttpsFollowUp(domain, "working", task_id=certificate_task.id)
        if certificate_task.failed:
            return HttpsFollowUp(domain, "pending", "failed", task_id=certificate_task.id)
        if scope is None:  # ended: what the certificate covers now is one call
            names = ssl.certificate_names(gateway, service_name)
            covered = ssl.names_cover(names, domain)
            return HttpsFollowUp(domain, "active" if covered else "pending",
                                 None if covered else "failed", task_id=task_id)  # fmt: skip
    certificate = ssl.get_certificate(gateway, service_name, scope)
    if certificate is not None and certificate.covers(domain):
        return HttpsFollowUp(domain, "active", task_id=task_id)
    if certificate is not None and certificate.busy:
        return HttpsFollowUp(domain, "working", task_id=certificate.task_id)
    return HttpsFollowUp(domain, "pending", "failed", task_id=task_id)
