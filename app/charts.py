"""Charts drawn on the server as SVG: a series becomes lines, grid and labels placed by SVG
attributes (the Content-Security-Policy allows no inline style), with its highest point marked by
a shape and words, so it reads without colour; the numbers go in a table beside it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import format_date, format_datetime, format_decimal, format_time

from app.services.statistics import Series

WIDTH, HEIGHT = 640, 220
DAYS = "days"  # a series of one point a day (the panel's own snapshots): its moments are dates
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 12, 28


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Chart:
    series: Series
    lines: tuple[str, ...]  # each an SVG polyline's points; a gap in the data breaks the line
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    peak: tuple[float, float, str, str] | None  # x, y, value, when
    latest: str | None
    rows: tuple[tuple[str, str], ...]  # (when, value) for the table
    limit: tuple[float, str] | None = None  # y and value of a quota drawn as a dashed line
    peak_label_y: float = 0.0  # where the peak's words go (see _peak_label_y)
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def empty(self) -> bool:
        return not self.series.values


def number(value: float) -> str:
    return str(format_decimal(value, format="#,##0.##"))


def when(moment: datetime, period: str) -> str:
    if period == "daily":
        return str(format_time(moment, "short"))
    if period in ("yearly", DAYS):
        return str(format_date(moment, "medium"))
    return str(format_datetime(moment, "short"))


def _ceiling(value: float) -> float:
    """A round top for the scale: 1, 2, 2.5 or 5 times a power of ten, at least ``value``."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= value)


def chart(series: Series, limit: float | None = None) -> Chart:
    """``limit`` (a quota, in the series' unit) is drawn when the values come near it, at least
    halfway: further off it would flatten the line to nothing."""
    points = series.points
    values = series.values
    if limit is not None and (not values or max(values) < limit / 2):
        limit = None
    top = _ceiling(max([*values, limit or 0.0])) if values else 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    if points:
        start, end = points[0][0].timestamp(), points[-1][0].timestamp()
    else:
        start = end = 0.0
    span = (end - start) or 1.0

    def x(moment: datetime) -> float:
        return round(LEFT + (moment.timestamp() - start) / span * plot_w, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h - value / top * plot_h, 1)

    lines: list[str] = []
    current: list[str] = []
    for moment, value in points:
        if value is None:
            if current:
                lines.append(" ".join(current))
            current = []
            continue
        current.append(f"{x(moment)},{y(value)}")
    if current:
        lines.append(" ".join(current))
    y_ticks = tuple(Tick(y(top * i / 4), number(top * i / 4)) for i in range(5))
    x_ticks = tuple(
        Tick(x(points[i][0]), when(points[i][0], series.period))
        for i in sorted({0, len(points) // 2, len(points) - 1})
        if points
    )
    known = [(moment, value) for moment, value in points if value is not None]
    peak = None
    if known:
        moment, value = max(known, key=lambda point: point[1])
        peak = (x(moment), y(value), number(value), when(moment, series.period))
    latest = number(known[-1][1]) if known else None
    rows = tuple(
        (when(moment, series.period), "—" if value is None else number(value))
        for moment, value in points
    )
    drawn = (y(limit), number(limit)) if limit is not None else None
    label_y = _peak_label_y(peak[1], drawn[0] if drawn else None) if peak else 0.0
    return Chart(series, tuple(lines), y_ticks, x_ticks, peak, latest, rows, drawn, label_y)


def _peak_label_y(peak: float, limit: float | None) -> float:
    """Above the highest point, where the line is not (beside it, a rising line runs into the
    words); under it when there is no room above or the quota's line is there."""
    above = peak - 10
    if above >= TOP + 4 and (limit is None or not above - 12 <= limit <= peak):
        return above
    return peak + 18


def chart_of(series: Series | None) -> Any:
    return chart(series) if series is not None else None


def choice(value: str | None, allowed: tuple[str, ...], default: str) -> str:
    """A period or measure from the address, when it is one of OVH's; else ``default``."""
    return value if value in allowed else default
