"""What the launch pages show: the form's choices, a plan's summary and its progress."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import abort, current_app

from app.extensions import db, ovh_api
from app.launch import keeping, plans, runner
from app.launch.sealed import keep_seconds
from app.loaders import with_service as with_service
from app.models import LaunchPlan, utcnow
from app.services import databases, domains, modules
from app.services.domain_names import folders_in_use
from app.services.domains import ownership_records


def form_page(service_name: str) -> dict[str, Any]:
    """The plan, its domains (folders in use), database offers, databases and installed
    applications (which databases are free for a new one), and OVH's catalogue: one round trip
    for the plan's, the catalogue's own (shared by every plan)."""
    service, attached, offers, existing, installed = with_service(
        service_name,
        domains.list_domains,
        databases.list_creation_offers,
        databases.list_databases,
        modules.list_installed,
    )
    catalogue = modules.latest_versions(modules.list_catalogue(ovh_api.gateway))
    return {
        "service": service,
        "attached": attached,
        "offers": offers,
        "existing": existing,
        "empty_databases": plans.empty_databases(existing, installed),
        "existing_mysql": any(d.engine == plans.DB_ENGINE for d in existing),
        "catalogue": catalogue,
        "folders": folders_in_use((d.domain, d.path) for d in attached),
    }


def plan_of(service_name: str, plan_id: int) -> LaunchPlan:
    plan = db.session.get(LaunchPlan, plan_id)
    if plan is None or plan.service_name != service_name:
        abort(404)
    return plan


def summary_page(service_name: str, plan: LaunchPlan) -> dict[str, Any]:
    """The steps to come, and the DNS records the person may have to create themselves."""
    service, _attached = with_service(service_name, domains.list_domains)
    names = [plan.domain] + ([f"www.{plan.domain}"] if plan.choices.get("www") else [])
    records = [
        domains.DnsRecord(kind, name, value)
        for name in names
        for kind, value in (("A", service.hosting_ipv4), ("AAAA", service.hosting_ipv6))
        if value
    ]
    ownership = (
        ownership_records(plan.domain, service.ovhcontrol_token) if service.ovhcontrol_token else ()
    )
    return {"service": service, "plan": plan, "records": records, "ownership": ownership[:1]}


def progress_page(service_name: str, plan_id: int) -> dict[str, Any]:
    """The plan after moving it on by what OVH says now (the queue's ``advance_launch`` job does
    the same while nobody watches)."""
    plan = plan_of(service_name, plan_id)
    runner.advance(plan.id)
    current = next(
        (s for s in plan.steps if s.state in ("starting", "running", "undoing", "failed")), None
    )
    return {
        "plan": plan,
        "current": current,
        "final": plan.state in ("done", "undone", "failed"),
        "missing": keeping.missing(plan) if plan.state == runner.FAILED else set(),
        **kept_for(),
    }


def kept_for() -> dict[str, Any]:
    """How many hours a launch keeps its passwords, for the pages' words."""
    hours = float(current_app.config["LAUNCH_SECRETS_HOURS"])
    return {"secrets_hours": int(hours) if hours.is_integer() else hours}


def draft_expired(plan: LaunchPlan) -> bool:
    return utcnow() - plan.created_at > timedelta(seconds=keep_seconds())
