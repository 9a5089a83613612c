"""A plan's and a database's activity over time (OVH's ``/statistics``): one series of
(time, value) points with its unit. OVH's ``period`` and ``type`` enums are used as they are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.services.client import OvhGateway, path
from app.services.errors import NotFound

# hosting.web.StatisticsPeriodEnum
PERIODS = ("daily", "weekly", "monthly", "yearly")
# hosting.web.StatisticsTypeEnum, in the order the overview offers them.
HOSTING_TYPES = (
    "in.httpHits",
    "in.httpMeanResponseTime",
    "sys.cpuUsage",
    "sys.workerSpawnOverload",
    "out.tcpConn",
    "in.ftpCommands",
)
# hosting.web.database.StatisticsTypeEnum
DATABASE_TYPES = ("statement", "statementMeanTime")
# A timestamp past this is in milliseconds (seconds reach it in the year 5138).
MILLISECONDS_FROM = 10**11


@dataclass(frozen=True)
class Series:
    """One measure over time; a point's value is ``None`` where OVH has none."""

    kind: str
    period: str
    unit: str
    points: tuple[tuple[datetime, float | None], ...]

    @property
    def values(self) -> list[float]:
        return [value for _, value in self.points if value is not None]


def hosting_statistics(
    gateway: OvhGateway, service_name: str, period: str, measure: str
) -> Series | None:
    """``None`` when OVH keeps no such statistics for this plan."""
    target = path("/hosting/web", service_name, "statistics")
    try:
        raw = gateway.get(target, scope=service_name, period=period, type=measure)
    except NotFound:
        return None
    return _series(raw, measure, period)


def database_statistics(
    gateway: OvhGateway, service_name: str, name: str, period: str, database_measure: str
) -> Series | None:
    """``None`` when OVH keeps no statistics for this database."""
    target = path("/hosting/web", service_name, "database", name, "statistics")
    try:
        raw = gateway.get(target, scope=service_name, period=period, type=database_measure)
    except NotFound:
        return None
    return _series(raw, database_measure, period)


def _series(raw: Any, kind: str, period: str) -> Series:
    first = raw[0] if isinstance(raw, list) and raw and isinstance(raw[0], dict) else {}
    points = []
    for item in first.get("values") or ():
        stamp = item.get("timestamp")
        if not isinstance(stamp, int | float):
            continue
        seconds = stamp / 1000 if stamp >= MILLISECONDS_FROM else stamp
        value = item.get("value")
        points.append(
            (
                datetime.fromtimestamp(seconds, UTC),
                float(value) if isinstance(value, int | float) else None,
            )
        )
    points.sort(key=lambda point: point[0])
    return Series(kind, period, str(first.get("unit") or ""), tuple(points))
