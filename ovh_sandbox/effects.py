"""What happens to the objects when a task reaches its outcome.

Each task function has one effect for success (``done``) and one for failure (``cancelled`` or
``error``). The task's payload says which object it works on (``kind`` and ``key``) and, for an
update, the changes to apply.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ovh_sandbox.db import Store

Effect = Callable[[Store, str, dict[str, Any]], None]


def _finish(store: Store, service: str, payload: dict[str, Any]) -> None:
    doc = store.get(payload["kind"], service, payload["key"])
    if doc is not None:
        doc.update(payload.get("changes", {}))
        doc[payload.get("field", "status")] = "created"  # a job's progress is its ``state``
        if "taskId" in doc:
            doc["taskId"] = None
        store.put(payload["kind"], service, payload["key"], doc)


def _remove(store: Store, service: str, payload: dict[str, Any]) -> None:
    store.delete(payload["kind"], service, payload["key"])
    if payload["kind"] == "domain":
        store.delete("domainssl", service, payload["key"])


def _installed(store: Store, service: str, payload: dict[str, Any]) -> None:
    """The module is ready, and its tables are in its database (``quotaUsed`` grows)."""
    _finish(store, service, payload)
    database = store.get("database", service, str(payload.get("database")))
    if database is not None:
        used = (database.get("quotaUsed") or {}).get("value") or 0.0
        database["quotaUsed"] = {"unit": "MB", "value": round(used + payload["tables_mb"], 1)}
        store.put("database", service, database["name"], database)


def _revert(store: Store, service: str, payload: dict[str, Any]) -> None:
    _finish(store, service, {**payload, "changes": {}})


CONFIG_VALUES = ("container", "engineName", "engineVersion", "environment", "httpFirewall")


def _reconfigure(store: Store, service: str, payload: dict[str, Any]) -> None:
    """A PHP configuration changed or rolled back: what it was becomes a historical one."""
    doc = store.get(payload["kind"], service, payload["key"])
    if doc is not None:
        number = 1 + max(int(d["id"]) for d in store.all(payload["kind"], service))
        old = {**doc, "id": number, "historical": True, "status": "created", "taskId": None}
        store.put(payload["kind"], service, str(number), old)
    _finish(store, service, payload)


def _issue_certificate(store: Store, service: str, payload: dict[str, Any]) -> None:
    """A Let's Encrypt certificate covers the domains asking for SSL when it is issued."""
    if payload["kind"] == "ssl":
        covered = [
            d["domain"]
            for d in store.all("domain", service)
            if d.get("ssl") and d["status"] != "deleting"
        ]
    else:
        covered = [payload["key"]]
    _finish(store, service, {**payload, "changes": {"_domains": covered}})


def count_dumps(store: Store, service: str, database: str) -> None:
    doc = store.get("database", service, database)
    if doc is not None:
        doc["dumps"] = sum(1 for d in store.all("dump", service) if d["databaseName"] == database)
        store.put("database", service, database, doc)


def _dumped(store: Store, service: str, payload: dict[str, Any]) -> None:
    """The backup is made: it is ready, and its database free again."""
    _finish(store, service, {"kind": "dump", "key": str(payload["dump"])})
    _finish(store, service, payload)


def _not_dumped(store: Store, service: str, payload: dict[str, Any]) -> None:
    store.delete("dump", service, str(payload["dump"]))
    count_dumps(store, service, payload["key"])
    _revert(store, service, payload)


def _dump_deleted(store: Store, service: str, payload: dict[str, Any]) -> None:
    store.delete("dump", service, payload["key"])
    count_dumps(store, service, payload["database"])


EFFECTS: dict[str, tuple[Effect, Effect]] = {
    "attachedDomain/create": (_finish, _remove),
    "attachedDomain/update": (_finish, _revert),
    "attachedDomain/delete": (_remove, _revert),
    "database/create": (_finish, _remove),
    "database/delete": (_remove, _revert),
    "database/changePassword": (_finish, _revert),
    "user/create": (_finish, _remove),
    "user/update": (_finish, _revert),
    "user/changePassword": (_finish, _revert),
    "user/delete": (_remove, _revert),
    "ovhConfig/update": (_reconfigure, _revert),
    "ovhConfig/rollback": (_reconfigure, _revert),
    "cron/create": (_finish, _remove),
    "cron/update": (_finish, _revert),
    "cron/delete": (_remove, _revert),
    "dump/create": (_dumped, _not_dumped),
    "database/restore": (_finish, _revert),
    "database/import": (_finish, _revert),
    "database/copyRestore": (_finish, _revert),
    "dump/delete": (_dump_deleted, _revert),
    "hostedssl/create": (_issue_certificate, _remove),
    "hostedssl/import": (_finish, _remove),
    "hostedssl/regenerate": (_issue_certificate, _revert),
    "hostedssl/delete": (_remove, _revert),
    "module/install": (_installed, _remove),
    "module/delete": (_remove, _revert),
    "module/changePassword": (_finish, _revert),
}


def apply(
    store: Store, service: str, function: str, payload: dict[str, Any], *, succeeded: bool
) -> None:
    on_success, on_failure = EFFECTS[function]
    (on_success if succeeded else on_failure)(store, service, payload)
