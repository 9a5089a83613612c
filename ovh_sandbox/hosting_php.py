"""``/1.0/hosting/web/{serviceName}/ovhConfig*``: the plan's PHP configurations (its
``.ovhconfig`` files), what it can run, what OVH recommends, change and roll back.

A configuration with a ``path`` other than the root applies to the folder of that name and the
domains served from it. A change keeps what was there as a historical configuration, which
``rollback`` can bring back.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from ovh_sandbox import api, tasks
from ovh_sandbox.db import public
from ovh_sandbox.effects import CONFIG_VALUES
from ovh_sandbox.errors import bad_request, conflict, not_found
from ovh_sandbox.seed_settings import PHP_CAPABILITIES, PHP_RECOMMENDED
from ovh_sandbox.validation import query_bool

bp = Blueprint("hosting_php", __name__, url_prefix="/1.0/hosting/web/<serviceName>")

# Trigger input: the retired 32-bit image ends a change ``cancelled`` (how OVH ends a failure).
FAILING_CONTAINER = "jessie.i386"


def _config(service: str, number: int) -> dict[str, Any]:
    api.service_doc(service)
    doc = api.store().get("ovhconfig", service, str(number))
    if doc is None:
        raise not_found(f"The requested object (id = {number}) does not exist")
    return doc


def _start(
    service: str,
    doc: dict[str, Any],
    function: str,
    status: str,
    changes: dict[str, Any],
    outcome: str = "done",
) -> Response:
    if doc["status"] != "created":
        raise conflict(
            f"An operation is already in progress on this configuration (task {doc['taskId']})"
        )
    task = api.start_task(
        service,
        "ovhconfig",
        str(doc["id"]),
        function=function,
        object_type="OvhConfig",
        outcome=outcome,
        doc=doc,
        status=status,
        changes=changes,
    )
    return api.answer(task)


@bp.get("/ovhConfig")
def list_configs(serviceName: str) -> Response:
    api.service_doc(serviceName)
    historical = query_bool(dict(request.args), "historical")
    wanted_path = request.args.get("path")
    docs = {
        d["id"]: public(d)
        for d in api.store().all("ovhconfig", serviceName)
        if (historical is None or bool(d["historical"]) == historical)
        and (wanted_path is None or d["path"] == wanted_path)
    }
    return api.listing(sorted(docs), docs.__getitem__)


@bp.get("/ovhConfig/<int:id>")
def get_config(serviceName: str, id: int) -> Response:
    return api.answer(public(_config(serviceName, id)))


@bp.post("/ovhConfig/<int:id>/changeConfiguration")
def change_configuration(serviceName: str, id: int) -> Response:
    doc = _config(serviceName, id)
    values = api.body("POST /hosting/web/{serviceName}/ovhConfig/{id}/changeConfiguration")
    if doc["historical"]:
        raise bad_request("This configuration is historical: change the current one")
    changes = {k: values[k] for k in CONFIG_VALUES if values.get(k) is not None}
    version = changes.get("engineVersion", doc["engineVersion"])
    images = {c["version"]: c["containerImage"] for c in PHP_CAPABILITIES}
    if version not in images:
        raise bad_request(
            f"PHP {version} is not available on this hosting; available: {', '.join(images)}"
        )
    container = changes.get("container")
    if container is None and doc["container"] not in images[version]:
        container = changes["container"] = images[version][-1]
    if container is not None and container not in images[version]:
        raise bad_request(
            f"The container {container} cannot run PHP {version}; "
            f"available: {', '.join(images[version])}"
        )
    outcome = tasks.FAILED if container == FAILING_CONTAINER else "done"
    return _start(serviceName, doc, "ovhConfig/update", "updating", changes, outcome)


@bp.post("/ovhConfig/<int:id>/rollback")
def rollback(serviceName: str, id: int) -> Response:
    doc = _config(serviceName, id)
    values = api.body("POST /hosting/web/{serviceName}/ovhConfig/{id}/rollback")
    earlier = api.store().get("ovhconfig", serviceName, str(values["rollbackId"]))
    if earlier is None or not earlier["historical"] or earlier["path"] != doc["path"]:
        raise bad_request(
            f"rollbackId {values['rollbackId']} is not an earlier configuration of this one"
        )
    changes = {k: earlier[k] for k in CONFIG_VALUES}
    return _start(serviceName, doc, "ovhConfig/rollback", "rollbacking", changes)


@bp.get("/ovhConfigCapabilities")
def capabilities(serviceName: str) -> Response:
    api.service_doc(serviceName)
    return api.answer(PHP_CAPABILITIES)


@bp.get("/ovhConfigRecommendedValues")
def recommended_values(serviceName: str) -> Response:
    api.service_doc(serviceName)
    return api.answer(PHP_RECOMMENDED)
