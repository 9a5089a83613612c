"""Changes on the Databases tab: create, change a password, delete, each audited."""

from __future__ import annotations

from app.actions import Started
from app.audit import recorded
from app.extensions import ovh_api
from app.services import databases
from app.services.databases import NewDatabase

TAB = "databases.index"


def create(service_name: str, new: NewDatabase) -> Started:
    parameters = {
        "capabilitie": new.offer,
        "type": new.engine,
        "version": new.version,
        "quota": new.quota_mb,
        "user": new.user,
    }
    task_id = recorded(
        "database.create",
        service_name,
        target=databases.database_name(new.user, new.engine),
        parameters=parameters,
        call=lambda: databases.create_database(ovh_api.gateway, service_name, new),
    )
    return Started(service_name, task_id, TAB)


def change_password(service_name: str, name: str, password: str) -> Started:
    """The new password goes to OVH only: the audit entry records that it changed, not to what."""
    task_id = recorded(
        "database.change_password",
        service_name,
        target=name,
        call=lambda: databases.change_password(ovh_api.gateway, service_name, name, password),
    )
    return Started(service_name, task_id, TAB)


def delete(service_name: str, name: str) -> Started:
    task_id = recorded(
        "database.delete",
        service_name,
        target=name,
        call=lambda: databases.delete_database(ovh_api.gateway, service_name, name),
    )
    return Started(service_name, task_id, TAB)
