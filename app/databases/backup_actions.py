"""Changes on a database's backups, each audited: back up now, delete a backup, restore one,
import a file, copy into another database. With the safety net, what overwrites a database is an
operation in parts (``app.operations``): a backup first, and the change only once OVH has made
it; a copy too waits for OVH to make it before it is poured. The queue does the waiting."""

from __future__ import annotations

from functools import partial
from typing import IO

from flask import current_app

from app.actions import Started, change
from app.extensions import ovh_api
from app.operations import parts
from app.operations.start import begin
from app.services import backups
from app.services.client import OvhGateway
from app.services.tasks import Task

__all__ = ["Started"]

_change = partial(change, "databases.index")


def back_up(service_name: str, name: str, reason: str = "asked") -> Started:
    send = partial(backups.back_up_now, name=name)
    return _change("database.back_up", name, send, service_name, parameters={"reason": reason})


def delete_backup(service_name: str, name: str, backup: backups.Backup) -> Started:
    remove = partial(backups.delete_backup, name=name, dump_id=backup.id)
    parameters = {"backup": backup.id, "backup_made": _iso(backup)}
    return _change("database.delete_backup", name, remove, service_name, parameters=parameters)


def restore(service_name: str, name: str, backup: backups.Backup, back_up_first: bool) -> Started:
    parameters = {"backup": backup.id, "backup_made": _iso(backup), "reason": backup.kind}
    if back_up_first:
        steps = [
            parts.safety(name),
            parts.part(parts.RESTORE, "database.restore", name, **parameters),
        ]
        return begin(service_name, "restore", name, steps, {"dump_id": backup.id})
    send = partial(backups.restore_backup, name=name, dump_id=backup.id)
    return _change("database.restore", name, send, service_name, parameters=parameters)


def import_file(
    service_name: str,
    name: str,
    file_name: str,
    content: IO[bytes],
    flush: bool,
    back_up_first: bool,
) -> Started:
    """The file goes to OVH as a document (created, then sent to the address OVH gives), then
    into the database; the panel keeps nothing of it (the upload's temporary copy goes with the
    request). With the safety net, the document is sent now and imported once the backup is
    made."""
    timeout = (10.0, float(current_app.config["IMPORT_UPLOAD_SECONDS"]))
    parameters = {"file": file_name, "flush": flush}
    if flush and back_up_first:
        document = backups.create_document(ovh_api.gateway, file_name)
        backups.send_document(document, content, timeout)
        steps = [
            parts.safety(name),
            parts.part(parts.IMPORT, "database.import", name, **parameters),
        ]
        values = {"document_id": document.id, "flush": flush}
        return begin(service_name, "import", name, steps, values)

    def send(gateway: OvhGateway, service_name: str) -> Task:
        document = backups.create_document(gateway, file_name)
        backups.send_document(document, content, timeout)
        return backups.import_document(gateway, service_name, name, document.id, flush)

    return _change("database.import", name, send, service_name, parameters=parameters)


def copy_into(
    service_name: str, source: str, target: str, flush: bool, back_up_first: bool
) -> Started:
    """A copy of ``source`` (OVH makes it; the queue waits for it), poured into ``target``."""
    names = {"source": source, "target": target}
    steps = [parts.safety(target)] if back_up_first else []
    steps += [
        parts.part(parts.COPY, "database.copy", source, **names),
        parts.part(parts.POUR, "database.copy_restore", target, **names, flush=flush),
    ]
    return begin(service_name, "copy", target, steps, {**names, "flush": flush})


def _iso(backup: backups.Backup) -> str | None:
    return backup.created.isoformat() if backup.created else None
