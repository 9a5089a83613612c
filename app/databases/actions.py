"""Changes on the Databases tab: create, change a password, delete, each audited."""

from __future__ import annotations

from functools import partial
from typing import Any

from app.actions import Started, change
from app.operations import parts
from app.operations.start import begin
from app.services import databases
from app.services.databases import NewDatabase

_change = partial(change, "databases.index")


def create(service_name: str, new: NewDatabase) -> Started:
    name = databases.database_name(new.user, new.engine)
    parameters: dict[str, Any] = {"capabilitie": new.offer, "type": new.engine}
    parameters |= {"version": new.version, "quota": new.quota_mb, "user": new.user}
    send = partial(databases.create_database, new=new)
    return _change("database.create", name, send, service_name, parameters=parameters)


def change_password(service_name: str, name: str, password: str) -> Started:
    """The new password goes to OVH only: the audit entry records that it changed, not to what."""
    return _change(
        "database.change_password", name, databases.change_password, service_name, name, password
    )


def delete(service_name: str, name: str, back_up_first: bool = False) -> Started:
    """Delete ``name``; with ``back_up_first``, only once a backup of it is made (OVH keeps it
    after the database is gone): an operation in parts, which the queue moves on."""
    if back_up_first:
        steps = [parts.safety(name), parts.part(parts.DELETE, "database.delete", name)]
        return begin(service_name, "delete", name, steps, {})
    return _change("database.delete", name, databases.delete_database, service_name, name)
