"""What each page of the Access tab shows, read from OVH in one round trip per page."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import abort

from app.extensions import ovh_api
from app.ftp.forms import CreateAccessUserForm, folder_choices
from app.loaders import with_service
from app.services import domains, ftp_users
from app.tasks import following


def index_page(service_name: str) -> dict[str, Any]:
    service, users = with_service(service_name, ftp_users.list_users)
    single = service.offer in ftp_users.SINGLE_LOGIN_OFFERS
    return {"service": service, "users": users, "single_login": single}


def create_page(service_name: str) -> tuple[dict[str, Any], CreateAccessUserForm]:
    """The logins (taken names, where they connect) and the folders the plan's domains use."""
    service, users, attached = with_service(
        service_name, ftp_users.list_users, domains.list_domains
    )
    form = CreateAccessUserForm(
        primary_login=service.primary_login,
        folders=folder_choices([domain.path for domain in attached]),
        taken=[user.login for user in users],
    )
    return {"service": service}, form


def show_page(service_name: str, login: str, task_id: int | None) -> dict[str, Any]:
    """A login's connection details. Just after it is created OVH may not list it yet: its
    details are then the primary login's server and ports, with the new login's name."""
    service, users = with_service(service_name, ftp_users.list_users)
    found = {user.login: user for user in users}
    user = found.get(login)
    # The creation's task, followed as on its own page (its end recorded, a failure explained).
    followed = following.followed(service_name, [task_id]) if task_id else {}
    task = followed.get("task")
    if user is None and task is None:
        abort(404)
    primary = next((u for u in users if u.primary), None)
    ftp = user.ftp if user and user.ftp else _named(primary.ftp if primary else None, login)
    ssh = user.ssh if user and user.ssh else _named(primary.ssh if primary else None, login)
    return {
        "service": service,
        "user": user,
        "login": login,
        "ftp": ftp,
        "ssh": ssh,
        "task": task,
        "https": followed.get("https", {}),
        "failures": followed.get("failures", {}),
    }


def user_page(service_name: str, login: str) -> dict[str, Any]:
    service, user = with_service(service_name, partial(ftp_users.get_user, login=login, fresh=True))
    return {"service": service, "user": user}


def status_of(service_name: str, login: str) -> dict[str, Any]:
    user = ftp_users.find_user(ovh_api.gateway, service_name, login)
    return {"service_name": service_name, "login": login, "user": user}


def _named(endpoint: ftp_users.Endpoint | None, login: str) -> ftp_users.Endpoint | None:
    if endpoint is None:
        return None
    return ftp_users.Endpoint(host=endpoint.host, port=endpoint.port, user=login)
