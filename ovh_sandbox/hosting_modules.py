"""``/1.0/hosting/web/moduleList`` (OVH's catalogue) and ``…/{serviceName}/module`` (installed
one-click modules): list, install, read, delete, new admin password, each install a task.

Install checks what OVH would refuse: an unknown or inactive module, a language it does not offer,
a domain not attached to the hosting, a folder that climbs out of the home folder or already holds a
module, an admin name that is not an email where the module wants one, a password under 8
characters, and the MySQL database it needs: exactly one dependency, of type ``mysql``, whose
``server`` is a database of this hosting that is ready, with its own ``user`` and a password.

The dependency is what OVH's control panel sends (ovh/manager,
``packages/manager/apps/web/client/app/hosting/module/add/hosting-module-add.controller.js``):
``server`` = the database's ``name`` (``x.mysql.db``), ``name`` = the MySQL schema, which on shared
hosting is the database's ``user``, plus ``user``, ``password``, ``port``, ``prefix``. The installer
only signs in when the install runs: a ``name`` that is not the schema, another ``port`` or a wrong
``password`` is accepted by the call and the task ends ``cancelled`` (OVH's "Unable to connect to
database" email). A finished install leaves its tables in the database: its ``quotaUsed`` grows
by :data:`TABLES_MB`.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, request

from ovh_sandbox import api, clock, tasks
from ovh_sandbox.db import public
from ovh_sandbox.errors import bad_request, conflict, not_found
from ovh_sandbox.hosting_domains import checked_path
from ovh_sandbox.module_catalogue import CATALOGUE, find
from ovh_sandbox.seed_data import password_digest
from ovh_sandbox.validation import query_bool

bp = Blueprint("hosting_modules", __name__, url_prefix="/1.0/hosting/web")

FIRST_INSTALL_ID = 1_500_001
ADMIN_PASSWORD_MIN = 8
MYSQL_PORT = 3306  # the installer's default when the dependency names no port
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# Trigger inputs: an admin name ending in ``fail`` or ``cancel`` always fails; a domain whose first
# label starts with ``flaky-`` fails its first install and succeeds when tried again.
FLAKY_PREFIX = "flaky-"
# What a fresh install's tables take in its database, in MB (the sandbox's figures: OVH
# publishes none; each is well above the panel's 1 MB "empty database" threshold).
TABLES_MB = {"wordpress": 2.4, "prestashop": 18.0, "joomla": 4.1, "drupal": 7.6}


def _filter(entry: dict[str, Any]) -> bool:
    for name in ("active", "latest"):
        wanted = query_bool(request.args, name)
        if wanted is not None and entry[name] is not wanted:
            return False
    branch = request.args.get("branch")
    return branch is None or entry["branch"] == branch


@bp.get("/moduleList")
def module_list() -> Response:
    return api.answer([entry["id"] for entry in CATALOGUE if _filter(entry)])


@bp.get("/moduleList/<int:id>")
def module_list_entry(id: int) -> Response:
    entry = find(id)
    if entry is None:
        raise not_found(f"The requested object (id = {id}) does not exist")
    return api.answer(entry)


def _installed(service: str, install_id: int) -> dict[str, Any]:
    api.service_doc(service)
    doc = api.store().get("module", service, str(install_id))
    if doc is None:
        raise not_found(f"The requested object (id = {install_id}) does not exist")
    return doc


@bp.get("/<serviceName>/module")
def list_modules(serviceName: str) -> Response:
    api.service_doc(serviceName)
    docs = {int(d["id"]): public(d) for d in api.store().all("module", serviceName)}
    return api.listing(sorted(docs), docs.__getitem__)


def _checked_dependency(service: str, values: dict[str, Any]) -> dict[str, Any]:
    dependencies = values.get("dependencies") or []
    if len(dependencies) != 1 or not isinstance(dependencies[0], dict):
        raise bad_request("This module needs exactly one dependency: its MySQL database")
    dependency = dependencies[0]
    if dependency.get("type") != "mysql":
        raise bad_request(
            f"Invalid value for dependencies.type: '{dependency.get('type')}' is not one of mysql"
        )
    server = dependency.get("server")
    database = api.store().get("database", service, str(server)) if server else None
    if database is None:
        raise bad_request(f"The database server {server} does not exist on this hosting")
    if database["status"] != "created":
        raise conflict(f"The database {server} is not ready (status {database['status']})")
    if dependency.get("user") != database["user"] or not dependency.get("password"):
        raise bad_request(f"The user and password of the database {server} are required")
    return database


def _connects(database: dict[str, Any], values: dict[str, Any]) -> bool:
    """Whether the installer can open the database with what it was given: its schema (named
    after its user on OVH's shared hosting), its port and its password."""
    dependency = values["dependencies"][0]
    password = str(dependency.get("password") or "")
    port = database.get("port") or MYSQL_PORT
    return (
        dependency.get("name") == database["user"]
        and int(dependency.get("port") or port) == port
        and database.get("_password") == password_digest(password)
    )


def _outcome(service: str, domain: str, admin_name: str, connects: bool) -> str:
    if not connects or admin_name.lower().endswith(("fail", "cancel")):
        return tasks.FAILED
    if domain.split(".", 1)[0].startswith(FLAKY_PREFIX):
        marker = api.store().get("flaky", service, domain)
        if marker is None:
            api.store().put("flaky", service, domain, {"failed_once": True})
            return tasks.FAILED
    return "done"


@bp.post("/<serviceName>/module")
def install(serviceName: str) -> Response:
    api.service_doc(serviceName)
    values = api.body("POST /hosting/web/{serviceName}/module")
    entry = find(int(values["moduleId"]))
    if entry is None or not entry["active"]:
        raise bad_request(f"The module {values['moduleId']} is not available")
    language = values.get("language") or "en"
    if language not in entry["language"]:
        raise bad_request(f"The module {entry['name']} is not available in the language {language}")
    domain = values.get("domain") or serviceName
    attached = api.store().get("domain", serviceName, domain)
    if attached is None:
        raise bad_request(f"The domain {domain} is not attached to this hosting")
    path = checked_path(values.get("path") or attached["path"])
    if any(m["path"] == path for m in api.store().all("module", serviceName)):
        raise conflict(f"A module is already installed in the folder {path}")
    admin_name = values.get("adminName") or ""
    if not admin_name:
        raise bad_request("Missing parameter: adminName")
    if entry["adminNameType"] == "email" and not EMAIL.fullmatch(admin_name):
        raise bad_request(f"The admin name of {entry['name']} must be an email address")
    if len(values.get("adminPassword") or "") < ADMIN_PASSWORD_MIN:
        raise bad_request("The admin password must be at least 8 characters long")
    database = _checked_dependency(serviceName, values)
    sent = values["dependencies"][0]
    install_id = FIRST_INSTALL_ID + len(
        api.conn().execute("SELECT 1 FROM docs WHERE kind='module' OR kind='module-id'").fetchall()
    )
    api.store().put("module-id", serviceName, str(install_id), {})
    task = api.start_task(
        serviceName,
        "module",
        str(install_id),
        function="module/install",
        object_type="Module",
        outcome=_outcome(serviceName, domain, admin_name, _connects(database, values)),
        database=database["name"],
        tables_mb=TABLES_MB.get(entry["name"], 2.0),
    )
    api.store().put(
        "module",
        serviceName,
        str(install_id),
        {
            "adminFolder": "wp-admin" if entry["name"] == "wordpress" else "admin",
            "adminName": admin_name,
            "creationDate": clock.iso(clock.now()),
            "dependencies": [
                {
                    **{k: sent.get(k) for k in ("name", "prefix", "server", "type", "user")},
                    "password": None,
                    "port": int(sent.get("port") or database.get("port") or MYSQL_PORT),
                }
            ],
            "id": install_id,
            "language": language,
            "lastUpdate": clock.iso(clock.now()),
            "moduleId": entry["id"],
            "path": path,
            "status": "creating",
            "targetUrl": f"https://{domain}/",
            "taskId": task["id"],
        },
    )
    return api.answer(task)


@bp.get("/<serviceName>/module/<int:id>")
def get_module(serviceName: str, id: int) -> Response:
    return api.answer(public(_installed(serviceName, id)))


def _start(service: str, doc: dict[str, Any], function: str, status: str) -> Response:
    if doc["status"] != "created":
        raise conflict(f"An operation is already in progress on the module {doc['id']}")
    task = api.start_task(
        service,
        "module",
        str(doc["id"]),
        function=function,
        object_type="Module",
        doc=doc,
        status=status,
    )
    return api.answer(task)


@bp.delete("/<serviceName>/module/<int:id>")
def delete_module(serviceName: str, id: int) -> Response:
    doc = _installed(serviceName, id)
    query_bool(request.args, "purgeData")
    return _start(serviceName, doc, "module/delete", "deleting")


@bp.post("/<serviceName>/module/<int:id>/changePassword")
def change_password(serviceName: str, id: int) -> Response:
    """OVH makes a new admin password itself and sends it to the account's contact by email."""
    return _start(serviceName, _installed(serviceName, id), "module/changePassword", "updating")
