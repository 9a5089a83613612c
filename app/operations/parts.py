"""The parts an operation is made of, and what each sends to OVH.

Each part is kept as ``{"kind", "action", "target", "parameters"}`` (the audit entry it makes:
action, target, parameters, none secret) and, once started, its ``task``, ``state`` and
``error``. What the calls need beyond that is in the operation's ``values`` (no secret) or, for
the certificate a replacement imports, sealed (:data:`PURPOSE`, :data:`SEALED_SECONDS`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from app.operations.models import Operation
from app.services import backups, databases, ssl

SAFETY, RESTORE, IMPORT, COPY, POUR, DELETE = (
    "safety",
    "restore",
    "import",
    "copy",
    "pour",
    "delete",
)
SSL_REMOVE, SSL_IMPORT = "ssl_remove", "ssl_import"
# Parts that only make something (a backup, a copy): when one fails, nothing was changed.
HARMLESS = frozenset({SAFETY, COPY})
PURPOSE = b"panel operation secrets"
# How long the sealed certificate may wait for the old one's removal: past it, it is unreadable
# and the person pastes the key again.
SEALED_SECONDS = 30 * 60

Send = Callable[..., Any]


class Gone(Exception):
    """The secrets a part needs are no longer readable (too old, or SECRET_KEY changed)."""


def part(kind: str, action: str, target: str, /, **parameters: Any) -> dict[str, Any]:
    return {"kind": kind, "action": action, "target": target, "parameters": parameters}


def safety(name: str) -> dict[str, Any]:
    return part(SAFETY, "database.back_up", name, reason="safety")


def call(
    operation: Operation, step: dict[str, Any], secrets: dict[str, str]
) -> tuple[str, dict[str, Any], Send]:
    """The part's audit action and parameters, and ``send(gateway, service_name)``."""
    kind, name, values = step["kind"], step["target"], operation.values
    send: Send
    if kind == SAFETY:
        send = partial(backups.back_up_now, name=name)
    elif kind == RESTORE:
        send = partial(backups.restore_backup, name=name, dump_id=int(values["dump_id"]))
    elif kind == IMPORT:
        send = partial(
            backups.import_document,
            name=name,
            document_id=str(values["document_id"]),
            flush=bool(values["flush"]),
        )
    elif kind == COPY:
        send = partial(backups.start_copy, name=name)
    elif kind == POUR:
        send = partial(
            backups.restore_copy,
            name=name,
            copy_id=str(values["copy_id"]),
            flush=bool(values["flush"]),
        )
    elif kind == DELETE:
        send = partial(databases.delete_database, name=name)
    elif kind == SSL_REMOVE:
        send = partial(ssl.delete_certificate, domain=values.get("domain"))
    elif kind == SSL_IMPORT:
        if "key" not in secrets:
            raise Gone()
        send = partial(
            ssl.import_certificate,
            certificate=secrets["certificate"],
            key=secrets["key"],
            chain=secrets.get("chain", ""),
        )
    else:
        raise ValueError(kind)
    return step["action"], dict(step.get("parameters") or {}), send
