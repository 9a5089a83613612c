"""The plan's PHP configuration (its ``.ovhconfig`` files): what runs now, what the plan can run,
what OVH recommends, and changing it or going back to an earlier one.

A configuration whose ``path`` is a folder applies to that folder, and so to the attached domains
served from it: those run with their own PHP version. Which versions still get security fixes
comes from OVH (the service's ``phpVersions``) and from PHP's own published end dates, whichever
says less time is left.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.services.client import OvhGateway, path
from app.services.tasks import Task, task_from_ovh
from app.services.units import parse_datetime

# hosting.web.ovhConfig enums.
ENGINES = ("php", "phpcgi")
ENVIRONMENTS = ("production", "development")
FIREWALLS = ("none", "security")
CONTAINERS = ("jessie.i386", "legacy", "stable", "stable64", "testing")
SETTINGS = ("engineVersion", "engineName", "environment", "httpFirewall", "container")

# PHP's own end of security support (php.net/supported-versions, php.net/eol).
PHP_END_OF_LIFE = {
    "5.4": date(2015, 9, 3),
    "5.5": date(2016, 7, 21),
    "5.6": date(2018, 12, 31),
    "7.0": date(2019, 1, 10),
    "7.1": date(2019, 12, 1),
    "7.2": date(2020, 11, 30),
    "7.3": date(2021, 12, 6),
    "7.4": date(2022, 11, 28),
    "8.0": date(2023, 11, 26),
    "8.1": date(2025, 12, 31),
    "8.2": date(2026, 12, 31),
    "8.3": date(2027, 12, 31),
    "8.4": date(2028, 12, 31),
}
NEAR_END_DAYS = 183


@dataclass(frozen=True)
class PhpConfig:
    id: int
    path: str  # "" for the whole plan, else a folder
    engine: str
    version: str
    environment: str
    firewall: str
    container: str
    status: str
    historical: bool
    created: datetime | None
    task_id: int | None

    @property
    def busy(self) -> bool:
        return self.status != "created"

    @property
    def for_whole_plan(self) -> bool:
        return self.path == ""

    def settings(self) -> dict[str, str]:
        return {
            "engineVersion": self.version,
            "engineName": self.engine,
            "environment": self.environment,
            "httpFirewall": self.firewall,
            "container": self.container,
        }


@dataclass(frozen=True)
class VersionChoice:
    """A version the plan can run, the container images it runs on, and how long it is kept."""

    version: str
    containers: tuple[str, ...]
    support: str  # SUPPORTED, SECURITY_FIXES, END_OF_LIFE, BETA, or "" when nobody says
    ends: date | None

    def ended(self, today: date) -> bool:
        return self.support == "END_OF_LIFE" or (self.ends is not None and self.ends < today)

    def near_end(self, today: date) -> bool:
        if self.ended(today):
            return False
        soon = self.ends is not None and (self.ends - today).days <= NEAR_END_DAYS
        return soon or self.support == "SECURITY_FIXES"


@dataclass(frozen=True)
class Recommended:
    version: str
    engine: str
    environment: str
    firewall: str
    container: str


def _base(service_name: str, *segments: str | int) -> str:
    return path("/hosting/web", service_name, *segments)


def list_configs(gateway: OvhGateway, service_name: str) -> list[PhpConfig]:
    """The configurations in use: the whole plan's first, then by folder."""
    raw = gateway.get_objects(
        _base(service_name, "ovhConfig"), scope=service_name, historical=False
    )
    return sorted((_config(item) for item in raw), key=lambda c: (not c.for_whole_plan, c.path))


def list_earlier_configs(gateway: OvhGateway, service_name: str) -> list[PhpConfig]:
    """Earlier configurations that a rollback can bring back, newest first."""
    raw = gateway.get_objects(_base(service_name, "ovhConfig"), scope=service_name, historical=True)
    configs = [_config(item) for item in raw]
    return sorted(configs, key=lambda c: c.created.timestamp() if c.created else 0, reverse=True)


def get_config(gateway: OvhGateway, service_name: str, config_id: int) -> PhpConfig:
    return _config(
        gateway.get(_base(service_name, "ovhConfig", config_id), scope=service_name, cache=False)
    )


def version_choices(
    gateway: OvhGateway, service_name: str, support: dict[str, str] | None = None
) -> list[VersionChoice]:
    """What ``ovhConfigCapabilities`` offers, newest first, with each version's support."""
    raw = gateway.get(_base(service_name, "ovhConfigCapabilities"), scope=service_name)
    known = support or {}
    choices = [
        VersionChoice(
            version=str(item.get("version")),
            containers=tuple(str(c) for c in item.get("containerImage") or ()),
            support=known.get(str(item.get("version")), ""),
            ends=PHP_END_OF_LIFE.get(str(item.get("version"))),
        )
        for item in raw or ()
        if item.get("version")
    ]
    return sorted(choices, key=lambda c: _version_key(c.version), reverse=True)


def recommended(gateway: OvhGateway, service_name: str) -> Recommended:
    raw = gateway.get(_base(service_name, "ovhConfigRecommendedValues"), scope=service_name)
    return Recommended(
        version=str(raw.get("engineVersion") or ""),
        engine=str(raw.get("engineName") or ""),
        environment=str(raw.get("environment") or ""),
        firewall=str(raw.get("httpFirewall") or ""),
        container=str(raw.get("container") or ""),
    )


def change_configuration(
    gateway: OvhGateway, service_name: str, config_id: int, php_changes: dict[str, str]
) -> Task:
    """Send only what changes (OVH keeps the rest)."""
    body = {key: value for key, value in php_changes.items() if key in SETTINGS}
    raw = gateway.post_object(
        _base(service_name, "ovhConfig", config_id, "changeConfiguration"), service_name, body
    )
    return task_from_ovh(service_name, raw)


def rollback(gateway: OvhGateway, service_name: str, config_id: int, rollback_id: int) -> Task:
    raw = gateway.post(
        _base(service_name, "ovhConfig", config_id, "rollback"),
        scope=service_name,
        rollbackId=rollback_id,
    )
    return task_from_ovh(service_name, raw)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else -1 for part in version.split("."))


def _config(raw: dict[str, Any]) -> PhpConfig:
    task_id = raw.get("taskId")
    folder = str(raw.get("path") or "").strip().removeprefix("./").strip("/")
    return PhpConfig(
        id=int(raw["id"]),
        path="" if folder == "." else folder,
        engine=str(raw.get("engineName") or ""),
        version=str(raw.get("engineVersion") or ""),
        environment=str(raw.get("environment") or ""),
        firewall=str(raw.get("httpFirewall") or ""),
        container=str(raw.get("container") or ""),
        status=str(raw.get("status") or "unknown"),
        historical=bool(raw.get("historical")),
        created=parse_datetime(raw.get("creationDate")),
        task_id=int(task_id) if task_id is not None else None,
    )
