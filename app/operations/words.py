"""What an operation's page says, in plain words: what will happen, each part, how it ended."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.models import utcnow
from app.operations import parts
from app.operations.models import Operation

INTRO: dict[str, Any] = {
    "restore": _l(
        "First a safety copy of the database is made (about a minute), then it is restored "
        "from the backup you chose."
    ),
    "import": _l(
        "First a safety copy of the database is made (about a minute), then it is emptied and "
        "your file is imported into it."
    ),
    "delete": _l(
        "First a safety copy of the database is made (about a minute), then the database is "
        "deleted. OVH keeps the copy after the database is gone."
    ),
    "copy_safety": _l(
        "First a safety copy of %(target)s is made (about a minute), then OVH copies "
        "%(source)s (a few minutes) and pours the copy into %(target)s."
    ),
    "copy": _l("First OVH copies %(source)s (a few minutes), then pours the copy into %(target)s."),
    "ssl_replace": _l(
        "First OVH removes the current certificate (about a minute), then yours is imported in "
        "its place."
    ),
}
TITLES: dict[str, Any] = {
    parts.SAFETY: _l("Safety copy of %(target)s"),
    parts.RESTORE: _l("Restore %(target)s from the backup you chose"),
    parts.IMPORT: _l("Import your file into %(target)s"),
    parts.COPY: _l("Copy of %(target)s"),
    parts.POUR: _l("Pour the copy into %(target)s"),
    parts.DELETE: _l("Delete the database %(target)s"),
    parts.SSL_REMOVE: _l("Remove the current certificate"),
    parts.SSL_IMPORT: _l("Import your certificate"),
}
STATES: dict[str, Any] = {
    "waiting": _l("Starts when the part before has ended"),
    "starting": _l("Starting"),
    "running": _l("In progress"),
    "done": _l("Done"),
    "failed": _l("Did not work"),
}
BADGES = {"running": "primary", "starting": "primary", "done": "success", "failed": "danger"}
DONE: dict[str, Any] = {
    "restore": _l(
        "Done: the database is restored. The safety copy is at the top of its list of backups, "
        "should you need to go back."
    ),
    "import": _l(
        "Done: your file is imported. The safety copy is at the top of the database's list of "
        "backups, should you need to go back."
    ),
    "delete": _l(
        "Done: the database is deleted. Its safety copy is listed under Backups of deleted "
        "databases on the Databases tab."
    ),
    "copy": _l("Done: the copy is poured into %(target)s."),
    "ssl_replace": _l("Done: your certificate replaces the previous one."),
}
NOTHING_CHANGED: dict[str, Any] = {
    parts.SAFETY: _l(
        "The safety copy could not be made, so nothing was changed: the database is as it was. "
        "You can try again in a few minutes."
    ),
    parts.COPY: _l(
        "OVH could not make the copy, so nothing was poured into %(target)s: it is as it was."
    ),
    parts.SSL_REMOVE: _l(
        "OVH could not remove the current certificate, so nothing was changed and yours was "
        "not imported."
    ),
}
FAILED_AFTER = _l("%(part)s did not work; the part before it had ended well.")
KEY_GONE = _l(
    "The current certificate was removed, but yours could not be imported: the panel keeps "
    "its private key 30 minutes at most, sealed. Import your certificate again."
)
SLOW = _l(
    "This is taking longer than usual. It goes on by itself: you can leave this page and come "
    "back later."
)
WATCHING = _l(
    "This page updates by itself every 2 seconds. You can also leave it: the next part starts "
    "by itself when this one has ended."
)


def intro(operation: Operation) -> str:
    values = operation.values
    key = operation.kind
    if key == "copy" and operation.steps[0]["kind"] == parts.SAFETY:
        key = "copy_safety"
    return str(INTRO[key] % {"source": values.get("source", ""), "target": operation.target})


def title(step: dict[str, Any]) -> str:
    return str(TITLES[step["kind"]] % {"target": step["target"]})


def state(operation: Operation, index: int) -> str:
    """A part's state: the current part's from the operation, the others' from what ended."""
    if operation.state == "running" and index == operation.position:
        return operation.step_state
    return str(operation.steps[index].get("state") or "waiting")


def outcome(operation: Operation) -> tuple[str, str] | None:
    """(alert colour, sentence) once the operation has ended."""
    if operation.state == "done":
        return "success", str(DONE[operation.kind] % {"target": operation.target})
    if operation.state != "failed":
        return None
    step = operation.steps[operation.position]
    if step.get("error") == "secrets":
        return "danger", str(KEY_GONE)
    if step["kind"] in NOTHING_CHANGED:
        return "warning", str(NOTHING_CHANGED[step["kind"]] % {"target": step["target"]})
    return "danger", str(FAILED_AFTER % {"part": title(step)})


def slow(operation: Operation) -> bool:
    """Whether the running part has taken longer than the settings say it usually does."""
    started = operation.step_started_at
    if operation.state != "running" or started is None:
        return False
    name = (
        "SSL_REPLACE_WAIT_SECONDS"
        if operation.kind == "ssl_replace"
        else "SAFETY_BACKUP_WAIT_SECONDS"
    )
    return (utcnow() - started).total_seconds() > float(current_app.config[name])


def tab(operation: Operation) -> str:
    return "ssl.index" if operation.kind == "ssl_replace" else "databases.index"
