"""The daily use snapshots: one row per thing per day whatever the number of writes, pruned past
the kept days; and the pace in plain words, English and French."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import func, select

from app.extensions import db
from app.services.units import Quantity, Usage
from app.trends import store
from app.trends.models import PLAN, UseSnapshot
from app.trends.pace import change_words, full_words, pace_of

MB = 1024**2
DAY = date(2026, 12, 2)


@pytest.fixture
def context(app: Flask) -> Iterator[Flask]:
    with app.test_request_context():
        yield app


def row(day: date, used_mb: float, database: str = PLAN) -> dict[str, object] | None:
    usage = Usage(Quantity(used_mb, "MB"), Quantity(400, "MB"))
    return store._row("plan.example", database, usage, day)


def snapshots() -> list[tuple[str, date, int]]:
    rows = db.session.scalars(select(UseSnapshot).order_by(UseSnapshot.database, UseSnapshot.day))
    return [(each.database, each.day, each.used_bytes) for each in rows]


def test_one_row_per_thing_per_day_and_the_days_last_reading_wins(context: Flask) -> None:
    assert store.upsert([row(DAY, 100), row(DAY, 10, "shop.mysql.db")]) == 2
    assert store.upsert([row(DAY, 101.5)]) == 1  # later the same day
    assert store.upsert([row(DAY + timedelta(days=1), 102)]) == 1
    assert snapshots() == [
        (PLAN, DAY, round(101.5 * MB)),
        (PLAN, DAY + timedelta(days=1), 102 * MB),
        ("shop.mysql.db", DAY, 10 * MB),
    ]
    [plan] = store.history("plan.example", PLAN, DAY + timedelta(days=1))
    assert plan.size_bytes == 400 * MB


def test_a_database_not_measured_yet_is_not_written(context: Flask) -> None:
    unmeasured = Usage(None, Quantity(400, "MB"))
    assert store._row("plan.example", "new.mysql.db", unmeasured, DAY) is None
    assert store.upsert([None]) == 0
    assert snapshots() == []


def test_rows_past_the_kept_days_are_pruned(context: Flask) -> None:
    context.config["TREND_KEEP_DAYS"] = 400
    store.upsert(row(DAY - timedelta(days=back), 50) for back in (0, 399, 400, 401, 800))
    assert store.prune(DAY) == 2
    kept = db.session.scalar(select(func.min(UseSnapshot.day)))
    assert kept == DAY - timedelta(days=400)
    assert store.prune(DAY) == 0


def points(*used_mb: float, every: int = 1) -> list[tuple[date, int]]:
    return [(DAY + timedelta(days=i * every), round(mb * MB)) for i, mb in enumerate(used_mb)]


def test_growth_in_words_and_when_the_quota_is_reached(context: Flask) -> None:
    pace = pace_of(points(100, 220, every=30), 400 * MB)  # 4 MB a day, 180 MB left
    assert pace is not None and pace.days == 30 and pace.days_to_full == 45
    assert change_words(pace) == "Up 120 MB in the last 30 days."
    assert full_words(pace, database=True) == "At this pace the database is full in about 6 weeks."
    assert full_words(pace, database=False) == "At this pace the disk is full in about 6 weeks."
    with force_locale("fr"):
        assert change_words(pace) == "En hausse de 120 Mo sur les 30 derniers jours."
        assert full_words(pace, database=False) == (
            "À ce rythme, le disque sera plein dans environ 6\u00a0semaines."
        )


def test_growth_that_fills_the_quota_in_months(context: Flask) -> None:
    pace = pace_of(points(100, 130, every=30), 400 * MB)  # 1 MB a day, 270 days left
    assert pace is not None and full_words(pace, database=False) == (
        "At this pace the disk is full in about 9 months."
    )


def test_slow_growth_gives_no_estimate_beyond_a_year(context: Flask) -> None:
    pace = pace_of(points(100, 110, every=30), 400 * MB)  # 870 days left
    assert pace is not None and pace.days_to_full is None
    assert change_words(pace) == "Up 10 MB in the last 30 days."
    assert full_words(pace, database=False) is None


def test_no_change_and_shrinking(context: Flask) -> None:
    steady = pace_of(points(100, 100, 100), 400 * MB)
    assert steady is not None and change_words(steady) == "No change in the last 2 days."
    assert full_words(steady, database=True) is None
    down = pace_of(points(300, 260), 400 * MB)
    assert down is not None and change_words(down) == "Down 40 MB in the last day."
    assert full_words(down, database=True) is None
    with force_locale("fr"):
        assert change_words(steady) == "Aucun changement sur les 2 derniers jours."
        assert change_words(down) == "En baisse de 40 Mo sur le dernier jour."


def test_a_single_snapshot_has_no_pace_and_a_full_quota_no_estimate(context: Flask) -> None:
    assert pace_of(points(100), 400 * MB) is None
    full = pace_of(points(390, 400), 400 * MB)
    assert full is not None and full.days_to_full is None
    assert change_words(full) == "Up 10 MB in the last day."
