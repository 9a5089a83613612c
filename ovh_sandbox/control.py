"""Control routes outside ``/1.0`` (no signature, no faults): faults, stats and reset."""

from __future__ import annotations

from flask import Blueprint, Response, request

from ovh_sandbox import api, faults, seed, stats
from ovh_sandbox.errors import bad_request
from ovh_sandbox.validation import parse_json_object

bp = Blueprint("control", __name__, url_prefix="/_sandbox")


@bp.get("/faults")
def read_faults() -> Response:
    return api.answer(faults.current(api.conn()))


@bp.post("/faults")
def set_faults() -> Response:
    return api.answer(faults.merge(api.conn(), parse_json_object(request.get_data())))


@bp.get("/stats")
def read_stats() -> Response:
    return api.answer(stats.summary(api.conn()))


@bp.delete("/stats")
def clear_stats() -> Response:
    stats.clear(api.conn())
    return api.answer(stats.summary(api.conn()))


@bp.post("/reset")
def reset() -> Response:
    asked = parse_json_object(request.get_data())
    services, domains = asked.get("services", 3), asked.get("domains", 0)
    for name, value in (("services", services), ("domains", domains)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise bad_request(f"{name} must be an integer >= 0")
    seed.reset(api.config(), services, domains)
    return api.answer({"services": services})
