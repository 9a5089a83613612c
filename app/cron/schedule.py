"""A job's schedule: built from simple choices (every hour, every day at, every week on) or typed
as a crontab line, checked, and explained back in words ("every day at 03:00").

OVH ignores the minutes (a job runs at most once an hour, some time within the hour), so the
panel builds every schedule on minute 0 and says so when a typed one names other minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.dates import get_day_names, get_month_names
from flask_babel import get_locale
from flask_babel import gettext as _

HOURLY, DAILY, WEEKLY, CUSTOM = "hourly", "daily", "weekly", "custom"
# Minute, hour, day of month, month, day of week.
BOUNDS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
_PART = re.compile(r"(\*|(\d+)(?:-(\d+))?)(?:/(\d+))?")


class ScheduleError(ValueError):
    """A crontab line OVH would refuse; ``str()`` says why, in the reader's language."""


@dataclass(frozen=True)
class Choice:
    kind: str
    hour: int = 3
    weekday: int = 1  # crontab's numbering: 0 or 7 Sunday, 1 Monday…


def build(choice: Choice) -> str:
    if choice.kind == HOURLY:
        return "0 * * * *"
    if choice.kind == DAILY:
        return f"0 {choice.hour} * * *"
    return f"0 {choice.hour} * * {choice.weekday % 7}"


def recognise(frequency: str) -> Choice | None:
    """The simple choice a crontab line stands for, or ``None`` when it says more."""
    fields = frequency.split()
    if len(fields) != 5 or fields[2:4] != ["*", "*"]:
        return None
    hour, weekday = fields[1], fields[4]
    if hour == "*" and weekday == "*":
        return Choice(HOURLY)
    if hour.isdigit() and int(hour) <= 23:
        if weekday == "*":
            return Choice(DAILY, int(hour))
        if weekday.isdigit() and int(weekday) <= 7:
            return Choice(WEEKLY, int(hour), int(weekday) % 7)
    return None


def check(frequency: str) -> str:
    """The line with single spaces, or :class:`ScheduleError` saying what is wrong."""
    fields = frequency.split()
    if len(fields) != 5:
        raise ScheduleError(
            _(
                "A schedule has five parts separated by spaces: minute, hour, day of the month, "
                "month, day of the week (for example 0 3 * * *). This one has %(count)s.",
                count=len(fields),
            )
        )
    names = (_("minute"), _("hour"), _("day of the month"), _("month"), _("day of the week"))
    for text, (low, high), name in zip(fields, BOUNDS, names, strict=True):
        for part in text.split(","):
            match = _PART.fullmatch(part)
            numbers = [int(n) for n in (match.group(2), match.group(3)) if n] if match else []
            step = match.group(4) if match else None
            if match is None or step == "0" or any(not low <= n <= high for n in numbers):
                raise ScheduleError(
                    _(
                        "“%(part)s” is not a valid %(name)s: use * or numbers from %(low)s to "
                        "%(high)s (ranges like 1-5, lists like 1,15, steps like */2).",
                        part=part,
                        name=name,
                        low=low,
                        high=high,
                    )
                )
    return " ".join(fields)


def explain(frequency: str) -> str:
    """The schedule in words, in the reader's language; the line itself if it cannot be read."""
    try:
        _minute, hour, day, month, weekday = check(frequency).split()
    except ScheduleError:
        return frequency
    when = _hours(hour)
    days = _days(day, month, weekday)
    if days is not None:
        return _("%(days)s, %(hours)s", days=days, hours=when)
    if hour == "*" or hour.startswith("*/"):
        return when[:1].upper() + when[1:]
    return _("Every day %(hours)s", hours=when)


def ignores_minutes(frequency: str) -> bool:
    fields = frequency.split()
    return bool(fields) and fields[0] not in ("0", "*")


def _hours(hour: str) -> str:
    if hour == "*":
        return _("every hour")
    step = re.fullmatch(r"\*/(\d+)", hour)
    if step:
        return _("every %(count)s hours", count=step.group(1))
    span = re.fullmatch(r"(\d+)-(\d+)", hour)
    if span:
        return _(
            "every hour from %(start)s to %(end)s",
            start=_clock(int(span.group(1))),
            end=_clock(int(span.group(2))),
        )
    if all(part.isdigit() for part in hour.split(",")):
        return _("at %(times)s", times=", ".join(_clock(int(p)) for p in hour.split(",")))
    return _("at the hours %(hours)s", hours=hour)


def _days(day: str, month: str, weekday: str) -> str | None:
    parts = []
    if weekday != "*":
        parts.append(_("on %(days)s", days=_named(weekday, _weekday_name)))
    if day != "*":
        parts.append(_("on day %(days)s of the month", days=day.replace(",", ", ")))
    if month != "*":
        parts.append(_("in %(months)s", months=_named(month, _month_name)))
    if not parts:
        return None
    sentence = " ".join(parts)
    return sentence[:1].upper() + sentence[1:]


def _named(field: str, name: object) -> str:
    namer = name if callable(name) else str
    words = []
    for part in field.split(","):
        span = re.fullmatch(r"(\d+)-(\d+)", part)
        if span:
            words.append(
                _(
                    "%(first)s to %(last)s",
                    first=namer(int(span.group(1))),
                    last=namer(int(span.group(2))),
                )
            )
        elif part.isdigit():
            words.append(namer(int(part)))
        else:
            words.append(part)
    return ", ".join(words)


def _weekday_name(number: int) -> str:
    # Babel counts from Monday = 0; crontab from Sunday = 0 (and 7).
    return str(get_day_names("wide", locale=get_locale())[(number - 1) % 7])


def _month_name(number: int) -> str:
    return str(get_month_names("wide", locale=get_locale())[number])


def _clock(hour: int) -> str:
    return f"{hour:02d}:00"
