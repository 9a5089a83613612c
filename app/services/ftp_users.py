"""The plan's FTP/SSH logins: list, read, create, change the password, switch SSH or the login
itself on or off, delete.

OVH's rules are written down here once, so the forms can check them before OVH does: a new
login is the plan's primary login, a hyphen, then letters, digits or underscores, 20 characters
in all (OVH's control panel); the password follows the hosting password policy (the same as for
databases); the home is the whole space (``/``) or a folder inside it (``./www``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.services.client import OvhGateway, path
from app.services.errors import NotFound
from app.services.tasks import Task, task_from_ovh

# hosting.web.user.SshStateEnum: FTP only, FTP and SFTP, FTP, SFTP and an SSH shell.
SSH_STATES = ("none", "sftponly", "active")
# hosting.web.user.StateEnum: ``rw`` in use, ``off`` disabled.
STATES = ("rw", "off")
LOGIN_MAX_LENGTH = 20
LOGIN_CHARACTERS = re.compile(r"[A-Za-z0-9_]+")
WHOLE_SPACE = "/"
# Offers that come with their main login only (OVH's guide "ftp_manage_users": only Pro and
# Performance plans have several). OVH refuses a new login there; the panel says so up front.
SINGLE_LOGIN_OFFERS = frozenset({"hosting-perso", "hosting-start", "hosting-starter"})


@dataclass(frozen=True)
class Endpoint:
    """Where a login connects: host, port and user name, as OVH gives them."""

    host: str
    port: int
    user: str


@dataclass(frozen=True)
class AccessUser:
    login: str
    home: str
    ssh_state: str
    state: str
    status: str
    primary: bool
    ftp: Endpoint | None
    ssh: Endpoint | None
    task_id: int | None

    @property
    def busy(self) -> bool:
        return self.status != "created"

    @property
    def enabled(self) -> bool:
        return self.state != "off"

    @property
    def folder(self) -> str:
        """The folder it is restricted to, relative to the home; ``""`` for the whole space."""
        return folder_of(self.home)


@dataclass(frozen=True)
class NewAccessUser:
    login: str
    folder: str
    password: str
    ssh_state: str

    def to_ovh(self) -> dict[str, Any]:
        return {
            "login": self.login,
            "home": home_for(self.folder),
            "password": self.password,
            "sshState": self.ssh_state,
        }


@dataclass(frozen=True)
class UserChanges:
    """What a PUT changes; fields left ``None`` are not sent."""

    ssh_state: str | None = None
    state: str | None = None

    def to_ovh(self) -> dict[str, str]:
        body = {"sshState": self.ssh_state, "state": self.state}
        return {key: value for key, value in body.items() if value is not None}


def home_for(folder: str) -> str:
    """``home`` as OVH's control panel sends it: ``/`` for everything, else ``./folder``."""
    folder = folder.strip().strip("/")
    return WHOLE_SPACE if folder in ("", ".") else "./" + folder


def folder_of(home: str) -> str:
    home = (home or "").strip()
    if home.startswith("./"):
        home = home[2:]
    return home.strip("/")


def login_room(primary_login: str) -> int:
    """How many characters may follow ``<primary>-``."""
    return max(LOGIN_MAX_LENGTH - len(primary_login) - 1, 0)


def _base(service_name: str, *segments: str) -> str:
    return path("/hosting/web", service_name, "user", *segments)


def list_users(gateway: OvhGateway, service_name: str) -> list[AccessUser]:
    """The logins, the primary one first."""
    raw = gateway.get_objects(_base(service_name), scope=service_name)
    return sorted((_user(item) for item in raw), key=lambda u: (not u.primary, u.login))


def get_user(gateway: OvhGateway, service_name: str, login: str, fresh: bool = False) -> AccessUser:
    return _user(gateway.get(_base(service_name, login), scope=service_name, cache=not fresh))


def find_user(gateway: OvhGateway, service_name: str, login: str) -> AccessUser | None:
    """The login read fresh, or ``None`` once OVH no longer has it."""
    try:
        return get_user(gateway, service_name, login, fresh=True)
    except NotFound:
        return None


def create_user(gateway: OvhGateway, service_name: str, new_user: NewAccessUser) -> Task:
    raw = gateway.post(_base(service_name), scope=service_name, **new_user.to_ovh())
    return task_from_ovh(service_name, raw)


def change_user_password(gateway: OvhGateway, service_name: str, login: str, password: str) -> Task:
    raw = gateway.post(
        _base(service_name, login, "changePassword"), scope=service_name, password=password
    )
    return task_from_ovh(service_name, raw)


def update_user(
    gateway: OvhGateway, service_name: str, login: str, user_changes: UserChanges
) -> int | None:
    """Send the changes; the task applying them. OVH answers a PUT with nothing: the task is the
    login's ``taskId`` while it runs, else the newest ``user/update`` task naming it."""
    sent_at = datetime.now(UTC)
    gateway.put(_base(service_name, login), scope=service_name, **user_changes.to_ovh())
    task_id = get_user(gateway, service_name, login, fresh=True).task_id
    if task_id is not None:
        return int(task_id)
    return newest_task(gateway, service_name, "user/update", login, sent_at)


def delete_user(gateway: OvhGateway, service_name: str, login: str) -> Task:
    raw = gateway.delete(_base(service_name, login), scope=service_name)
    return task_from_ovh(service_name, raw)


def newest_task(
    gateway: OvhGateway, service_name: str, function: str, object_id: str, since: datetime
) -> int | None:
    """The newest ``function`` task about ``object_id`` started since ``since`` (a minute's
    margin for the clocks), for writes OVH answers without naming their task."""
    raw = gateway.get_objects(
        path("/hosting/web", service_name, "tasks"), scope=service_name, function=function
    )
    found = [task_from_ovh(service_name, item) for item in raw]
    margin = since.timestamp() - 60
    recent = [task for task in found if task.started and task.started.timestamp() >= margin]
    named = [task.id for task in recent if task.object_id == object_id]
    return max(named or [task.id for task in recent], default=None)


def _endpoint(raw: Any) -> Endpoint | None:
    if not isinstance(raw, dict) or not raw.get("url"):
        return None
    return Endpoint(host=str(raw["url"]), port=int(raw.get("port") or 0), user=str(raw.get("user")))


def _user(raw: dict[str, Any]) -> AccessUser:
    credentials = raw.get("serviceManagementCredentials") or {}
    task_id = raw.get("taskId")
    return AccessUser(
        login=str(raw["login"]),
        home=str(raw.get("home") or WHOLE_SPACE),
        ssh_state=str(raw.get("sshState") or "none"),
        state=str(raw.get("state") or "rw"),
        status=str(raw.get("status") or "unknown"),
        primary=bool(raw.get("isPrimaryAccount")),
        ftp=_endpoint(credentials.get("ftp")),
        ssh=_endpoint(credentials.get("ssh")),
        task_id=int(task_id) if task_id is not None else None,
    )
