"""The sandbox's ``/statistics`` routes: OVH's required, enumerated ``period`` and ``type``, and
series that look like a site's real week."""

from __future__ import annotations

from itertools import pairwise

import ovh
import pytest

SN = "example.cluster01.hosting.ovh.net"
STATS = f"/hosting/web/{SN}/statistics"


def test_a_plan_series_has_a_unit_and_a_point_per_step(client: ovh.Client) -> None:
    (serie,) = client.get(STATS, period="daily", type="in.httpHits")
    assert serie["unit"] == "hits" and serie["serieName"] == "in.httpHits"
    stamps = [point["timestamp"] for point in serie["values"]]
    assert len(stamps) == 96 and stamps == sorted(stamps)
    assert {b - a for a, b in pairwise(stamps)} == {900}
    assert all(isinstance(point["value"], int) and point["value"] >= 0 for point in serie["values"])
    # The same question, the same answer (within a step): a chart does not jump on reload.
    assert client.get(STATS, period="daily", type="in.httpHits")[0]["values"] == serie["values"]


def test_period_and_type_are_required_and_checked_against_ovh_enums(client: ovh.Client) -> None:
    with pytest.raises(ovh.exceptions.BadParametersError):
        client.get(STATS, period="daily")
    with pytest.raises(ovh.exceptions.BadParametersError):
        client.get(STATS, period="hourly", type="in.httpHits")
    with pytest.raises(ovh.exceptions.BadParametersError):
        client.get(
            f"/hosting/web/{SN}/database/example.mysql.db/statistics",
            period="daily",
            type="in.httpHits",
        )


def test_a_database_series_and_an_unknown_database(client: ovh.Client) -> None:
    base = f"/hosting/web/{SN}/database"
    (serie,) = client.get(f"{base}/example.mysql.db/statistics", period="monthly", type="statement")
    assert serie["unit"] == "statements" and len(serie["values"]) == 120
    with pytest.raises(ovh.exceptions.ResourceNotFoundError):
        client.get(f"{base}/nothing.mysql.db/statistics", period="monthly", type="statement")
