"""``/1.0/hosting/web``: the service list, one service, its rename, and its tasks."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from ovh_sandbox import api, tasks
from ovh_sandbox.db import public
from ovh_sandbox.errors import bad_request, not_found

bp = Blueprint("hosting_service", __name__, url_prefix="/1.0/hosting/web")

DISPLAY_NAME_MAX = 50


def service_view(service: str) -> dict[str, Any]:
    """``hosting.web.ServiceWithIAM``, with ``hasHostedSsl`` following the certificates."""
    store = api.store()
    doc = public(api.service_doc(service))
    doc["hasHostedSsl"] = bool(store.get("ssl", service) or store.all("domainssl", service))
    return doc


@bp.get("")
def list_services() -> Response:
    return api.listing(api.store().services(), service_view)


@bp.get("/<serviceName>")
def get_service(serviceName: str) -> Response:
    return api.answer(service_view(serviceName))


@bp.put("/<serviceName>")
def rename_service(serviceName: str) -> Response:
    doc = api.service_doc(serviceName)
    values = api.body("PUT /hosting/web/{serviceName}")
    display_name = values.get("displayName")
    if display_name is not None and len(display_name) > DISPLAY_NAME_MAX:
        raise bad_request(f"displayName must be {DISPLAY_NAME_MAX} characters at most")
    if "displayName" in values:
        doc["displayName"] = display_name
        doc["iam"]["displayName"] = display_name
        api.store().put("service", serviceName, "", doc)
    return api.void()


@bp.get("/<serviceName>/serviceInfos")
def service_infos(serviceName: str) -> Response:
    """``services.Service``: when the plan expires and how it is renewed. A service stored
    before this route existed gets the renewal a new plan has (a year, renewed by itself)."""
    doc = api.service_doc(serviceName)
    infos = doc.get("_serviceInfos")
    if infos is None:
        from ovh_sandbox.seed_data import Plan, service_infos

        infos = service_infos(Plan(serviceName, doc["offer"], 1, "gra", "", 0))
    return api.answer(infos)


@bp.get("/<serviceName>/tasks")
def list_tasks(serviceName: str) -> Response:
    api.service_doc(serviceName)
    # The status filter was checked against hosting.web.task.StatusEnum by the protocol layer.
    found = tasks.listing(
        api.conn(), serviceName, request.args.get("function"), request.args.get("status")
    )
    by_id = {task["id"]: task for task in found}
    return api.listing(list(by_id), by_id.__getitem__)


@bp.get("/<serviceName>/tasks/<int:id>")
def get_task(serviceName: str, id: int) -> Response:
    api.service_doc(serviceName)
    task = tasks.find(api.conn(), serviceName, id)
    if task is None:
        raise not_found(f"The requested object (id = {id}) does not exist")
    return api.answer(task)
