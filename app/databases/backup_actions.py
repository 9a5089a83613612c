"""Changes on a database's backups, each audited: back up now, delete a backup, restore one,
import a file, copy into another database; and the safety net that backs a database up (and
waits for OVH to finish) before anything overwrites it."""

from __future__ import annotations

from functools import partial
from typing import IO, Any

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.actions import Started, change

__all__ = ["Started"]
from app.extensions import ovh_api
from app.services import backups
from app.services.client import OvhGateway
from app.services.ssl import wait_for_task
from app.services.tasks import Task

_change = partial(change, "databases.index")

SAFETY_BACKUP_MADE = _l(
    "A backup of the database as it was just before was saved first: it is at the top of the "
    "database's list of backups, should you need to go back."
)
SAFETY_BACKUP_UNFINISHED = _l(
    "Nothing was changed yet: the backup made first is not finished (OVH is still working on "
    "it, or could not make it). Once it shows in the database's list of backups, try again."
)
COPY_UNFINISHED = _l(
    "OVH has not finished making the copy yet, so nothing was poured into the other database. "
    "Try again in a few minutes."
)


def back_up(service_name: str, name: str, reason: str = "asked") -> Started:
    send = partial(backups.back_up_now, name=name)
    return _change("database.back_up", name, send, service_name, parameters={"reason": reason})


def delete_backup(service_name: str, name: str, backup: backups.Backup) -> Started:
    remove = partial(backups.delete_backup, name=name, dump_id=backup.id)
    parameters = {"backup": backup.id, "backup_made": _iso(backup)}
    return _change("database.delete_backup", name, remove, service_name, parameters=parameters)


def safety_net(service_name: str, name: str) -> tuple[Started | None, Started | None]:
    """Back ``name`` up and wait for OVH: (the backup started, None) once it is done, or
    (None, what to follow instead) when it did not finish in time, so nothing is overwritten."""
    started = back_up(service_name, name, reason="safety")
    if started.task_id is None:
        return started, None
    wait = float(current_app.config["SAFETY_BACKUP_WAIT_SECONDS"])
    task = wait_for_task(ovh_api.gateway, service_name, started.task_id, timeout=wait)
    if task.succeeded or task.forgotten:
        return started, None
    stopped = Started(
        service_name, started.task_id, started.tab, notes=(("warning", SAFETY_BACKUP_UNFINISHED),)
    )
    return None, stopped


def with_safety_net(started: Started, safety: Started | None, sentence: Any = None) -> Started:
    """What ``started`` follows, with the safety backup's task beside it and said."""
    if safety is None:
        return started
    also = (*started.also, *((safety.task_id,) if safety.task_id else ()))
    notes = (*started.notes, ("info", sentence or SAFETY_BACKUP_MADE))
    return Started(started.service_name, started.task_id, started.tab, also, notes)


def restore(service_name: str, name: str, backup: backups.Backup, back_up_first: bool) -> Started:
    safety = None
    if back_up_first:
        safety, stopped = safety_net(service_name, name)
        if stopped is not None:
            return stopped
    send = partial(backups.restore_backup, name=name, dump_id=backup.id)
    parameters = {"backup": backup.id, "backup_made": _iso(backup), "reason": backup.kind}
    started = _change("database.restore", name, send, service_name, parameters=parameters)
    return with_safety_net(started, safety)


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
    request)."""
    safety = None
    if flush and back_up_first:
        safety, stopped = safety_net(service_name, name)
        if stopped is not None:
            return stopped
    timeout = (10.0, float(current_app.config["IMPORT_UPLOAD_SECONDS"]))

    def send(gateway: OvhGateway, service_name: str) -> Task:
        document = backups.create_document(gateway, file_name)
        backups.send_document(document, content, timeout)
        return backups.import_document(gateway, service_name, name, document.id, flush)

    parameters = {"file": file_name, "flush": flush}
    started = _change("database.import", name, send, service_name, parameters=parameters)
    return with_safety_net(started, safety)


def copy_into(
    service_name: str, source: str, target: str, flush: bool, back_up_first: bool
) -> Started:
    """A copy of ``source`` (OVH makes it, the panel waits for it), poured into ``target``."""
    safety = None
    if back_up_first:
        safety, stopped = safety_net(service_name, target)
        if stopped is not None:
            return stopped
    made: list[backups.Copy] = []

    def start(gateway: OvhGateway, service_name: str) -> None:
        made.append(backups.start_copy(gateway, service_name, source))

    parameters: dict[str, Any] = {"source": source, "target": target}
    _change("database.copy", source, start, service_name, parameters=parameters)
    wait = float(current_app.config["SAFETY_BACKUP_WAIT_SECONDS"])
    copy = backups.wait_for_copy(ovh_api.gateway, service_name, source, made[0], timeout=wait)
    if not copy.ready:
        note = ("warning", COPY_UNFINISHED)
        return Started(service_name, None, "databases.index", notes=(note,))
    pour = partial(backups.restore_copy, name=target, copy_id=copy.id, flush=flush)
    parameters |= {"flush": flush}
    started = _change("database.copy_restore", target, pour, service_name, parameters=parameters)
    return with_safety_net(started, safety)


def _iso(backup: backups.Backup) -> str | None:
    return backup.created.isoformat() if backup.created else None
