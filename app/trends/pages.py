"""What the overview and a database's page show of the trend: the chart of the chosen period
(30, 90 or 365 days) with the quota when use comes near it, and the pace in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from app.charts import DAYS, Chart, chart
from app.services.client import stale_ages
from app.services.databases import Database
from app.services.hosting import HostingService
from app.services.statistics import Series
from app.trends import store
from app.trends.models import PLAN
from app.trends.pace import change_words, full_words, pace_of

PERIODS = ("30", "90", "365")
DEFAULT_PERIOD = "30"
GB = 1024**3
MB = 1024**2


@dataclass(frozen=True)
class Trend:
    days: int
    chart: Chart | None  # ``None`` with fewer than two snapshots in the period
    change: str | None
    full: str | None


def trend_of(service_name: str, database: str, days: int) -> Trend:
    """The thing's use over the last ``days`` days, from the panel's own snapshots."""
    rows = store.history(service_name, database, store.today() - timedelta(days=days))
    points = [(row.day, row.used_bytes) for row in rows]
    size = rows[-1].size_bytes if rows else None
    pace = pace_of(points, size)
    if pace is None:
        return Trend(days, None, None, None)
    scale = GB if max(used for _, used in points) >= GB else MB
    series = Series(
        "use",
        DAYS,
        "GB" if scale == GB else "MB",
        tuple(
            (datetime.combine(day, time(), UTC), round(used / scale, 2 if scale == GB else 1))
            for day, used in points
        ),
    )
    drawn = chart(series, limit=size / scale if size else None)
    return Trend(days, drawn, change_words(pace), full_words(pace, database=bool(database)))


def fresh() -> bool:
    """Whether this request's answers are all fresh: one served from the last known answers,
    the call budget being spent, may be hours old and is not today's use."""
    return not stale_ages.get()


def plan_trend(service: HostingService, days: int) -> Trend:
    """The plan's disk use over time, noting today's use the page already read."""
    if fresh():
        store.record_plans([service])
    return trend_of(service.service_name, PLAN, days)


def database_trend(service_name: str, database: Database, days: int) -> Trend:
    if fresh():
        store.record_databases(service_name, [database])
    return trend_of(service_name, database.name, days)


def seen_databases(service_name: str, found: list[Database]) -> None:
    """Today's size of the databases a page listed anyway."""
    if fresh():
        store.record_databases(service_name, found)
