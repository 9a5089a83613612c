"""``/1.0/hosting/web/{serviceName}/statistics`` and ``…/database/{name}/statistics``: activity
over time, as OVH answers it, a list of ``complexType.ChartSerie<ChartTimestampValue>``.

The series are made up but realistic and stable: a daily rhythm (quiet at night, busy in the
afternoon), a weekly one (calmer weekends), slow growth and some noise, drawn from a seed of the
service, the type and the period, so the same question gets the same answer within a step. The
number of points and their spacing per period, and the units, are the sandbox's choice (OVH does
not document them): see the UNCONFIRMED table in ``ovh_sandbox/README.md``. ``period`` and
``type`` are required and checked against OVH's enums by the protocol layer."""

from __future__ import annotations

import hashlib
import math
import random

from flask import Blueprint, Response, request

from ovh_sandbox import api, clock
from ovh_sandbox.errors import not_found

bp = Blueprint("hosting_statistics", __name__, url_prefix="/1.0/hosting/web")

# period: (number of points, seconds between two)
PERIODS = {
    "daily": (96, 15 * 60),
    "weekly": (84, 2 * 3600),
    "monthly": (120, 6 * 3600),
    "yearly": (122, 3 * 86400),
}
# type: (unit, typical value at the busiest hour, whether it is a whole count)
HOSTING_TYPES = {
    "in.httpHits": ("hits", 420.0, True),
    "in.httpMeanResponseTime": ("ms", 180.0, False),
    "in.ftpCommands": ("commands", 12.0, True),
    "out.tcpConn": ("connections", 35.0, True),
    "sys.cpuUsage": ("%", 38.0, False),
    "sys.workerSpawnOverload": ("spawns", 3.0, True),
}
DATABASE_TYPES = {
    "statement": ("statements", 900.0, True),
    "statementMeanTime": ("ms", 4.5, False),
}


def series(seed: str, period: str, kind: tuple[str, float, bool]) -> list[dict[str, object]]:
    unit, peak, whole = kind
    points, step = PERIODS[period]
    end = int(clock.now()) // step * step
    rng = random.Random(hashlib.sha256(seed.encode()).hexdigest())
    values = []
    for index in range(points):
        at = end - (points - 1 - index) * step
        hour = (at % 86400) / 3600
        awake = 6 <= hour <= 22
        daily = 0.25 + 0.75 * max(0.0, math.sin(math.pi * (hour - 6) / 16)) if awake else 0.2
        weekly = 0.7 if (at // 86400 + 4) % 7 >= 5 else 1.0  # 1970-01-01 was a Thursday
        growth = 0.85 + 0.15 * index / max(1, points - 1)
        level = peak * (daily if period in ("daily", "weekly") else 0.6) * weekly * growth
        value = max(0.0, level * rng.uniform(0.8, 1.2))
        values.append({"timestamp": at, "value": round(value) if whole else round(value, 2)})
    return [{"serieName": seed.split("|")[1], "unit": unit, "values": values}]


@bp.get("/<serviceName>/statistics")
def hosting_statistics(serviceName: str) -> Response:
    api.service_doc(serviceName)
    period, kind = request.args["period"], request.args["type"]
    seed = f"{serviceName}|{kind}|{period}"
    return api.answer(series(seed, period, HOSTING_TYPES[kind]))


@bp.get("/<serviceName>/database/<name>/statistics")
def database_statistics(serviceName: str, name: str) -> Response:
    api.service_doc(serviceName)
    if api.store().get("database", serviceName, name) is None:
        raise not_found(f"The requested object (name = {name}) does not exist")
    period, kind = request.args["period"], request.args["type"]
    seed = f"{serviceName}/{name}|{kind}|{period}"
    return api.answer(series(seed, period, DATABASE_TYPES[kind]))
