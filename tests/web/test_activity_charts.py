"""The plan's and each database's activity as SVG charts drawn by the panel, with the numbers
in a table, the period and measure chosen in a plain form, in one round trip with the page."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient

from tests.support.panel_data import GRANTED_SERVICE

OVERVIEW = f"/hosting/{GRANTED_SERVICE}/"
DATABASE = f"/hosting/{GRANTED_SERVICE}/databases/example.mysql.db/"
EN = {"Accept-Language": "en"}


def test_the_overview_draws_the_weeks_requests_with_its_numbers(
    admin_client: FlaskClient, sandbox: Any
) -> None:
    admin_client.get(OVERVIEW, headers=EN)  # python-ovh's first clock sync out of the count
    sandbox.clear_stats()
    html = admin_client.get(OVERVIEW, headers=EN).get_data(as_text=True)
    assert "GET /hosting/web/{serviceName}/statistics" in sandbox.stats()["by_route"]
    chart = html.split('<figure class="chart"', 1)[1].split("</figure>", 1)[0]
    assert 'role="img"' in chart and "<title" in chart and "Requests to the sites" in chart
    assert 'class="chart-line" points="' in chart and 'class="chart-peak"' in chart
    assert "style=" not in chart  # the CSP allows no inline style: SVG attributes only
    assert "Highest:" in chart and "Latest:" in chart
    rows = re.findall(r"<tr><td>[^<]+</td><td>[^<]+</td></tr>", chart)
    assert len(rows) == 84  # weekly: one point every 2 hours
    assert '<option value="weekly" selected>' in html


def test_the_period_and_measure_come_from_the_address_and_only_ovhs_values(
    admin_client: FlaskClient,
) -> None:
    html = admin_client.get(OVERVIEW + "?period=daily&type=sys.cpuUsage", headers=EN).get_data(
        as_text=True
    )
    assert '<option value="daily" selected>' in html and "Processor use (%)" in html
    assert len(re.findall(r"<tr><td>[^<]+</td><td>[^<]+</td></tr>", html)) >= 96
    odd = admin_client.get(OVERVIEW + "?period=hourly&type=<b>", headers=EN)
    assert odd.status_code == 200 and '<option value="weekly" selected>' in odd.get_data(
        as_text=True
    )


def test_a_database_page_draws_its_queries_in_french(admin_client: FlaskClient) -> None:
    html = admin_client.get(
        DATABASE + "?type=statementMeanTime", headers={"Accept-Language": "fr"}
    ).get_data(as_text=True)
    chart = html.split('<figure class="chart"', 1)[1].split("</figure>", 1)[0]
    assert "Temps moyen des requêtes (ms)" in chart and "Les chiffres" in chart
    assert re.search(r"<td>\d+,\d+</td>", chart)  # French decimals
