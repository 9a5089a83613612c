"""Changes on the Access tab, each audited: never with a password (it goes to OVH only)."""

from __future__ import annotations

from functools import partial

from flask_babel import lazy_gettext as _l

from app.actions import Started, change
from app.services import ftp_users
from app.services.ftp_users import NewAccessUser, UserChanges

_change = partial(change, "ftp.index")
UNTRACKED = ("info", _l("OVH accepted the change; it will show on the list within a few minutes."))


def create(service_name: str, new_user: NewAccessUser) -> Started:
    parameters = {
        "login": new_user.login,
        "home": ftp_users.home_for(new_user.folder),
        "sshState": new_user.ssh_state,
    }
    send = partial(ftp_users.create_user, new_user=new_user)
    return _change("ftp_user.create", new_user.login, send, service_name, parameters=parameters)


def change_password(service_name: str, login: str, password: str) -> Started:
    """The audit entry records that the password changed, never to what."""
    return _change(
        "ftp_user.change_password",
        login,
        ftp_users.change_user_password,
        service_name,
        login,
        password,
    )


def update(service_name: str, login: str, user_changes: UserChanges) -> Started:
    action = "ftp_user.switch" if user_changes.state else "ftp_user.ssh"
    return _change(
        action,
        login,
        ftp_users.update_user,
        service_name,
        login,
        user_changes,
        parameters=user_changes.to_ovh(),
        untracked=UNTRACKED,
    )


def delete(service_name: str, login: str) -> Started:
    return _change("ftp_user.delete", login, ftp_users.delete_user, service_name, login)
