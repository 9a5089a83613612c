"""One-click modules: OVH's catalogue of ready-made applications (WordPress, PrestaShop…) and
the ones installed on a plan, each install, removal and new admin password an OVH task."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from app.services.client import OvhGateway, path
from app.services.errors import NotFound
from app.services.tasks import Task, task_from_ovh
from app.services.units import Quantity, parse_datetime

CATALOGUE = "/hosting/web/moduleList"
# Readable names for OVH's module names (OVH gives them in lower case).
NAMES = {"wordpress": "WordPress", "prestashop": "PrestaShop", "joomla": "Joomla!",
         "drupal": "Drupal"}  # fmt: skip
# hosting.web.module.DependencyTypeEnum has one value: every module's dependency is a MySQL
# database, so the panel creates one for each install.
DEPENDENCY_ENGINE = "mysql"
MYSQL_PORT = 3306


@dataclass(frozen=True)
class CatalogueModule:
    """One version of an application in OVH's catalogue (``hosting.web.ModuleList``)."""

    id: int
    name: str
    version: str
    languages: tuple[str, ...]
    php: str | None
    size: Quantity | None
    admin_is_email: bool
    latest: bool
    active: bool
    upgrade_from: tuple[int, ...]

    @property
    def title(self) -> str:
        return NAMES.get(self.name, self.name.capitalize())


@dataclass(frozen=True)
class Dependency:
    """A module's database as OVH gives it back: ``server`` is OVH's name of the database
    (``x.mysql.db``), ``name`` the MySQL schema inside it (its user's). Modules installed with
    the schema in ``name`` too (``x.mysql.db``) have ``server`` the same."""

    name: str | None
    server: str | None
    user: str | None

    @property
    def database(self) -> str | None:
        """OVH's name of the database, as the Databases tab knows it."""
        return self.server or self.name


@dataclass(frozen=True)
class InstalledModule:
    """A module installed on the plan (``hosting.web.module``)."""

    id: int
    module_id: int
    path: str
    status: str
    task_id: int | None
    admin_name: str
    admin_folder: str
    language: str
    target_url: str
    created: datetime | None
    dependencies: tuple[Dependency, ...]

    @property
    def busy(self) -> bool:
        return self.status != "created"

    @property
    def database(self) -> str | None:
        return next((d.database for d in self.dependencies if d.database), None)


@dataclass(frozen=True)
class Install:
    """What installing a module sends; the passwords are the person's, never kept once sent."""

    module_id: int
    domain: str
    path: str
    language: str
    admin_name: str
    admin_password: str
    database: str
    database_user: str
    database_password: str
    prefix: str | None = None

    def to_ovh(self) -> dict[str, Any]:
        """The dependency as OVH's own control panel builds it (ovh/manager, in
        packages/manager/apps/web/client/app/hosting/module/add/ the file
        hosting-module-add.controller.js):
        ``name`` is the MySQL schema, which on OVH's shared hosting is the database's user;
        ``server`` is OVH's name of the database (``x.mysql.db``: the host to reach)."""
        dependency: dict[str, Any] = {
            "type": DEPENDENCY_ENGINE,
            "name": self.database_user,
            "user": self.database_user,
            "password": self.database_password,
            "server": self.database,
            "port": MYSQL_PORT,
        }
        if self.prefix:
            dependency["prefix"] = self.prefix
        return {
            "moduleId": self.module_id,
            "domain": self.domain,
            "path": self.path,
            "language": self.language,
            "adminName": self.admin_name,
            "adminPassword": self.admin_password,
            "dependencies": [dependency],
        }


def list_catalogue(gateway: OvhGateway) -> list[CatalogueModule]:
    """Every active version OVH offers, read at once (the list route gives ids only)."""
    ids = gateway.get(CATALOGUE, active=True)
    entries = gateway.map(partial(_entry, gateway), ids)
    return sorted(entries, key=lambda m: (m.name, not m.latest, m.version))


def latest_versions(catalogue: Sequence[CatalogueModule]) -> list[CatalogueModule]:
    """The newest version of each application: what a new site is offered."""
    return [module for module in catalogue if module.latest and module.active]


def upgrade_for(catalogue: Sequence[CatalogueModule], module_id: int) -> CatalogueModule | None:
    """A newer version that replaces ``module_id``, when OVH offers one."""
    return next((m for m in catalogue if module_id in m.upgrade_from and m.active), None)


def catalogue_entries(gateway: OvhGateway, module_ids: Sequence[int]) -> dict[int, CatalogueModule]:
    """The catalogue's entries for these module ids, read one by one (each kept account-wide):
    an installed version OVH no longer offers is still named; one OVH forgot is left out."""

    def entry(module_id: int) -> CatalogueModule | None:
        try:
            return _entry(gateway, module_id)
        except NotFound:
            return None

    found = gateway.map(entry, sorted(set(module_ids)))
    return {module.id: module for module in found if module is not None}


def list_installed(gateway: OvhGateway, service_name: str) -> list[InstalledModule]:
    raw = gateway.get_objects(path("/hosting/web", service_name, "module"), scope=service_name)
    return sorted((_installed(item) for item in raw), key=lambda m: m.path)


def get_installed(
    gateway: OvhGateway, service_name: str, install_id: int, fresh: bool = False
) -> InstalledModule:
    """One installed module (``fresh``: read from OVH now, as before an approved removal)."""
    target = path("/hosting/web", service_name, "module", install_id)
    return _installed(gateway.get(target, scope=service_name, cache=not fresh))


def install_module(gateway: OvhGateway, service_name: str, install: Install) -> Task:
    raw = gateway.post_object(
        path("/hosting/web", service_name, "module"), service_name, install.to_ovh()
    )
    return task_from_ovh(service_name, raw)


def remove_module(gateway: OvhGateway, service_name: str, install_id: int) -> Task:
    """Remove the module's files; its database stays (OVH's 2024 schema had ``purgeData`` to empty
    it too, the 2025 one has no such parameter, so it is never sent)."""
    raw = gateway.delete(
        path("/hosting/web", service_name, "module", install_id), scope=service_name
    )
    return task_from_ovh(service_name, raw)


def new_admin_password(gateway: OvhGateway, service_name: str, install_id: int) -> Task:
    """OVH makes a new admin password and sends it to the account's contact by email."""
    raw = gateway.post(
        path("/hosting/web", service_name, "module", install_id, "changePassword"),
        scope=service_name,
    )
    return task_from_ovh(service_name, raw)


def _entry(gateway: OvhGateway, module_id: int) -> CatalogueModule:
    raw = gateway.get(path(CATALOGUE, module_id))
    requirement = raw.get("languageRequirement") or {}
    return CatalogueModule(
        id=int(raw["id"]),
        name=str(raw.get("name") or ""),
        version=str(raw.get("version") or ""),
        languages=tuple(raw.get("language") or ()),
        php=requirement.get("value"),
        size=Quantity.from_ovh(raw.get("size")),
        admin_is_email=raw.get("adminNameType") == "email",
        latest=bool(raw.get("latest")),
        active=bool(raw.get("active")),
        upgrade_from=tuple(int(i) for i in raw.get("upgradeFrom") or ()),
    )


def _installed(raw: dict[str, Any]) -> InstalledModule:
    return InstalledModule(
        id=int(raw["id"]),
        module_id=int(raw.get("moduleId") or 0),
        path=str(raw.get("path") or ""),
        status=str(raw.get("status") or "created"),
        task_id=raw.get("taskId"),
        admin_name=str(raw.get("adminName") or ""),
        admin_folder=str(raw.get("adminFolder") or ""),
        language=str(raw.get("language") or ""),
        target_url=str(raw.get("targetUrl") or ""),
        created=parse_datetime(raw.get("creationDate")),
        dependencies=tuple(
            Dependency(d.get("name"), d.get("server"), d.get("user"))
            for d in raw.get("dependencies") or ()
            if isinstance(d, dict)
        ),
    )
