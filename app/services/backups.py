"""A database's backups (OVH's "dumps"), restore, import and copy.

OVH keeps a daily and a weekly backup of each database (``daily.1``, ``weekly.1``) and the ones
made on demand (``now``). A backup's download address is a secret: lists carrying it are read
fresh and never kept (``get_secret``). Importing a file goes through an OVH document: created
under ``/me/document``, the file sent to the address OVH returns (``putUrl``), then
``…/import`` with the document's id, as OVH's own control panel does. A copy (``…/copy``) is
made of one database and poured into another with ``…/copyRestore``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import ovh.exceptions
import requests

from app.services.client import OvhGateway, path
from app.services.errors import from_response, translate
from app.services.tasks import Task, task_from_ovh
from app.services.units import parse_datetime

# hosting.web.database.dump.DateEnum: the kinds of backup, and what "back up now" sends.
KINDS = ("daily.1", "weekly.1", "now")
ON_DEMAND = "now"
# What the import takes: OVH documents the formats (.sql, .sql.gz) but no size limit the panel
# could read; the panel's own limit is IMPORT_MAX_MB in its configuration (UNCONFIRMED table).
IMPORT_EXTENSIONS = (".sql", ".sql.gz")
# hosting.web.database.copy.StatusEnum.
COPY_RUNNING = ("todo", "doing")


@dataclass(frozen=True)
class Backup:
    id: int
    kind: str
    created: datetime | None
    kept_until: datetime | None
    status: str
    task_id: int | None
    database: str | None = None  # the plan-wide list names the database
    orphan: bool = False  # its database was deleted since

    @property
    def busy(self) -> bool:
        return self.status != "created"

    @property
    def on_demand(self) -> bool:
        return self.kind == ON_DEMAND


@dataclass(frozen=True)
class Document:
    """An OVH document made to carry a file: its id, and where to send the file."""

    id: str
    put_url: str


@dataclass(frozen=True)
class Copy:
    id: str
    status: str
    created: datetime | None
    expires: datetime | None

    @property
    def ready(self) -> bool:
        return self.status == "done"

    @property
    def failed(self) -> bool:
        return self.status == "error"


def _database(service_name: str, name: str, *segments: str | int) -> str:
    return path("/hosting/web", service_name, "database", name, *segments)


def _backup(raw: dict[str, Any]) -> Backup:
    task_id = raw.get("taskId")
    return Backup(
        id=int(raw["id"]),
        kind=str(raw.get("type") or ""),
        created=parse_datetime(raw.get("creationDate")),
        kept_until=parse_datetime(raw.get("deletionDate")),
        status=str(raw.get("status") or "created"),
        task_id=int(task_id) if task_id is not None else None,
        database=raw.get("databaseName"),
        orphan=bool(raw.get("orphan")),
    )


def _newest_first(backups: list[Backup]) -> list[Backup]:
    return sorted(backups, key=lambda b: (b.created is not None, b.created, b.id), reverse=True)


def list_backups(gateway: OvhGateway, service_name: str, name: str) -> list[Backup]:
    """The database's backups, newest first (read fresh: each carries its download address)."""
    target = _database(service_name, name, "dump")
    raw = gateway.get_secret_objects(target, scope=service_name)
    return _newest_first([_backup(item) for item in raw])


def list_plan_backups(gateway: OvhGateway, service_name: str) -> list[Backup]:
    """Every database backup of the plan, those of deleted databases included."""
    target = path("/hosting/web", service_name, "dump")
    raw = gateway.get_secret_objects(target, scope=service_name)
    return _newest_first([_backup(item) for item in raw])


def download_address(gateway: OvhGateway, service_name: str, name: str, dump_id: int) -> str | None:
    """OVH's address for downloading one backup, read at the moment it is asked for."""
    raw = gateway.get_secret(_database(service_name, name, "dump", dump_id))
    url = raw.get("url") if isinstance(raw, dict) else None
    return str(url) if url else None


def plan_download_address(gateway: OvhGateway, service_name: str, dump_id: int) -> str | None:
    """The same from the plan's list, which still has the backups of deleted databases."""
    raw = gateway.get_secret(path("/hosting/web", service_name, "dump", dump_id))
    url = raw.get("url") if isinstance(raw, dict) else None
    return str(url) if url else None


def back_up_now(gateway: OvhGateway, service_name: str, name: str) -> Task:
    raw = gateway.post(
        _database(service_name, name, "dump"), scope=service_name, date=ON_DEMAND, sendEmail=False
    )
    return task_from_ovh(service_name, raw)


def delete_backup(gateway: OvhGateway, service_name: str, name: str, dump_id: int) -> Task:
    raw = gateway.delete(_database(service_name, name, "dump", dump_id), scope=service_name)
    return task_from_ovh(service_name, raw)


def restore_backup(gateway: OvhGateway, service_name: str, name: str, dump_id: int) -> Task:
    target = _database(service_name, name, "dump", dump_id, "restore")
    return task_from_ovh(service_name, gateway.post(target, scope=service_name))


def create_document(gateway: OvhGateway, file_name: str) -> Document:
    raw = gateway.post("/me/document", scope="*account*", name=file_name)
    return Document(id=str(raw["id"]), put_url=str(raw["putUrl"]))


def send_document(document: Document, content: Any, timeout: tuple[float, float]) -> None:
    """Send the file to the address OVH gave for it (``putUrl``): a plain PUT to OVH's document
    store, not an API call, so neither signed nor counted; never retried, like every write."""
    try:
        response = requests.put(document.put_url, data=content, timeout=timeout)
    except requests.RequestException as error:
        raise translate(ovh.exceptions.HTTPError("Upload failed", error)) from error
    if response.status_code >= 300:
        raise from_response(response)


def import_document(
    gateway: OvhGateway, service_name: str, name: str, document_id: str, flush: bool
) -> Task:
    raw = gateway.post(
        _database(service_name, name, "import"),
        scope=service_name,
        documentId=document_id,
        flushDatabase=flush,
        sendEmail=False,
    )
    return task_from_ovh(service_name, raw)


def _copy(raw: dict[str, Any]) -> Copy:
    return Copy(
        id=str(raw["id"]),
        status=str(raw.get("status") or "todo"),
        created=parse_datetime(raw.get("creationDate")),
        expires=parse_datetime(raw.get("expirationDate")),
    )


def start_copy(gateway: OvhGateway, service_name: str, name: str) -> Copy:
    return _copy(gateway.post(_database(service_name, name, "copy"), scope=service_name))


def read_copy(gateway: OvhGateway, service_name: str, name: str, copy_id: str) -> Copy:
    """The copy as OVH has it now (``status`` says whether it is still being made)."""
    target = _database(service_name, name, "copy", copy_id)
    return _copy(gateway.get(target, scope=service_name, cache=False))


def restore_copy(
    gateway: OvhGateway, service_name: str, name: str, copy_id: str, flush: bool
) -> Task:
    raw = gateway.post(
        _database(service_name, name, "copyRestore"),
        scope=service_name,
        copyId=copy_id,
        flushDatabase=flush,
    )
    return task_from_ovh(service_name, raw)
