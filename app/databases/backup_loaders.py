"""What the backup pages show: a database with its backups, one backup to restore or delete,
the databases a copy can go into, and the plan's backups of deleted databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from flask import abort

from app.extensions import ovh_api
from app.loaders import with_service
from app.services import backups, databases

# A database whose newest backup is older than this is said to have no recent one.
RECENT = timedelta(days=1)


def backups_page(service_name: str, name: str) -> dict[str, Any]:
    """The database (fresh: a restore is decided on what it holds now) and its backups."""
    service, database, found = with_service(
        service_name,
        partial(databases.get_database, name=name, fresh=True),
        partial(backups.list_backups, name=name),
    )
    return {
        "service": service,
        "database": database,
        "backups": found,
        "recent_backup": recent_backup(found),
    }


def recent_backup(found: list[backups.Backup]) -> backups.Backup | None:
    """The newest ready backup when it is less than a day old."""
    ready = [b for b in found if not b.busy and b.created is not None]
    newest = max(ready, key=lambda b: b.created or datetime.min.replace(tzinfo=UTC), default=None)
    if newest is None or newest.created is None:
        return None
    return newest if datetime.now(UTC) - newest.created < RECENT else None


def backup_page(service_name: str, name: str, dump_id: int) -> dict[str, Any]:
    page = backups_page(service_name, name)
    chosen = next((b for b in page["backups"] if b.id == dump_id), None)
    if chosen is None:
        abort(404)
    return {**page, "backup": chosen}


def copy_page(service_name: str, name: str) -> dict[str, Any]:
    """The database and the others of the plan a copy can go into (same kind of engine)."""
    service, database, everything = with_service(
        service_name,
        partial(databases.get_database, name=name, fresh=True),
        databases.list_databases,
    )
    family = _family(database.engine)
    targets = [d for d in everything if d.name != name and _family(d.engine) == family]
    return {"service": service, "database": database, "targets": targets}


def _family(engine: str) -> str:
    """MySQL and MariaDB read each other's content; the others only their own."""
    return "mysql" if engine in ("mysql", "mariadb") else engine


def plan_backups_page(service_name: str) -> dict[str, Any]:
    """Every database backup of the plan, those of deleted databases first."""
    service, found = with_service(service_name, backups.list_plan_backups)
    orphans = [b for b in found if b.orphan]
    return {"service": service, "orphans": orphans, "backups": found}


def plan_download_address(service_name: str, dump_id: int) -> str | None:
    return backups.plan_download_address(ovh_api.gateway, service_name, dump_id)


def download_address(service_name: str, name: str, dump_id: int) -> str | None:
    return backups.download_address(ovh_api.gateway, service_name, name, dump_id)
