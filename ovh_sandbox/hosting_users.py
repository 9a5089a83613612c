"""``/1.0/hosting/web/{serviceName}/user*``: the plan's FTP/SSH logins.

OVH's rules as its control panel applies them: a new login is the primary login, a hyphen and
letters, digits or underscores, 20 characters in all; its home is the whole space (``/``) or a
folder relative to it (``./www``); the password follows the hosting password policy. The primary
login cannot be deleted, disabled or moved. Plans with a single login (Perso, Start) cannot add
any (ovh/docs, ``ftp_manage_users``).
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, request

from ovh_sandbox import api, tasks
from ovh_sandbox.db import public
from ovh_sandbox.errors import bad_request, conflict, forbidden, not_found
from ovh_sandbox.hosting_databases import PASSWORD_HELP, PASSWORD_RULE
from ovh_sandbox.seed_settings import SINGLE_LOGIN_OFFERS, user

bp = Blueprint("hosting_users", __name__, url_prefix="/1.0/hosting/web/<serviceName>")

LOGIN_MAX_LENGTH = 20
LOGIN_REST = re.compile(r"\w+", re.ASCII)
HOME_CHARACTERS = re.compile(r"[A-Za-z0-9._/~+@=-]*")


def _user(service: str, login: str) -> dict[str, Any]:
    api.service_doc(service)
    doc = api.store().get("user", service, login)
    if doc is None:
        raise not_found(f"The requested object (login = {login}) does not exist")
    return doc


def _check_login(service: dict[str, Any], login: str) -> None:
    prefix = service["primaryLogin"] + "-"
    if not login.startswith(prefix) or not LOGIN_REST.fullmatch(login[len(prefix) :]):
        raise bad_request(
            f"The login must be '{prefix}' followed by letters, digits or underscores"
        )
    if len(login) > LOGIN_MAX_LENGTH:
        raise bad_request(f"The login must be {LOGIN_MAX_LENGTH} characters at most")


def check_home(home: str) -> str:
    """The home as OVH keeps it: ``/`` (everything) or ``./folder``; never above the home."""
    if home in ("/", "./", "."):
        return "/"
    relative = home[2:] if home.startswith("./") else home
    if relative.startswith("/") or ".." in relative.split("/"):
        raise bad_request("Invalid home: it must be a folder inside your hosting's home directory")
    if not relative or not HOME_CHARACTERS.fullmatch(relative):
        raise bad_request("Invalid home: use letters, digits, dots, hyphens and slashes")
    return "./" + relative.rstrip("/")


def _check_password(password: Any) -> None:
    if not password or not PASSWORD_RULE.fullmatch(password):
        raise bad_request(PASSWORD_HELP)


def _outcome(login: str) -> str:
    """Trigger inputs: a login ending in ``cancel`` or ``fail`` ends its task ``cancelled``."""
    return tasks.FAILED if login.endswith(("cancel", "fail")) else "done"


def _start(
    service: str,
    doc: dict[str, Any],
    function: str,
    status: str,
    changes: dict[str, Any] | None = None,
) -> dict[str, Any]:
    if doc["status"] != "created":
        raise conflict(
            f"An operation is already in progress on {doc['login']} "
            f"(status {doc['status']}, task {doc['taskId']})"
        )
    return api.start_task(
        service,
        "user",
        doc["login"],
        function=function,
        object_type="User",
        outcome=_outcome(doc["login"]),
        doc=doc,
        status=status,
        changes=changes or {},
    )


@bp.get("/user")
def list_users(serviceName: str) -> Response:
    api.service_doc(serviceName)
    home, login = request.args.get("home"), request.args.get("login")
    docs = {
        d["login"]: public(d)
        for d in api.store().all("user", serviceName)
        if api.like(d["home"], home) and api.like(d["login"], login)
    }
    return api.listing(list(docs), docs.__getitem__)


@bp.post("/user")
def create_user(serviceName: str) -> Response:
    service = api.service_doc(serviceName)
    values = api.body("POST /hosting/web/{serviceName}/user")
    if service["offer"] in SINGLE_LOGIN_OFFERS:
        raise forbidden(f"The {service['offer']} offer does not allow additional FTP users")
    login = values["login"]
    _check_login(service, login)
    home = check_home(values["home"])
    _check_password(values["password"])
    if api.store().get("user", serviceName, login) is not None:
        raise conflict(f"The user {login} already exists")
    doc = user(service, login, home, ssh=values.get("sshState") or "none")
    return api.answer(_start(serviceName, doc, "user/create", "creating"))


@bp.get("/user/<login>")
def get_user(serviceName: str, login: str) -> Response:
    return api.answer(public(_user(serviceName, login)))


@bp.put("/user/<login>")
def update_user(serviceName: str, login: str) -> Response:
    doc = _user(serviceName, login)
    values = api.body("PUT /hosting/web/{serviceName}/user/{login}")
    changes = {k: values[k] for k in ("home", "sshState", "state") if values.get(k) is not None}
    if "home" in changes:
        changes["home"] = check_home(changes["home"])
    if doc["isPrimaryAccount"] and ("home" in changes or changes.get("state") == "off"):
        raise forbidden("The primary FTP user cannot be moved or disabled")
    changes = {k: v for k, v in changes.items() if doc.get(k) != v}
    if changes:
        _start(serviceName, doc, "user/update", "updating", changes)
    return api.void()


@bp.delete("/user/<login>")
def delete_user(serviceName: str, login: str) -> Response:
    doc = _user(serviceName, login)
    if doc["isPrimaryAccount"]:
        raise forbidden("The primary FTP user cannot be deleted")
    return api.answer(_start(serviceName, doc, "user/delete", "deleting"))


@bp.post("/user/<login>/changePassword")
def change_password(serviceName: str, login: str) -> Response:
    doc = _user(serviceName, login)
    values = api.body("POST /hosting/web/{serviceName}/user/{login}/changePassword")
    _check_password(values["password"])
    return api.answer(_start(serviceName, doc, "user/changePassword", "updating"))
