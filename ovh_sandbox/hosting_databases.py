"""``/1.0/hosting/web/{serviceName}/database*``: list, create, read, delete, password, offers.

Database offers (``capabilitie``) have a number of slots per service (``_slots`` in the service
document); a database occupies a slot of its offer from creation until it is gone.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, request

from ovh_sandbox import api, tasks
from ovh_sandbox.db import public
from ovh_sandbox.errors import bad_request, conflict, forbidden, not_found
from ovh_sandbox.seed_data import (
    ENGINE_DEFAULTS,
    ENGINE_VERSIONS,
    database,
    database_name,
    password_digest,
)

bp = Blueprint("hosting_databases", __name__, url_prefix="/1.0/hosting/web/<serviceName>")

USER_MAX_LENGTH = 16
USER_CHARACTERS = re.compile(r"[a-z0-9]+")
# OVH's rule (ovh/docs, sql_change_password): 8 to 30 letters and digits, with at least one
# capital, one lower-case letter and one digit.
PASSWORD_RULE = re.compile(r"(?=.*[A-Z])(?=.*[a-z])(?=.*[0-9])[A-Za-z0-9]{8,30}")
PASSWORD_HELP = (
    "The password must be 8 to 30 letters and digits, with at least one capital letter, "
    "one lower-case letter and one digit"
)
QUOTA_MB_BY_OFFER = {"hosting-perso": 200, "hosting-pro": 400, "hosting-performance-1": 1024}
EXTRA_SQL_QUOTA_MB = 1024


def _database(service: str, name: str) -> dict[str, Any]:
    api.service_doc(service)
    doc = api.store().get("database", service, name)
    if doc is None:
        raise not_found(f"The requested object (name = {name}) does not exist")
    return doc


def _require_idle(doc: dict[str, Any]) -> None:
    if doc["status"] != "created":
        raise conflict(
            f"An operation is already in progress on {doc['name']} "
            f"(status {doc['status']}, task {doc['taskId']})"
        )


def _creation_capabilities(service: str) -> list[dict[str, Any]]:
    doc = api.service_doc(service)
    used: dict[str, int] = {}
    for db in api.store().all("database", service):
        used[db["_capabilitie"]] = used.get(db["_capabilitie"], 0) + 1
    return [
        {
            "available": max(total - used.get(offer, 0), 0),
            "engines": sorted(ENGINE_DEFAULTS),
            "isolation": "shared",
            "quota": {
                "unit": "MB",
                "value": EXTRA_SQL_QUOTA_MB
                if offer == "extraSqlPerso"
                else QUOTA_MB_BY_OFFER.get(doc["offer"], 400),
            },
            "type": offer,
        }
        for offer, total in doc["_slots"].items()
    ]


def _check_user(service: str, user: str) -> None:
    login = api.service_doc(service)["primaryLogin"]
    if not user.startswith(login):
        raise bad_request(f"The database user must begin with your hosting login '{login}'")
    if not USER_CHARACTERS.fullmatch(user):
        raise bad_request("The database user may only contain lowercase letters and digits")
    if len(user) > USER_MAX_LENGTH:
        raise bad_request(f"The database user must be {USER_MAX_LENGTH} characters at most")


def _check_password(password: Any) -> None:
    if not password:
        raise bad_request("Missing parameter: password")
    if not PASSWORD_RULE.fullmatch(password):
        raise bad_request(PASSWORD_HELP)


@bp.get("/database")
def list_databases(serviceName: str) -> Response:
    api.service_doc(serviceName)
    args = request.args
    mode = args.get("mode")
    engine = args.get("type")
    docs = {
        d["name"]: public(d)
        for d in api.store().all("database", serviceName)
        if mode in (None, d["mode"])
        and engine in (None, d["type"])
        and api.like(d["name"], args.get("name"))
        and api.like(d["server"], args.get("server"))
        and api.like(d["user"], args.get("user"))
    }
    return api.listing(list(docs), docs.__getitem__)


@bp.post("/database")
def create_database(serviceName: str) -> Response:
    api.service_doc(serviceName)
    values = api.body("POST /hosting/web/{serviceName}/database")
    offers = {c["type"]: c for c in _creation_capabilities(serviceName)}
    offer = values["capabilitie"]
    if offer not in offers:
        raise bad_request(
            f"The database offer {offer} is not available on this hosting; "
            f"available: {', '.join(offers)}"
        )
    if offers[offer]["available"] == 0:
        raise forbidden(f"There is no database available for creation on the {offer} offer")
    user, engine = values["user"], values["type"]
    _check_user(serviceName, user)
    _check_password(values.get("password"))
    version = values.get("version") or ENGINE_DEFAULTS[engine][0]
    if version not in ENGINE_VERSIONS[engine]:
        raise bad_request(
            f"Version {version} is not available for {engine}; available: "
            f"{', '.join(ENGINE_VERSIONS[engine])}"
        )
    name = database_name(user, engine)
    if api.store().get("database", serviceName, name) is not None:
        raise conflict(f"A database named {name} already exists")
    quota = values.get("quota") or offers[offer]["quota"]["value"]
    task = api.start_task(
        serviceName,
        "database",
        name,
        function="database/create",
        object_type="Database",
        outcome=tasks.outcome_for_database_user(user),
    )
    doc = database(
        user, engine, quota_mb=float(quota), used_mb=0.0, capabilitie=offer, version=version
    )
    doc.update(status="creating", taskId=task["id"], lastCheck=None)
    doc["_password"] = password_digest(values["password"])
    api.store().put("database", serviceName, name, doc)
    return api.answer(task)


@bp.get("/database/<name>")
def get_database(serviceName: str, name: str) -> Response:
    return api.answer(public(_database(serviceName, name)))


def _start(
    service: str,
    doc: dict[str, Any],
    function: str,
    status: str,
    changes: dict[str, Any] | None = None,
) -> Response:
    _require_idle(doc)
    task = api.start_task(
        service,
        "database",
        doc["name"],
        function=function,
        object_type="Database",
        doc=doc,
        status=status,
        changes=changes or {},
    )
    return api.answer(task)


@bp.delete("/database/<name>")
def delete_database(serviceName: str, name: str) -> Response:
    return _start(serviceName, _database(serviceName, name), "database/delete", "deleting")


@bp.post("/database/<name>/changePassword")
def change_password(serviceName: str, name: str) -> Response:
    doc = _database(serviceName, name)
    values = api.body("POST /hosting/web/{serviceName}/database/{name}/changePassword")
    _check_password(values["password"])
    # The new password counts once the task has ended (a module install checks it).
    changes = {"_password": password_digest(values["password"])}
    return _start(serviceName, doc, "database/changePassword", "updating", changes)


@bp.get("/database/<name>/capabilities")
def database_capabilities(serviceName: str, name: str) -> Response:
    doc = _database(serviceName, name)
    return api.answer(
        {
            "changePassword": True,
            "changeRight": False,
            "delete": True,
            "dump": True,
            "getQuota": True,
            "getRight": False,
            "guiURL": doc["guiURL"],
            "optimize": False,
            "restore": True,
        }
    )


@bp.get("/databaseAvailableType")
def available_types(serviceName: str) -> Response:
    api.service_doc(serviceName)
    return api.answer(sorted(ENGINE_DEFAULTS))


@bp.get("/databaseAvailableVersion")
def available_versions(serviceName: str) -> Response:
    api.service_doc(serviceName)
    engine = request.args.get("type")
    if engine is None:
        raise bad_request("Missing parameter: type")
    if engine not in ENGINE_VERSIONS:
        raise bad_request(f"{engine} databases are not available on this hosting")
    return api.answer({"default": ENGINE_DEFAULTS[engine][0], "list": ENGINE_VERSIONS[engine]})


@bp.get("/databaseCreationCapabilities")
def creation_capabilities(serviceName: str) -> Response:
    return api.answer(_creation_capabilities(serviceName))
