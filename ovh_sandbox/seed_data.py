"""The demo account: three hand-written services, plus generated ones for benchmarks.

Builders return plain documents in the shape the API shows (``hosting.web.ServiceWithIAM``,
``PublicAttachedDomain``, ``hosting.web.database``, ``hosting.web.SSL``) plus bookkeeping fields
starting with ``_``: ``_dns`` (where a domain's DNS points: ``hosting``, ``elsewhere``, ``none``),
``_capabilitie`` (the database offer a database uses), ``_slots`` (databases per offer),
``_domains`` and ``_regenerations`` (what a certificate covers and when it was regenerated).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Any

from ovh_sandbox import clock
from ovh_sandbox.tasks import object_id_for

DAY = 86_400.0
PHP_VERSIONS = [
    {"support": "SUPPORTED", "version": "8.3"},
    {"support": "SUPPORTED", "version": "8.2"},
    {"support": "SECURITY_FIXES", "version": "8.1"},
    {"support": "END_OF_LIFE", "version": "7.4"},
]
ENGINE_DEFAULTS: dict[str, tuple[str, int, str]] = {
    "mysql": ("8.0", 3306, ".mysql.db"),
    "mariadb": ("10.11", 3306, ".mysql.db"),
    "postgresql": ("15", 5432, ".postgres.db"),
    "redis": ("7.0", 6379, ".redis.db"),
}
ENGINE_VERSIONS: dict[str, list[str]] = {
    "mysql": ["5.7", "8.0"],
    "mariadb": ["10.6", "10.11"],
    "postgresql": ["12", "13", "15"],
    "redis": ["6.0", "7.0"],
}
QUOTA_GB = {"hosting-perso": 100.0, "hosting-pro": 250.0, "hosting-performance-1": 500.0}


@dataclass(frozen=True)
class Plan:
    name: str
    offer: str
    cluster: int
    datacenter: str
    login: str
    home_number: int
    multiple_ssl: bool = False
    display_name: str | None = None
    slots: dict[str, int] = field(default_factory=dict)
    # serviceInfos: days until the plan expires, and whether OVH renews it by itself.
    expires_in_days: int = 200
    automatic_renewal: bool = True


def ips(cluster: int) -> tuple[str, str]:
    return f"213.186.33.{cluster * 2 + 1}", f"2001:41d0:301::{cluster}"


def service_infos(plan: Plan) -> dict[str, Any]:
    """``services.Service`` (``GET /hosting/web/{serviceName}/serviceInfos``) for the plan."""
    day = clock.iso(clock.now() + plan.expires_in_days * DAY)[:10]
    return {
        "canDeleteAtExpiration": True,
        "contactAdmin": "xx12345-ovh",
        "contactBilling": "xx12345-ovh",
        "contactTech": "xx12345-ovh",
        "creation": clock.iso(clock.now() - (365 - plan.expires_in_days) * DAY)[:10],
        "domain": plan.name,
        "engagedUpTo": None,
        "expiration": day,
        "possibleRenewPeriod": [12],
        "renew": {
            "automatic": plan.automatic_renewal,
            "deleteAtExpiration": False,
            "forced": False,
            "manualPayment": not plan.automatic_renewal,
            "period": 12 if plan.automatic_renewal else None,
        },
        "renewalType": "automaticV2016" if plan.automatic_renewal else "manual",
        "serviceId": 10_000_000 + plan.home_number,
        "status": "ok",
    }


def service(plan: Plan, *, has_ssl: bool) -> dict[str, Any]:
    ipv4, ipv6 = ips(plan.cluster)
    cluster = f"cluster{plan.cluster:02d}"
    return {
        "availableBoostOffer": [],
        "boostOffer": None,
        "cluster": cluster,
        "clusterIp": ipv4,
        "clusterIpv6": ipv6,
        "countriesIp": [{"country": "FR", "ip": ipv4, "ipv6": ipv6}],
        "datacenter": plan.datacenter,
        "defaultAttachedDomain": plan.name,
        "displayName": plan.display_name,
        "filer": f"{1000 + plan.home_number}",
        "hasCdn": False,
        "hasHostedSsl": has_ssl,
        "home": f"/homez.{plan.home_number}/{plan.login}",
        "hostingIp": ipv4,
        "hostingIpv6": ipv6,
        "iam": {
            "displayName": plan.display_name,
            "id": str(uuid.uuid5(uuid.NAMESPACE_DNS, plan.name)),
            "tags": None,
            "urn": f"urn:v1:eu:resource:webHosting:{plan.name}",
        },
        "lastOvhConfigScan": clock.iso(clock.now() - DAY),
        "_serviceInfos": service_infos(plan),
        "multipleSSL": plan.multiple_ssl,
        "offer": plan.offer,
        "operatingSystem": "linux",
        "phpVersions": PHP_VERSIONS,
        "primaryLogin": plan.login,
        "quotaSize": {"unit": "GB", "value": QUOTA_GB.get(plan.offer, 100.0)},
        "quotaUsed": {"unit": "MB", "value": 1843.2},
        "recommendedOffer": None,
        "resourceType": "shared",
        "serviceManagementAccess": {
            "ftp": {"url": f"ftp.{cluster}.hosting.ovh.net", "port": 21},
            "http": {"url": plan.name, "port": 80},
            "ssh": {"url": f"ssh.{cluster}.hosting.ovh.net", "port": 22},
        },
        "serviceName": plan.name,
        "state": "active",
        "token": hashlib.md5(plan.name.encode()).hexdigest(),
        "trafficQuotaSize": None,
        "trafficQuotaUsed": None,
        "updates": [],
        "_slots": plan.slots,
    }


def domain(
    name: str, path: str, *, ssl: bool, dns: str = "hosting", firewall: str = "none"
) -> dict[str, Any]:
    return {
        "capabilities": [],
        "cdn": "none",
        "domain": name,
        "firewall": firewall,
        "ipLocation": None,
        "isFlushable": False,
        "ownLog": None,
        "path": path,
        "runtimeId": None,
        "ssl": ssl,
        "status": "created",
        "taskId": None,
        "vcsStatus": "disabled",
        "_dns": dns,
    }


def installed_module(
    install_id: int, module_id: int, path: str, domain: str, user: str, engine: str, *, days: int
) -> dict[str, Any]:
    """A one-click module already installed (``hosting.web.module``), its dependency as OVH's
    control panel sends it: ``name`` the MySQL schema (the user's), ``server`` the database."""
    name = database_name(user, engine)
    installed = clock.iso(clock.now() - days * DAY)
    return {
        "adminFolder": "wp-admin",
        "adminName": "admin",
        "creationDate": installed,
        "dependencies": [
            {
                "name": user,
                "password": None,
                "port": ENGINE_DEFAULTS[engine][1],
                "prefix": "wp_",
                "server": name,
                "type": "mysql",
                "user": user,
            }
        ],
        "id": install_id,
        "language": "en",
        "lastUpdate": installed,
        "moduleId": module_id,
        "path": path,
        "status": "created",
        "targetUrl": f"https://{domain}/",
        "taskId": None,
    }


def database_name(user: str, engine: str) -> str:
    return user + ENGINE_DEFAULTS[engine][2]


# The password of every seeded database (the sandbox's credentials are public on purpose): an
# install into one of them with any other password fails like OVH's would (README).
SEEDED_DATABASE_PASSWORD = "Secret123"


def password_digest(password: str) -> str:
    """How the sandbox keeps a database's password: never in clear, only to compare."""
    return hashlib.sha256(password.encode()).hexdigest()


def database(
    user: str,
    engine: str,
    *,
    quota_mb: float,
    used_mb: float,
    dumps: int = 0,
    capabilitie: str = "sqlPerso",
    version: str | None = None,
) -> dict[str, Any]:
    default_version, port, _suffix = ENGINE_DEFAULTS[engine]
    name = database_name(user, engine)
    gui = (
        "https://phppgadmin.hosting.ovh.net"
        if engine == "postgresql"
        else ("https://phpmyadmin.hosting.ovh.net")
    )
    return {
        "databaseServiceDeprecated": False,
        "databaseType": "included",
        "dumps": dumps,
        "guiURL": gui,
        "lastCheck": clock.iso(clock.now() - DAY / 2),
        "mode": "classic",
        "name": name,
        "port": port,
        "quotaSize": {"unit": "MB", "value": quota_mb},
        "quotaUsed": {"unit": "MB", "value": used_mb},
        "server": name,
        "state": "ok",
        "status": "created",
        "taskId": None,
        "type": engine,
        "user": user,
        "version": version or default_version,
        "versionSupport": "stable",
        "_capabilitie": capabilitie,
        "_password": password_digest(SEEDED_DATABASE_PASSWORD),
    }


# How long OVH keeps each kind of dump (UNCONFIRMED: the sandbox's choice, see the README).
DUMP_KEPT_DAYS = {"daily.1": 1.0, "weekly.1": 7.0, "now": 30.0}
FIRST_DUMP_ID = 7_100_000


def dump(database: str, kind: str, created: float, dump_id: int, **extra: Any) -> dict[str, Any]:
    """A database dump as ``hosting.web.dump`` (its ``url`` is made when it is read)."""
    return {
        "creationDate": clock.iso(created),
        "databaseName": database,
        "deletionDate": clock.iso(created + DUMP_KEPT_DAYS[kind] * DAY),
        "id": dump_id,
        "status": "created",
        "taskId": None,
        "type": kind,
        **extra,
    }


def seeded_dumps(database: str, first_id: int, on_demand_days_ago: float | None) -> list[Any]:
    """The backups OVH keeps of a database: last night's (03:00 UTC), last Sunday's, and one
    made on demand ``on_demand_days_ago`` when given."""
    now = clock.now()
    last_night = now - (now % DAY) + 3 * 3600
    if last_night > now:
        last_night -= DAY
    weekday = int((last_night // DAY + 3) % 7)  # 0 = Monday (1970-01-01 was a Thursday)
    last_sunday = last_night - ((weekday + 1) % 7) * DAY
    made = [dump(database, "daily.1", last_night, first_id)]
    made.append(dump(database, "weekly.1", last_sunday, first_id + 1))
    if on_demand_days_ago is not None:
        made.append(dump(database, "now", now - on_demand_days_ago * DAY, first_id + 2))
    return made


def certificate(provider: str, domains: list[str]) -> dict[str, Any]:
    lets_encrypt = provider == "LETSENCRYPT"
    return {
        "isReportable": False,
        "provider": provider,
        "regenerable": lets_encrypt,
        "status": "created",
        "taskId": None,
        "type": "DV" if lets_encrypt else "CUSTOM",
        "_domains": domains,
        "_regenerations": [],
    }


@dataclass
class Account:
    """Everything a seed inserts: documents and past tasks."""

    docs: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)
    tasks: list[tuple[Any, ...]] = field(default_factory=list)

    def add(self, kind: str, service_name: str, key: str, doc: dict[str, Any]) -> None:
        self.docs.append((kind, service_name, key, doc))

    def past_task(
        self,
        service_name: str,
        function: str,
        object_type: str,
        object_id: str,
        days_ago: float,
        outcome: str = "done",
    ) -> None:
        start = clock.now() - days_ago * DAY
        shown_id = object_id_for(service_name, object_type, object_id)
        self.tasks.append((service_name, function, object_type, shown_id, start, 30.0, outcome))
