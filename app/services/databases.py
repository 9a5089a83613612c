"""Databases of a hosting plan: list and filter, read, create from the account's real offers,
change a password, delete.

Field names and enum values are OVH's own (``capabilitie`` is OVH's spelling). The rules OVH
enforces on a new database's user name and password are written down here once, so the forms can
check them before OVH does.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.passwords_rules import LETTERS_AND_DIGITS, PasswordRules
from app.services.client import OvhGateway, path
from app.services.errors import NotFound
from app.services.tasks import Task, task_from_ovh
from app.services.units import Quantity, Usage, parse_datetime

# hosting.web.database.DatabaseTypeEnum (list filter) and DatabaseCreationTypeEnum (create).
ENGINES = ("mariadb", "mongodb", "mysql", "postgresql", "redis")
CREATION_ENGINES = ("mariadb", "mysql", "postgresql", "redis")
# hosting.web.database.ModeEnum.
MODES = ("besteffort", "classic", "module")
# hosting.web.database.ExtraSqlQuotaEnum, in MB (JSON numbers).
EXTRA_SQL_QUOTAS_MB = (25, 100, 200, 256, 400, 512, 800, 1024)
# The offers whose size is chosen at creation; the others come with a fixed size.
OFFERS_WITH_QUOTA = frozenset({"extraSqlPerso"})

# OVH's rules for the user of a new database, and for database passwords.
USER_MAX_LENGTH = 16
USER_CHARACTERS = re.compile(r"[a-z0-9]*")
PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 30
PASSWORD_CHARACTERS = re.compile(r"[A-Za-z0-9]*")
PASSWORD_RULES = PasswordRules(
    PASSWORD_MIN_LENGTH,
    PASSWORD_MAX_LENGTH,
    LETTERS_AND_DIGITS,
    (string.ascii_uppercase, string.ascii_lowercase, string.digits),
)

FILTER_NAMES = ("type", "mode", "name", "user", "server")


@dataclass(frozen=True)
class Database:
    name: str
    engine: str
    version: str
    version_support: str
    user: str
    server: str | None
    port: int | None
    status: str
    state: str
    mode: str
    service_type: str | None
    deprecated: bool
    disk: Usage
    dumps: int
    gui_url: str | None
    last_check: datetime | None
    task_id: int | None

    @property
    def busy(self) -> bool:
        """Whether OVH is working on it (creating, deleting, changing its password…)."""
        return self.status != "created"


@dataclass(frozen=True)
class DatabaseCapabilities:
    """What can be done with one database, as OVH says."""

    change_password: bool
    change_right: bool
    delete: bool
    dump: bool
    get_quota: bool
    get_right: bool
    optimize: bool
    restore: bool
    gui_url: str | None


@dataclass(frozen=True)
class CreationOffer:
    """One database offer of the plan (``capabilitie``), and how many databases it has left."""

    offer: str
    available: int
    engines: tuple[str, ...]
    isolation: str
    size: Quantity | None

    @property
    def takes_quota(self) -> bool:
        return self.offer in OFFERS_WITH_QUOTA

    @property
    def quota_choices(self) -> tuple[int, ...]:
        """The sizes (MB) that can be chosen for this offer, up to what it allows."""
        if not self.takes_quota:
            return ()
        limit = self.size.bytes if self.size else None
        return tuple(mb for mb in EXTRA_SQL_QUOTAS_MB if limit is None or mb * 1024**2 <= limit)


@dataclass(frozen=True)
class AvailableVersions:
    default: str
    versions: tuple[str, ...]


@dataclass(frozen=True)
class DatabaseFilters:
    """The list's filters, named as OVH's query parameters; empty ones are not sent."""

    type: str | None = None
    mode: str | None = None
    name: str | None = None
    user: str | None = None
    server: str | None = None

    def to_query(self) -> dict[str, str]:
        return {key: value for key in FILTER_NAMES if (value := getattr(self, key))}

    @property
    def active(self) -> bool:
        return bool(self.to_query())


@dataclass(frozen=True)
class NewDatabase:
    offer: str
    engine: str
    user: str
    password: str
    version: str | None
    quota_mb: int | None

    def to_ovh(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "capabilitie": self.offer,
            "type": self.engine,
            "user": self.user,
            "password": self.password,
        }
        if self.version:
            body["version"] = self.version
        if self.quota_mb is not None:
            body["quota"] = self.quota_mb
        return body


def _base(service_name: str, *segments: str) -> str:
    return path("/hosting/web", service_name, *segments)


def list_databases(
    gateway: OvhGateway, service_name: str, filters: DatabaseFilters | None = None
) -> list[Database]:
    """The plan's databases matching ``filters`` (OVH does the filtering), sorted by name."""
    query = filters.to_query() if filters else {}
    raw = gateway.get_objects(_base(service_name, "database"), scope=service_name, **query)
    return sorted((_database(item) for item in raw), key=lambda database: database.name)


def get_database(
    gateway: OvhGateway, service_name: str, name: str, fresh: bool = False
) -> Database:
    raw = gateway.get(_base(service_name, "database", name), scope=service_name, cache=not fresh)
    return _database(raw)


def find_database(gateway: OvhGateway, service_name: str, name: str) -> Database | None:
    """The database read fresh, or ``None`` once OVH no longer has it (deleted)."""
    try:
        return get_database(gateway, service_name, name, fresh=True)
    except NotFound:
        return None


def get_capabilities(gateway: OvhGateway, service_name: str, name: str) -> DatabaseCapabilities:
    raw = gateway.get(_base(service_name, "database", name, "capabilities"), scope=service_name)
    return DatabaseCapabilities(
        change_password=bool(raw.get("changePassword")),
        change_right=bool(raw.get("changeRight")),
        delete=bool(raw.get("delete")),
        dump=bool(raw.get("dump")),
        get_quota=bool(raw.get("getQuota")),
        get_right=bool(raw.get("getRight")),
        optimize=bool(raw.get("optimize")),
        restore=bool(raw.get("restore")),
        gui_url=raw.get("guiURL") or None,
    )


def list_creation_offers(gateway: OvhGateway, service_name: str) -> list[CreationOffer]:
    raw = gateway.get(_base(service_name, "databaseCreationCapabilities"), scope=service_name)
    return [
        CreationOffer(
            offer=str(item["type"]),
            available=int(item.get("available") or 0),
            engines=tuple(str(engine) for engine in item.get("engines") or ()),
            isolation=str(item.get("isolation") or ""),
            size=Quantity.from_ovh(item.get("quota")),
        )
        for item in raw or ()
    ]


def list_engines(gateway: OvhGateway, service_name: str) -> list[str]:
    """The engines a database can be created with on this plan."""
    raw = gateway.get(_base(service_name, "databaseAvailableType"), scope=service_name)
    return [str(engine) for engine in raw or () if engine in CREATION_ENGINES]


def get_versions(gateway: OvhGateway, service_name: str, engine: str) -> AvailableVersions:
    raw = gateway.get(
        _base(service_name, "databaseAvailableVersion"), scope=service_name, type=engine
    )
    versions = tuple(str(version) for version in raw.get("list") or ())
    return AvailableVersions(default=str(raw.get("default") or ""), versions=versions)


def database_name(user: str, engine: str) -> str:
    """What OVH calls a database made for ``user``: ``shop.mysql.db``, ``shop.postgres.db``."""
    suffix = {"postgresql": ".postgres.db", "redis": ".redis.db"}.get(engine, ".mysql.db")
    return user + suffix


def create_database(gateway: OvhGateway, service_name: str, new: NewDatabase) -> Task:
    raw = gateway.post(_base(service_name, "database"), scope=service_name, **new.to_ovh())
    return task_from_ovh(service_name, raw)


def change_password(gateway: OvhGateway, service_name: str, name: str, password: str) -> Task:
    raw = gateway.post(
        _base(service_name, "database", name, "changePassword"),
        scope=service_name,
        password=password,
    )
    return task_from_ovh(service_name, raw)


def delete_database(gateway: OvhGateway, service_name: str, name: str) -> Task:
    raw = gateway.delete(_base(service_name, "database", name), scope=service_name)
    return task_from_ovh(service_name, raw)


def _database(raw: dict[str, Any]) -> Database:
    port = raw.get("port")
    return Database(
        name=str(raw["name"]),
        engine=str(raw.get("type") or ""),
        version=str(raw.get("version") or ""),
        version_support=str(raw.get("versionSupport") or ""),
        user=str(raw.get("user") or ""),
        server=raw.get("server") or None,
        port=int(port) if port is not None else None,
        status=str(raw.get("status") or "unknown"),
        state=str(raw.get("state") or "unknown"),
        mode=str(raw.get("mode") or ""),
        service_type=raw.get("databaseType"),
        deprecated=bool(raw.get("databaseServiceDeprecated")),
        disk=Usage(
            Quantity.from_ovh(raw.get("quotaUsed")), Quantity.from_ovh(raw.get("quotaSize"))
        ),
        dumps=int(raw.get("dumps") or 0),
        gui_url=raw.get("guiURL") or None,
        last_check=parse_datetime(raw.get("lastCheck")),
        task_id=raw.get("taskId"),
    )
