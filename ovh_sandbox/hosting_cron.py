"""``/1.0/hosting/web/{serviceName}/cron*``: the plan's scheduled jobs and the languages they can
run in.

OVH's rules as its control panel applies them: the command is a script path relative to the home
(``./www/job.php``, 100 characters at most), the frequency a crontab line whose minutes OVH
ignores (a job runs at most once an hour), the language one of ``cronAvailableLanguage``, the
error email ``no``, ``nic-admin``, ``nic-tech`` or an address.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, request

from ovh_sandbox import api, tasks
from ovh_sandbox.db import public
from ovh_sandbox.errors import bad_request, conflict, not_found
from ovh_sandbox.seed_settings import CRON_LANGUAGES

bp = Blueprint("hosting_cron", __name__, url_prefix="/1.0/hosting/web/<serviceName>")

COMMAND_MAX_LENGTH = 100
COMMAND_CHARACTERS = re.compile(r"[A-Za-z0-9._/~+@=-]+")
EMAIL_CHOICES = ("no", "nic-admin", "nic-tech")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# Minute, hour, day of month, month, day of week: the bounds of each crontab field.
FIELD_BOUNDS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
VALUES = ("command", "description", "email", "frequency", "language", "status")


def check_frequency(frequency: str) -> None:
    fields = frequency.split()
    if len(fields) != len(FIELD_BOUNDS):
        raise bad_request(f"Invalid frequency '{frequency}': five crontab fields are expected")
    for text, (low, high) in zip(fields, FIELD_BOUNDS, strict=True):
        for part in text.split(","):
            _check_part(frequency, part, low, high)


def _check_part(frequency: str, part: str, low: int, high: int) -> None:
    match = re.fullmatch(r"(\*|(\d+)(?:-(\d+))?)(?:/(\d+))?", part)
    numbers = [int(n) for n in match.groups()[1:] if n is not None] if match else []
    step = int(match.group(4)) if match and match.group(4) else None
    if match is None or step == 0 or any(not low <= n <= high for n in numbers[:2]):
        raise bad_request(f"Invalid frequency '{frequency}': '{part}' is out of range")


def check_command(command: str) -> None:
    relative = command[2:] if command.startswith("./") else command
    if relative.startswith("/") or ".." in relative.split("/"):
        raise bad_request("Invalid command: the script must be inside your hosting's home")
    if len(command) > COMMAND_MAX_LENGTH or not COMMAND_CHARACTERS.fullmatch(relative):
        raise bad_request(
            f"Invalid command: a script path of at most {COMMAND_MAX_LENGTH} characters"
        )


def _check(service: str, values: dict[str, Any]) -> None:
    if values.get("command") is not None:
        check_command(values["command"])
    if values.get("frequency") is not None:
        check_frequency(values["frequency"])
    language = values.get("language")
    if language is not None and language not in CRON_LANGUAGES:
        raise bad_request(f"The language {language} is not available on this hosting")
    email = values.get("email")
    if email and email not in EMAIL_CHOICES and not EMAIL.fullmatch(email):
        raise bad_request(f"Invalid email '{email}'")
    if values.get("status") == "suspended":
        raise bad_request("A cron is suspended by OVH only: choose enabled or disabled")


def _cron(service: str, number: int) -> dict[str, Any]:
    api.service_doc(service)
    doc = api.store().get("cron", service, str(number))
    if doc is None:
        raise not_found(f"The requested object (id = {number}) does not exist")
    return doc


def _outcome(command: str) -> str:
    """Trigger inputs: a script whose name starts with ``cancel-`` or ``fail-``."""
    return tasks.FAILED if command.rsplit("/", 1)[-1].startswith(("cancel-", "fail-")) else "done"


def _start(
    service: str,
    doc: dict[str, Any],
    function: str,
    state: str,
    changes: dict[str, Any] | None = None,
) -> dict[str, Any]:
    if doc["state"] != "created":
        raise conflict(f"An operation is already in progress on the cron {doc['id']}")
    task = api.start_task(
        service,
        "cron",
        str(doc["id"]),
        function=function,
        object_type="Cron",
        outcome=_outcome(str((changes or {}).get("command") or doc["command"])),
        field="state",
        changes=changes or {},
    )
    doc["state"] = state
    api.store().put("cron", service, str(doc["id"]), doc)
    return task


@bp.get("/cron")
def list_crons(serviceName: str) -> Response:
    api.service_doc(serviceName)
    args = request.args
    language = args.get("language")
    docs = {
        d["id"]: public(d)
        for d in api.store().all("cron", serviceName)
        if language in (None, d["language"])
        and all(api.like(d[k], args.get(k)) for k in ("command", "description", "email"))
    }
    return api.listing(sorted(docs), docs.__getitem__)


@bp.post("/cron")
def create_cron(serviceName: str) -> Response:
    api.service_doc(serviceName)
    values = api.body("POST /hosting/web/{serviceName}/cron")
    _check(serviceName, values)
    existing = api.store().all("cron", serviceName)
    number = 1 + max((int(d["id"]) for d in existing), default=0)
    doc = {
        "command": values["command"],
        "description": values.get("description"),
        "email": values.get("email"),
        "frequency": values["frequency"],
        "id": number,
        "language": values["language"],
        "state": "created",
        "status": values.get("status") or "enabled",
    }
    return api.answer(_start(serviceName, doc, "cron/create", "creating"))


@bp.get("/cron/<int:id>")
def get_cron(serviceName: str, id: int) -> Response:
    return api.answer(public(_cron(serviceName, id)))


@bp.put("/cron/<int:id>")
def update_cron(serviceName: str, id: int) -> Response:
    doc = _cron(serviceName, id)
    values = api.body("PUT /hosting/web/{serviceName}/cron/{id}")
    _check(serviceName, values)
    changes = {k: values[k] for k in VALUES if k in values and values[k] != doc.get(k)}
    if changes:
        _start(serviceName, doc, "cron/update", "updating", changes)
    return api.answer("The cron will be updated")


@bp.delete("/cron/<int:id>")
def delete_cron(serviceName: str, id: int) -> Response:
    doc = _cron(serviceName, id)
    return api.answer(_start(serviceName, doc, "cron/delete", "deleting"))


@bp.get("/cronAvailableLanguage")
def available_languages(serviceName: str) -> Response:
    api.service_doc(serviceName)
    return api.answer(CRON_LANGUAGES)
