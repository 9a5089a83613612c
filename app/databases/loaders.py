"""What each page of the Databases tab shows, read from OVH in one round trip per page."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import url_for

from app.charts import chart_of
from app.databases.filters import FilterDatabasesForm
from app.databases.forms import CreateDatabaseForm
from app.extensions import ovh_api
from app.loaders import with_service
from app.services import backups, databases, statistics, tasks
from app.services.databases import DatabaseFilters
from app.trends import pages as trends


def index_page(service_name: str, form: FilterDatabasesForm) -> dict[str, Any]:
    filters = form.filters()
    service, found, offers = with_service(
        service_name,
        partial(databases.list_databases, filters=filters),
        databases.list_creation_offers,
    )
    trends.seen_databases(service_name, found)
    return {
        "service": service,
        "databases": found,
        "slots_left": sum(offer.available for offer in offers),
        "form": form,
        "filters": filters,
        "clear_links": _clear_links(service_name, filters),
    }


def _clear_links(service_name: str, filters: DatabaseFilters) -> list[tuple[str, str, str]]:
    """For each filter in use: its name, its value, and the list's address without it."""
    query = filters.to_query()
    rest: dict[str, dict[str, Any]] = {k: {o: v for o, v in query.items() if o != k} for k in query}
    return [
        (key, value, url_for("databases.index", service_name=service_name, **rest[key]))
        for key, value in query.items()
    ]


def show_page(service_name: str, name: str, period: str, kind: str, days: int) -> dict[str, Any]:
    """The database read fresh, what OVH allows on it, its backups, its activity chart
    (``period``, ``kind``), the task working on it if any, and its size over the last ``days``
    days from the panel's own snapshots (today's noted from this read)."""
    service, database, capabilities, found, series = with_service(
        service_name,
        partial(databases.get_database, name=name, fresh=True),
        partial(databases.get_capabilities, name=name),
        partial(backups.list_backups, name=name),
        partial(statistics.database_statistics, name=name, period=period, database_measure=kind),
    )
    task_id = database.task_id
    task = tasks.get_task(ovh_api.gateway, service_name, task_id) if task_id else None
    return {
        "service": service,
        "database": database,
        "capabilities": capabilities,
        "task": task,
        "backups": found,
        "activity": chart_of(series),
        "period": period,
        "kind": kind,
        "trend": trends.database_trend(service_name, database, days),
    }


def status_of(service_name: str, name: str) -> dict[str, Any]:
    database = databases.find_database(ovh_api.gateway, service_name, name)
    return {"service_name": service_name, "name": name, "database": database}


def database_page(service_name: str, name: str) -> dict[str, Any]:
    service, database = with_service(service_name, partial(databases.get_database, name=name))
    return {"service": service, "database": database}


def create_page(service_name: str) -> tuple[dict[str, Any], CreateDatabaseForm]:
    """The plan's offers and engines, and the form built from them with the chosen engine's
    versions (a submitted version is kept to be checked; a refresh offers the new default)."""
    service, offers, engines, existing = with_service(
        service_name,
        databases.list_creation_offers,
        databases.list_engines,
        databases.list_databases,
    )
    users = [database.user for database in existing]
    form = CreateDatabaseForm(
        prefix_login=service.primary_login, offers=offers, engines=engines, taken_users=users
    )
    if form.chosen_engine is not None:
        versions = versions_of(service_name, form.chosen_engine)
        form.offer_versions(versions, keep_choice=form.is_submitted() and not form.refresh.data)
    return {"service": service, "all_offers": offers}, form


def versions_of(service_name: str, engine: str) -> databases.AvailableVersions:
    return databases.get_versions(ovh_api.gateway, service_name, engine)
