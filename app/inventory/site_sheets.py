"""The inventory's sheets of what runs on each plan and who reaches its files: the applications
installed from OVH's catalogue (one-click modules, as the Websites tab shows them) and the FTP/SSH
logins (as the FTP tab shows them, never a password: OVH's answers carry none)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from flask_babel import lazy_gettext as _l

from app.inventory.sheets import Column, Plan, sheet
from app.services.domain_names import same_folder
from app.services.domains import AttachedDomain
from app.services.ftp_users import AccessUser
from app.services.modules import CatalogueModule, InstalledModule


@sheet(
    "applications",
    _l("Applications"),
    [
        Column("application", _l("Application")),
        Column("version", _l("Version")),
        Column("folder", _l("Folder")),
        Column("addresses", _l("Addresses")),
        Column("database", _l("Database")),
        Column("language", _l("Language")),
        Column("status", _l("Status"), "module"),
        Column("installed", _l("Installed on")),
    ],
    reads=("modules", "applications", "domains"),
)
def applications(plan: Plan) -> Iterable[Sequence[Any]]:
    installed: list[InstalledModule] = plan.reads["modules"]
    catalogue: dict[int, CatalogueModule] = plan.reads["applications"]
    attached: list[AttachedDomain] = plan.reads["domains"]
    for module in installed:
        entry = catalogue.get(module.module_id)
        folder = same_folder(module.path)
        addresses = [d.unicode for d in attached if same_folder(d.path) == folder]
        yield (
            entry.title if entry else None,
            entry.version if entry else None,
            module.path,
            ", ".join(addresses),
            module.database,
            module.language or None,
            module.status,
            module.created.date().isoformat() if module.created else None,
        )


@sheet(
    "ftp",
    _l("FTP logins"),
    [
        Column("login", _l("Login")),
        Column("primary", _l("Main login")),
        Column("home", _l("Home folder")),
        Column("state", _l("State"), "ftp_state"),
        Column("ssh", _l("Access"), "ssh"),
        Column("status", _l("Status"), "ftp_user"),
        Column("ftp_server", _l("FTP server")),
        Column("ssh_server", _l("SSH server")),
    ],
    reads=("users",),
)
def ftp_logins(plan: Plan) -> Iterable[Sequence[Any]]:
    users: list[AccessUser] = plan.reads["users"]
    for user in users:
        yield (
            user.login,
            user.primary,
            user.home,
            user.state,
            user.ssh_state,
            user.status,
            f"{user.ftp.host}:{user.ftp.port}" if user.ftp else None,
            f"{user.ssh.host}:{user.ssh.port}" if user.ssh else None,
        )
