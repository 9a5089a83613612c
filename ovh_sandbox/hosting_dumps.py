"""``…/database/{name}/dump*``, ``…/import``, ``…/copy*``, ``…/copyRestore`` and the plan-wide
``…/dump`` list: a database's backups, restore, import and copy, each a task like OVH's.

A dump is stored per service under its id (``hosting.web.dump`` fields plus ``_database``); the
per-database routes show it as ``hosting.web.database.dump`` (no ``databaseName``/``orphan``).
The database keeps its ``dumps`` count in step. A copy is stored per service under its uuid and
becomes ``done`` after ``2 × task_seconds`` (like a task); it expires a day after it is made.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import Blueprint, Response, request

from ovh_sandbox import api, clock, effects, tasks
from ovh_sandbox.errors import bad_request, conflict, forbidden, not_found
from ovh_sandbox.hosting_databases import _database, _require_idle
from ovh_sandbox.seed_data import FIRST_DUMP_ID, dump

bp = Blueprint("hosting_dumps", __name__, url_prefix="/1.0/hosting/web/<serviceName>")

DUMP_FIELDS = ("creationDate", "deletionDate", "id", "status", "taskId", "type", "url")
COPY_KEPT_DAYS = 1.0


def fails(name: str) -> str:
    """Trigger input: a database whose user ends in ``broken`` (``examplebroken.mysql.db``) is
    created like any other, but its backups, restores, imports and copies fail (the task ends
    ``cancelled``, as OVH ends a failed task, and changes nothing)."""
    return tasks.FAILED if name.split(".", 1)[0].endswith("broken") else "done"


def next_dump_id(service: str) -> int:
    found = [int(doc["id"]) for doc in api.store().all("dump", service)]
    return max(found, default=FIRST_DUMP_ID) + 1


def _shown(doc: dict[str, Any]) -> dict[str, Any]:
    """The dump as ``hosting.web.database.dump``: its download address is the sandbox's own."""
    url = None
    if doc["status"] == "created":
        url = f"{request.host_url.rstrip('/')}/_files/dumps/{doc['id']}.sql.gz"
    return {**{key: doc[key] for key in DUMP_FIELDS if key != "url"}, "url": url}


def _dump(service: str, name: str, dump_id: int) -> dict[str, Any]:
    _database(service, name)
    doc = api.store().get("dump", service, str(dump_id))
    if doc is None or doc["databaseName"] != name:
        raise not_found(f"The requested object (id = {dump_id}) does not exist")
    return doc


def _plan_shown(service: str, doc: dict[str, Any]) -> dict[str, Any]:
    orphan = api.store().get("database", service, doc["databaseName"]) is None
    return {**_shown(doc), "databaseName": doc["databaseName"], "orphan": orphan}


def _dated(values: dict[str, Any], doc: dict[str, Any]) -> bool:
    """OVH's creationDate/deletionDate .from/.to filters."""
    for field in ("creationDate", "deletionDate"):
        moment = clock.parse(doc[field])
        low, high = values.get(f"{field}.from"), values.get(f"{field}.to")
        if low and moment < clock.parse(low):
            return False
        if high and moment > clock.parse(high):
            return False
    return True


def _task(
    service: str,
    function: str,
    database: dict[str, Any],
    status: str,
    outcome: str | None = None,
    **payload: Any,
) -> dict[str, Any]:
    """Start a task on ``database``, which shows ``status`` until it ends."""
    _require_idle(database)
    return api.start_task(
        service,
        "database",
        database["name"],
        function=function,
        object_type="Database",
        outcome=outcome or fails(database["name"]),
        doc=database,
        status=status,
        **payload,
    )


@bp.get("/database/<name>/dump")
def list_dumps(serviceName: str, name: str) -> Response:
    _database(serviceName, name)
    args = request.args
    kind = args.get("type")
    docs = {
        d["id"]: _shown(d)
        for d in sorted(api.store().all("dump", serviceName), key=lambda d: d["id"])
        if d["databaseName"] == name and kind in (None, d["type"]) and _dated(args, d)
    }
    return api.listing(list(docs), docs.__getitem__)


@bp.post("/database/<name>/dump")
def create_dump(serviceName: str, name: str) -> Response:
    database = _database(serviceName, name)
    values = api.body("POST /hosting/web/{serviceName}/database/{name}/dump")
    if values["date"] != "now":
        # daily.1 / weekly.1 name the backups OVH makes itself; asking for one again is refused.
        raise bad_request(f"A {values['date']} dump is made by OVH itself; use date=now")
    made = dump(name, "now", clock.now(), next_dump_id(serviceName), status="creating")
    task = _task(serviceName, "dump/create", database, "dumping", dump=made["id"])
    made["taskId"] = task["id"]
    api.store().put("dump", serviceName, str(made["id"]), made)
    effects.count_dumps(api.store(), serviceName, name)
    return api.answer(task)


@bp.get("/database/<name>/dump/<int:id>")
def get_dump(serviceName: str, name: str, id: int) -> Response:
    dump_id = id
    return api.answer(_shown(_dump(serviceName, name, dump_id)))


@bp.delete("/database/<name>/dump/<int:id>")
def delete_dump(serviceName: str, name: str, id: int) -> Response:
    dump_id = id
    dump = _dump(serviceName, name, dump_id)
    if dump["status"] != "created":
        raise conflict(f"An operation is already in progress on the dump {dump_id}")
    task = api.start_task(
        serviceName,
        "dump",
        str(dump_id),
        function="dump/delete",
        object_type="Dump",
        outcome=fails(name),
        doc=dump,
        status="deleting",
        database=name,
    )
    return api.answer(task)


@bp.post("/database/<name>/dump/<int:id>/restore")
def restore_dump(serviceName: str, name: str, id: int) -> Response:
    dump_id = id
    dump = _dump(serviceName, name, dump_id)
    if dump["status"] != "created":
        raise conflict(f"The dump {dump_id} is not ready (status {dump['status']})")
    api.body("POST /hosting/web/{serviceName}/database/{name}/dump/{id}/restore")
    database = _database(serviceName, name)
    task = _task(serviceName, "database/restore", database, "restoring", dump=dump_id)
    return api.answer(task)


@bp.get("/dump")
def list_plan_dumps(serviceName: str) -> Response:
    api.service_doc(serviceName)
    args = request.args
    orphan = args.get("orphan")
    docs = {
        d["id"]: _plan_shown(serviceName, d)
        for d in sorted(api.store().all("dump", serviceName), key=lambda d: d["id"])
        if d["databaseName"] == (args.get("databaseName") or d["databaseName"]) and _dated(args, d)
    }
    if orphan is not None:
        wanted = orphan == "true"
        docs = {key: doc for key, doc in docs.items() if doc["orphan"] == wanted}
    return api.listing(list(docs), docs.__getitem__)


@bp.get("/dump/<int:id>")
def get_plan_dump(serviceName: str, id: int) -> Response:
    dump_id = id
    api.service_doc(serviceName)
    doc = api.store().get("dump", serviceName, str(dump_id))
    if doc is None:
        raise not_found(f"The requested object (id = {dump_id}) does not exist")
    return api.answer(_plan_shown(serviceName, doc))


@bp.post("/database/<name>/import")
def import_document(serviceName: str, name: str) -> Response:
    database = _database(serviceName, name)
    values = api.body("POST /hosting/web/{serviceName}/database/{name}/import")
    document = api.store().get("document", "", str(values["documentId"]))
    if document is None:
        raise bad_request(f"The document {values['documentId']} does not exist")
    if not document.get("_uploaded"):
        raise bad_request(f"The document {values['documentId']} has no file: send it first")
    flush = bool(values.get("flushDatabase"))
    # Trigger input: a file whose name starts with "fail" is one OVH cannot import.
    outcome = tasks.FAILED if str(document["name"]).startswith("fail") else None
    task = _task(serviceName, "database/import", database, "importing", outcome, flush=flush)
    return api.answer(task)


def _copy(service: str, name: str, copy_id: str) -> dict[str, Any]:
    _database(service, name)
    doc = api.store().get("copy", service, copy_id)
    if doc is None or doc["_database"] != name:
        raise not_found(f"The requested object (id = {copy_id}) does not exist")
    return doc


def _copy_shown(doc: dict[str, Any]) -> dict[str, Any]:
    ready_at = doc["_start"] + 2 * doc["_step"]
    now = clock.now()
    if doc["_outcome"] != "done" and now >= ready_at:
        status = "error"
    elif now >= ready_at:
        status = "done"
    else:
        status = "todo" if now < doc["_start"] + doc["_step"] else "doing"
    return {
        "creationDate": clock.iso(doc["_start"]),
        "expirationDate": clock.iso(doc["_start"] + COPY_KEPT_DAYS * 86_400),
        "id": doc["id"],
        "lastUpdate": clock.iso(min(now, ready_at)),
        "status": status,
    }


@bp.get("/database/<name>/copy")
def list_copies(serviceName: str, name: str) -> Response:
    _database(serviceName, name)
    ids = [d["id"] for d in api.store().all("copy", serviceName) if d["_database"] == name]
    return api.answer(sorted(ids))


@bp.post("/database/<name>/copy")
def create_copy(serviceName: str, name: str) -> Response:
    database = _database(serviceName, name)
    api.body("POST /hosting/web/{serviceName}/database/{name}/copy")
    _require_idle(database)
    copy_id = str(uuid.uuid4())
    doc: dict[str, Any] = {
        "id": copy_id,
        "_database": name,
        "_start": clock.now(),
        "_step": api.config().task_seconds,
        "_outcome": fails(name),
    }
    api.store().put("copy", serviceName, copy_id, doc)
    return api.answer(_copy_shown(doc))


@bp.get("/database/<name>/copy/<id>")
def get_copy(serviceName: str, name: str, id: str) -> Response:
    copy_id = id
    return api.answer(_copy_shown(_copy(serviceName, name, copy_id)))


@bp.delete("/database/<name>/copy/<id>")
def delete_copy(serviceName: str, name: str, id: str) -> Response:
    copy_id = id
    _copy(serviceName, name, copy_id)
    api.store().delete("copy", serviceName, copy_id)
    return api.void()


@bp.post("/database/<name>/copyRestore")
def copy_restore(serviceName: str, name: str) -> Response:
    database = _database(serviceName, name)
    values = api.body("POST /hosting/web/{serviceName}/database/{name}/copyRestore")
    copy_id = str(values["copyId"])
    copy = api.store().get("copy", serviceName, copy_id)
    if copy is None:
        raise not_found(f"The requested object (copyId = {copy_id}) does not exist")
    status = _copy_shown(copy)["status"]
    if status != "done":
        raise forbidden(f"The copy {copy_id} is not ready (status {status})")
    flush = bool(values.get("flushDatabase"))
    task = _task(serviceName, "database/copyRestore", database, "importing", flush=flush)
    return api.answer(task)
