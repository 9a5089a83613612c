"""Disk and database use over time: the daily job on the sandbox's plans through the real client
(few calls, idempotent, old rows pruned), today's use noted by the pages that read it anyway,
and the trend shown on the overview and a database's page, English and French."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.trends import store
from app.trends.jobs import take_snapshots
from app.trends.models import PLAN, UseSnapshot
from tests.support.panel_data import GRANTED_SERVICE, OTHER_SERVICE
from tests.support.sandbox import SandboxControl
from tests.support.trends import history as history_of

OVERVIEW = f"/hosting/{GRANTED_SERVICE}/"
DATABASE = f"/hosting/{GRANTED_SERVICE}/databases/exampleblog.mysql.db/"
EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}
MB = 1024**2


def history(app: Flask, database: str, used_mb: list[float], size_mb: float) -> None:
    history_of(app, GRANTED_SERVICE, database, used_mb, size_mb)


def rows(app: Flask) -> dict[tuple[str, str], tuple[int, int | None]]:
    with app.app_context():
        found = db.session.scalars(select(UseSnapshot))
        return {(r.service_name, r.database): (r.used_bytes, r.size_bytes) for r in found}


def test_the_daily_job_notes_every_plan_and_database_in_few_calls(
    app: Flask, sandbox: SandboxControl
) -> None:
    with app.app_context():
        store.upsert([{"service_name": OTHER_SERVICE, "database": PLAN, "day": store.today() -
                       timedelta(days=401), "used_bytes": 1, "size_bytes": None}])  # fmt: skip
        take_snapshots()  # python-ovh's first clock sync out of the count below
        sandbox.clear_stats()
        take_snapshots()  # a second run the same day (a retry, a second worker): same rows
    found = rows(app)
    plans = {name for name, database in found if database == PLAN}
    assert plans == {GRANTED_SERVICE, OTHER_SERVICE, "example3.cluster03.hosting.ovh.net"}
    assert found[(GRANTED_SERVICE, PLAN)][0] == round(1843.2 * MB)
    assert found[(GRANTED_SERVICE, "exampleblog.mysql.db")] == (round(391.7 * MB), 400 * MB)
    assert found[(OTHER_SERVICE, "example2.mysql.db")][0] == 45 * MB
    assert len(found) == len(plans) + sum(1 for _, database in found if database)
    with app.app_context():  # the 401-day-old row went with the first run's pruning
        days = db.session.scalars(select(UseSnapshot.day).distinct()).all()
        assert days == [store.today()]
    calls = sandbox.stats()["by_route"]
    assert calls.get("GET /hosting/web") == 1
    assert calls.get("GET /hosting/web/{serviceName}/database") == len(plans)
    assert sum(calls.values()) <= 1 + len(plans) * 4  # the list, and each plan's databases


def test_a_fresh_install_notes_today_from_the_page_and_says_the_trend_comes_later(
    admin_client: FlaskClient, app: Flask, sandbox: SandboxControl
) -> None:
    admin_client.get("/hosting/", headers=EN)  # python-ovh's first clock sync out of the count
    sandbox.clear_stats()
    html = admin_client.get(OVERVIEW, headers=EN).get_data(as_text=True)
    assert "Disk use over time" in html and "The trend appears after a few days." in html
    assert 'id="disk-trend-chart"' not in html
    assert rows(app) == {(GRANTED_SERVICE, PLAN): (round(1843.2 * MB), 250 * 1024 * MB)}
    calls = sandbox.stats()["by_route"]
    assert calls.get("GET /hosting/web/{serviceName}") == 1  # the page's own read, no other
    admin_client.get(f"/hosting/{GRANTED_SERVICE}/databases/", headers=EN)
    assert (GRANTED_SERVICE, "example.mysql.db") in rows(app)  # the list noted them too


def test_the_overview_shows_the_disk_trend_with_its_numbers(
    admin_client: FlaskClient, app: Flask
) -> None:
    history(app, PLAN, [1700 + day for day in range(120)], 250 * 1024)
    html = admin_client.get(OVERVIEW, headers=EN).get_data(as_text=True)
    section = html.split('id="disk-trend"', 1)[1].split("</section>", 1)[0]
    assert re.search(r"Up \d+(\.\d)? MB in the last 30 days\.", section)
    assert "is full in about" not in section  # 250 GB is years away
    assert 'role="img"' in section and "Disk space used (GB)" in section
    assert "style=" not in section and 'class="chart-limit"' not in section
    assert len(re.findall(r"<tr><td>[^<]+</td><td>[^<]+</td></tr>", section)) == 31
    assert '<option value="30" selected>' in section
    assert '<input type="hidden" name="type" value="in.httpHits">' in section
    year = admin_client.get(OVERVIEW + "?days=365&period=daily", headers=EN).get_data(as_text=True)
    section = year.split('id="disk-trend"', 1)[1].split("</section>", 1)[0]
    assert "in the last 120 days." in section  # the history is that long
    assert '<option value="365" selected>' in section
    assert '<input type="hidden" name="days" value="365">' in year  # kept by the activity form
    assert '<option value="daily" selected>' in year
    odd = admin_client.get(OVERVIEW + "?days=7", headers=EN).get_data(as_text=True)
    assert '<option value="30" selected>' in odd


def test_a_database_near_its_quota_says_when_it_is_full_in_french(
    admin_client: FlaskClient, app: Flask
) -> None:
    history(app, "exampleblog.mysql.db", [300 + 0.8 * day for day in range(115)], 400)
    html = admin_client.get(DATABASE, headers=FR).get_data(as_text=True)
    section = html.split('id="size-trend"', 1)[1].split("</section>", 1)[0]
    assert "Taille au fil du temps" in section
    assert re.search(r"En hausse de \d+(,\d)? Mo sur les 30 derniers jours\.", section)
    assert "À ce rythme, la base de données sera pleine dans environ" in section
    assert 'class="chart-limit"' in section and "Quota : 400 Mo." in section
    assert "Les chiffres" in section


def test_a_shrinking_database_and_one_without_change(
    admin_client: FlaskClient, app: Flask, sandbox: Any
) -> None:
    history(app, "exampleblog.mysql.db", [420 - day for day in range(20)], 400)
    html = admin_client.get(DATABASE, headers=EN).get_data(as_text=True)
    assert re.search(r"Down \d+(\.\d)? MB in the last 20 days\.", html)
    assert "is full in about" not in html
    history(app, "example.mysql.db", [112.4] * 10, 400)
    html = admin_client.get(DATABASE.replace("exampleblog", "example"), headers=EN).get_data(
        as_text=True
    )
    assert "No change in the last 10 days." in html
