"""How fast use grows, in plain words: "Up 120 MB in the last 30 days", and when the quota is
reached at that pace if it is within a year ("At this pace the disk is full in about 4 months")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import format_timedelta, ngettext
from flask_babel import gettext as _

from app.services.units import Quantity

NO_CHANGE_BYTES = 1024  # OVH measures sizes to a tenth of a MB: less than this is no change
YEAR = 365  # days; further off, no estimate is given


@dataclass(frozen=True)
class Pace:
    days: int  # between the first and the last snapshot looked at
    change: int  # bytes, last minus first
    days_to_full: float | None  # at this pace, when the quota is reached within a year

    @property
    def steady(self) -> bool:
        return abs(self.change) < NO_CHANGE_BYTES


def pace_of(points: Sequence[tuple[date, int]], size: int | None) -> Pace | None:
    """From (day, bytes used) oldest first and the quota in bytes; ``None`` under 2 points."""
    if len(points) < 2:
        return None
    (first_day, first), (last_day, last) = points[0], points[-1]
    days = max(1, (last_day - first_day).days)
    change = last - first
    to_full = None
    if size and change >= NO_CHANGE_BYTES and last < size:
        left = (size - last) / (change / days)
        to_full = left if left <= YEAR else None
    return Pace(days, change, to_full)


def change_words(pace: Pace) -> str:
    from app.templating import human_size  # the page loaders import this module: no cycle

    if pace.steady:
        return ngettext(
            "No change in the last day.", "No change in the last %(num)d days.", pace.days
        )
    amount = human_size(Quantity(float(abs(pace.change)), "B"))
    if pace.change > 0:
        return ngettext(
            "Up %(amount)s in the last day.",
            "Up %(amount)s in the last %(num)d days.",
            pace.days,
            amount=amount,
        )
    return ngettext(
        "Down %(amount)s in the last day.",
        "Down %(amount)s in the last %(num)d days.",
        pace.days,
        amount=amount,
    )


def full_words(pace: Pace, database: bool) -> str | None:
    """When the quota is reached at this pace, if within a year; else nothing to say."""
    if pace.days_to_full is None:
        return None
    left = timedelta(days=max(1, round(pace.days_to_full)))
    time = format_timedelta(left, granularity="day", threshold=2)
    if database:
        return _("At this pace the database is full in about %(time)s.", time=time)
    return _("At this pace the disk is full in about %(time)s.", time=time)
